"""Load YAML written by staff, remembering where every value stands.

Three deliberate differences from ``yaml.safe_load``:

- Only ``true`` and ``false`` are booleans, as in YAML 1.2: YAML 1.1 also
  reads ``no``, ``yes``, ``on`` and ``off`` so, and Norway's country code
  ``NO`` (or the language ``no``) became false.
- Dates stay strings (no implicit timestamps), so the schema decides what a
  valid date is and an impossible one such as 2020-02-30 is reported at its
  line instead of crashing the loader.
- A key given twice in one mapping is an error: YAML would keep the last one
  and the first would silently vanish.
"""

import re

import yaml

from .problems import ContentError, Problem

# libyaml's parser when PyYAML has it (it does on PyPI's wheels): several
# times faster on large sites, with the same nodes and marks.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader without the implicit timestamp type, and YAML 1.2's booleans."""


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", _BOOL)
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF")


class Positions(dict):
    """Maps a field path such as ``("partner", 0, "country")`` to (line, column).

    A path that is not in the file (a missing field) takes the position of
    its nearest parent that is.
    """

    def locate(self, path):
        path = tuple(path)
        if path not in self:
            # A single item written where a list is allowed ("partner: {...}")
            # is validated as item 0 of a list; the file has no index there.
            without_index = tuple(part for part in path if part != 0)
            if without_index in self:
                return self[without_index]
        while path not in self and path:
            path = path[:-1]
        return self.get(path, (1, 1))


def load_yaml(text, path, first_line=1):
    """Parse ``text`` (which starts at line ``first_line`` of ``path``).

    Returns ``(data, positions)``; raises ContentError for broken YAML or a
    duplicated key, with the line where the parser found the problem.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "is not valid YAML").strip()
        if "tab" in problem or "\\t" in problem:
            problem += "; indent with spaces, not tabs"
        raise ContentError(
            [
                Problem(
                    path,
                    mark.line + first_line,
                    mark.column + 1,
                    "error",
                    f"broken YAML: {problem} (check indentation, colons and quotes)",
                )
            ]
        ) from None
    finally:
        loader.dispose()

    positions = Positions({(): (first_line, 1)})
    problems = []
    if node is not None:
        _walk(node, (), positions, problems, path, first_line)
    if problems:
        raise ContentError(problems)
    return data, positions


def _walk(node, at, positions, problems, path, first_line):
    if at:
        positions.setdefault(at, (node.start_mark.line + first_line, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            where = (key_node.start_mark.line + first_line, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(
                    Problem(path, *where, "error", f"`{key}` is given twice; keep only one")
                )
            seen.add(key)
            positions[(*at, key)] = where
            _walk(value_node, (*at, key), positions, problems, path, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*at, index), positions, problems, path, first_line)
