"""Check loaded YAML against a pydantic model and explain every problem.

A content type declares its fields once, as a pydantic model with a
``description`` on each field saying what is allowed; the same model serves
the build and the content check. Here pydantic's errors become messages for
staff: the field by name, what was expected, what was found, and the
closest allowed name for a typo.
"""

import difflib

import pydantic

from .problems import Problem

# pydantic error types that mean "the value has the wrong kind".
_WRONG_KIND = {
    "string_type": "text",
    "list_type": "a list",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "dict_type": "a set of named fields",
    "model_type": "a set of named fields",
    "model_attributes_type": "a set of named fields",
}


def check(model, data, positions, path):
    """Validate ``data``; return ``(instance or None, [Problem, ...])``."""
    if data is None:
        data = {}
    try:
        return model.model_validate(data), []
    except pydantic.ValidationError as error:
        return None, [_problem(model, e, positions, path) for e in error.errors()]


def _problem(model, error, positions, path):
    loc = error["loc"]
    field = ".".join(str(part) for part in loc) or "the file"
    kind = error["type"]
    received = error.get("input")
    if kind == "missing":
        message = f"`{field}` is required but missing; expected {_expected(model, loc)}"
    elif kind == "extra_forbidden":
        message = _unknown_field(model, loc, field)
    elif kind in ("string_too_short", "too_short"):
        message = f"`{field}` is empty; expected {_expected(model, loc)}"
    elif kind in _WRONG_KIND:
        message = f"`{field}` must be {_WRONG_KIND[kind]}, found {_show(received)}"
        if kind != "string_type" or not isinstance(received, (dict, list)):
            message += f"; expected {_expected(model, loc)}"
    else:
        # Our own validators raise ValueError with a message for staff.
        reason = error["msg"].removeprefix("Value error, ")
        message = f"`{field}` {reason}, found {_show(received)}"
    line, column = positions.locate(loc)
    return Problem(path, line, column, "error", message)


def _unknown_field(model, loc, field):
    allowed = list(_fields_at(model, loc[:-1]))
    message = f"unknown field `{field}`; allowed fields: {', '.join(allowed)}"
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    if close:
        message += f" (did you mean `{close[0]}`?)"
    return message


def _fields_at(model, loc):
    """The fields of the (sub)model that ``loc`` points into."""
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = _model_in(annotation) or model
    return model.model_fields


def _expected(model, loc):
    fields = _fields_at(model, loc[:-1])
    info = fields.get(loc[-1]) if loc else None
    return (info.description if info and info.description else "a value").rstrip(".")


def _model_in(annotation):
    """The pydantic model inside an annotation such as ``list[Partner]``."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None


def _show(value):
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "..."
