"""Check loaded YAML against a pydantic model and explain every problem.

A content type declares its fields once, as a pydantic model with a
``description`` on each field saying what is allowed; the same model serves
the build and the content check. Here pydantic's errors become messages for
staff: the field by name, what was expected, what was found, and the
closest allowed value or name for a typo. A text written per language that
lacks one of the site's languages is a warning.
"""

import typing

import pydantic

from .problems import Problem
from .types import DEFAULT_LANGUAGES, TextMap, closest

# pydantic error types that mean "the value has the wrong kind".
_WRONG_KIND = {
    "string_type": "text",
    "list_type": "a list",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a set of named fields",
    "model_type": "a set of named fields",
    "model_attributes_type": "a set of named fields",
}


def check(model, data, positions, path, languages=DEFAULT_LANGUAGES):
    """Validate ``data``; return ``(instance or None, [Problem, ...])``.

    The problems are errors when the instance is None, and otherwise the
    warnings about texts missing a language.
    """
    if data is None:
        data = {}
    try:
        instance = model.model_validate(data, context={"languages": languages})
    except pydantic.ValidationError as error:
        return None, [_problem(model, e, positions, path) for e in error.errors()]
    return instance, [
        Problem(
            path,
            *positions.locate(loc),
            "warning",
            _missing_language(field_name(loc, positions), missing),
        )
        for loc, missing in partial_texts(instance, (), languages)
    ]


def field_name(loc, positions):
    """How staff see a field path: ``partner[2].country`` (items counted from 1).

    An index that the file does not have (one item written without a list)
    is left out: ``partner.country``.
    """
    name = ""
    for depth, part in enumerate(loc):
        if isinstance(part, int):
            if (*loc[:depth], part) in positions:
                name += f"[{part + 1}]"
        else:
            name += f".{part}" if name else str(part)
    return name or "the file"


def _problem(model, error, positions, path):
    loc = error["loc"]
    field = field_name(loc, positions)
    kind = error["type"]
    received = error.get("input")
    if kind == "missing":
        message = f"`{field}` is required but missing; expected {_expected(model, loc)}"
    elif received is None:
        message = f"`{field}` is empty; expected {_expected(model, loc)}"
    elif kind == "extra_forbidden":
        message = _unknown(f"field `{field}`", loc[-1], list(_fields_at(model, loc[:-1])))
    elif kind == "literal_error":
        allowed = _literal_values(_annotation_at(model, loc))
        message = _unknown(f"value {_show(received)} for `{field}`", received, allowed)
    elif kind == "greater_than_equal":
        message = f"`{field}` must be {error['ctx']['ge']} or more, found {_show(received)}"
    elif kind == "greater_than":
        message = f"`{field}` must be more than {error['ctx']['gt']}, found {_show(received)}"
    elif kind == "less_than_equal":
        message = f"`{field}` must be {error['ctx']['le']} or less, found {_show(received)}"
    elif kind in ("string_too_short", "too_short") or (received is None and kind != "missing"):
        message = f"`{field}` is empty; expected {_expected(model, loc)}"
    elif kind in _WRONG_KIND:
        message = f"`{field}` must be {_WRONG_KIND[kind]}, found {_show(received)}"
        if kind == "string_type" and isinstance(received, (int, float, bool)):
            message += " (put it in quotes to keep it as text)"
        message += f"; expected {_expected(model, loc)}"
    else:
        # The validators in `types` raise ValueError with a message for staff.
        reason = error["msg"].removeprefix("Value error, ")
        message = f"`{field}` {reason}"
        if not isinstance(received, dict):
            message += f", found {_show(received)}"
    return Problem(path, *positions.locate(loc), "error", message)


def _unknown(what, received, allowed):
    message = f"unknown {what}; allowed: {', '.join(map(str, allowed))}"
    suggestion = closest(received, allowed)
    if suggestion:
        message += f" (did you mean `{suggestion}`?)"
    return message


def _missing_language(field, missing):
    return (
        f"`{field}` has no `{missing[0]}` text; pages in that language show the "
        f"other language's text until it is added"
    )


def partial_texts(value, loc, languages):
    """``(loc, [missing languages])`` for every TextMap lacking a language."""
    if isinstance(value, TextMap):
        missing = [code for code in languages if code not in value]
        if missing:
            yield loc, missing
    elif isinstance(value, pydantic.BaseModel):
        for name in type(value).model_fields:
            yield from partial_texts(getattr(value, name), (*loc, name), languages)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from partial_texts(item, (*loc, index), languages)


def _annotation_at(model, loc):
    """The annotation of the field ``loc`` points at (list indices skipped)."""
    annotation = None
    for part in loc:
        if isinstance(part, int):
            continue
        if annotation is not None:
            model = _model_in(annotation) or model
        info = model.model_fields.get(part)
        if info is None:
            return None
        annotation = info.annotation
    return annotation


def _fields_at(model, loc):
    """The fields of the (sub)model that ``loc`` points into."""
    annotation = _annotation_at(model, loc) if loc else None
    return (_model_in(annotation) or model).model_fields


def _expected(model, loc):
    info = _fields_at(model, loc[:-1]).get(loc[-1]) if loc else None
    if info is None and loc and isinstance(loc[-1], int):
        info = _fields_at(model, loc[:-2]).get(loc[-2])
    return (info.description if info and info.description else "a value").rstrip(".")


def _model_in(annotation):
    """The pydantic model inside an annotation such as ``list[Partner]``."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _literal_values(annotation):
    """The allowed values of a ``Literal`` inside an annotation, in order."""
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = _literal_values(arg)
        if found:
            return found
    return []


def _show(value):
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "..."
