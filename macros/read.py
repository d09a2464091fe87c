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
    """The plain data of one file, with the (line, column) of each value and key."""

    path: str
    data: Any
    value_positions: dict[Location, tuple[int, int]] = field(repr=False)
    key_positions: dict[Location, tuple[int, int]] = field(repr=False)

    def position(self, location: Location) -> tuple[int, int]:
        """Where the value at `location` is, else its nearest enclosing value."""
        for end in range(len(location), -1, -1):
            found = self.value_positions.get(location[:end])
            if found:
                return found
        return (1, 1)

    def key_position(self, location: Location) -> tuple[int, int]:
        """Where the key of `location` is written (for unknown keys), else its value."""
        return self.key_positions.get(location) or self.position(location)

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
    builder = _Builder(shown_as)
    data = builder.build(node, ())
    return Document(shown_as, data, builder.value_positions, builder.key_positions)


class _Builder:
    def __init__(self, shown_as: str) -> None:
        self.shown_as = shown_as
        self.count = 0
        self.value_positions: dict[Location, tuple[int, int]] = {}
        self.key_positions: dict[Location, tuple[int, int]] = {}

    def fail(self, node: yaml.Node, location: Location, message: str) -> ReadFailed:
        mark = node.start_mark
        return ReadFailed(Problem(self.shown_as, mark.line + 1, mark.column + 1, field_name(location), message))

    def build(self, node: yaml.Node, location: Location) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(node, location,
                            f"the file expands to more than {MAX_VALUES} values (aliases repeated too often?); "
                            "write the data out plainly")
        self.value_positions.setdefault(location, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self._tag_refused(node, location)
            return [self.build(item, (*location, index)) for index, item in enumerate(node.value)]
        if node.tag not in _PLAIN_TAGS:
            raise self._tag_refused(node, location)
        return _SCALARS.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict[Any, Any]:
        if node.tag != _MAP_TAG:
            raise self._tag_refused(node, location)
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, location, "merge keys (<<) are not supported; write the fields out")
                raise self.fail(key_node, location, "a key must be a plain name such as `title`")
            key = _SCALARS.construct_object(key_node)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                raise self.fail(key_node, (*location, key),
                                f"the key `{key}` appears twice (first on line {first_seen[key]}); keep one")
            first_seen[key] = line
            self.key_positions[(*location, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*location, key))
        return result

    def _tag_refused(self, node: yaml.Node, location: Location) -> ReadFailed:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return self.fail(node, location,
                         f"the YAML tag `{tag}` is not allowed; data files hold plain text, numbers and lists only")


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
