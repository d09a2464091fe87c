"""Read one YAML data file safely, keeping where every value stands in the file.

Only plain data is built: mappings, lists, text, numbers, booleans and null. Tags
that build objects are refused, aliases are expanded under a bound, and dates stay
text so that the model parses them (and reports them) itself.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.problems import Problem

MAX_FILE_BYTES = 256 * 1024
# Every value built counts, so an alias bomb ("billion laughs") stops early.
MAX_VALUES = 20_000

Location = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DataLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that leaves `2024-03-01` as text: the model decides what a date is."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """The plain data of one file, and its YAML node tree to tell where each value stands."""

    path: str
    data: Any
    root: yaml.Node = field(repr=False)

    def _walk(self, location: Location) -> tuple[yaml.Node, yaml.Node | None]:
        """The deepest node on the way to `location`, and the key node that leads to it."""
        node, key_node = self.root, None
        for part in location:
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and _key(k) == part), None)
                if found is None:
                    return node, None
                key_node, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                return node, None
        return node, key_node

    def position(self, location: Location) -> tuple[int, int]:
        """(line, column) of the value at `location`, else of its nearest enclosing value."""
        mark = self._walk(location)[0].start_mark
        return mark.line + 1, mark.column + 1

    def key_position(self, location: Location) -> tuple[int, int]:
        """Where the key of `location` is written (for unknown keys), else its value."""
        node, key_node = self._walk(location)
        mark = (key_node or node).start_mark
        return mark.line + 1, mark.column + 1

    def problem(self, location: Location, message: str, *, at_key: bool = False) -> Problem:
        line, column = self.key_position(location) if at_key else self.position(location)
        return Problem(self.path, line, column, field_name(location), message)


class ReadFailed(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def field_name(location: Location) -> str:
    """`("budget", 0, "amount")` → `budget[0].amount`; the whole file is `(file)`."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def read_document(file: Path, shown_as: str) -> Document:
    """Read `file` (named `shown_as` in messages); raise ReadFailed on any mistake."""
    raw = file.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ReadFailed(
            Problem(shown_as, 1, 1, "(file)",
                    f"the file is {len(raw) // 1024} KiB; the limit is {MAX_FILE_BYTES // 1024} KiB "
                    "per file: shorten the texts or split the program")
        )
    if raw.startswith(codecs.BOM_UTF8):
        raise ReadFailed(
            Problem(shown_as, 1, 1, "(file)",
                    "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ReadFailed(
            Problem(shown_as, line, column, "(file)",
                    f"the file is not UTF-8 (byte 0x{raw[error.start]:02X}); save it with the UTF-8 encoding")
        ) from None
    return _compose(text, shown_as)


def _compose(text: str, shown_as: str) -> Document:
    loader = _DataLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise ReadFailed(_syntax_problem(error, shown_as)) from None
    except yaml.YAMLError as error:  # e.g. "expected a single document"
        raise ReadFailed(Problem(shown_as, 1, 1, "(yaml)", _first_line(str(error)))) from None
    finally:
        loader.dispose()
    if node is None:
        raise ReadFailed(
            Problem(shown_as, 1, 1, "(file)", "the file is empty; write the fields of the entry (see the README)")
        )
    data = _Builder(shown_as).build(node, ())
    return Document(shown_as, data, node)


class _Builder:
    """Builds plain data from the node tree; positions are looked up only when a problem needs one."""

    def __init__(self, shown_as: str) -> None:
        self.shown_as = shown_as
        self.count = 0

    def fail(self, node: yaml.Node, location: Location, message: str) -> ReadFailed:
        mark = node.start_mark
        return ReadFailed(Problem(self.shown_as, mark.line + 1, mark.column + 1, field_name(location), message))

    def build(self, node: yaml.Node, location: Location) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(node, location,
                            f"the file expands to more than {MAX_VALUES} values (aliases repeated too often?); "
                            "write the data out plainly")
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:  # most values: no constructor needed
                return node.value
            if node.tag not in _PLAIN_TAGS:
                raise self._tag_refused(node, location)
            return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        if node.tag != _SEQ_TAG:
            raise self._tag_refused(node, location)
        return [self.build(item, (*location, index)) for index, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict[Any, Any]:
        if node.tag != _MAP_TAG:
            raise self._tag_refused(node, location)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, location, "merge keys (<<) are not supported; write the fields out")
                raise self.fail(key_node, location, "a key must be a plain name such as `title`")
            key = _key(key_node)
            if key in result:
                first = next(k for k, _ in node.value if _key(k) == key)
                raise self.fail(key_node, (*location, key),
                                f"the key `{key}` appears twice (first on line {first.start_mark.line + 1}); keep one")
            result[key] = self.build(value_node, (*location, key))
        return result

    def _tag_refused(self, node: yaml.Node, location: Location) -> ReadFailed:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return self.fail(node, location,
                         f"the YAML tag `{tag}` is not allowed; data files hold plain text, numbers and lists only")


def _key(node: yaml.ScalarNode) -> Any:
    return node.value if node.tag == _STR_TAG else _SCALARS.yaml_constructors[node.tag](_SCALARS, node)


# Constructs plain scalars only (the builder checks tags first), never objects.
_SCALARS = yaml.SafeLoader("")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "YAML error"


_SYNTAX_HINTS: list[tuple[str, str]] = [
    ("cannot start any token", "a tab or another character that YAML does not allow here; indent with spaces only"),
    ("while scanning a quoted scalar", "a quoted text is not closed; add the closing quote"),
    ("mapping values are not allowed here",
     "a `:` followed by a space inside a value; put the whole text in quotes"),
    ("expected <block end>", "the indentation does not line up; keys of the same level start in the same column"),
    ("could not find expected ':'", "a line is missing its `:` after the key, or a text runs over lines; check the line"),
    ("while parsing a flow", "a `[` or `{` is not closed; add the closing bracket or quote the text"),
    ("found undefined alias", "an alias (`*name`) refers to an anchor that does not exist"),
]


def _syntax_problem(error: yaml.MarkedYAMLError, shown_as: str) -> Problem:
    description = f"{error.context or ''} {error.problem or ''}"
    mark = error.problem_mark or error.context_mark
    message = f"YAML syntax error: {error.problem}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in description:
            message = hint
            if needle == "while scanning a quoted scalar" and error.context_mark:
                mark = error.context_mark
            break
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(shown_as, line, column, "(yaml)", message)
