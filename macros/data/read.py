"""Read one YAML data file safely, keeping where every value stands in the file.

Only plain data is built: mappings, lists, text, numbers, booleans and null. Tags
that build objects are refused (never constructed, so nothing in them runs), nesting
and alias expansion are bounded, and dates stay text so that the model parses them
(and reports them) itself.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from macros.data.problems import Problem

MAX_FILE_BYTES = 256 * 1024
# Every value built counts, so an alias bomb ("billion laughs") stops early.
MAX_VALUES = 20_000
# Real files nest four levels (city → dimensions → key → elements); deeper is a mistake
# or an attack on the parser, which recurses once per level.
MAX_DEPTH = 20

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

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DataLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that leaves `2024-03-01` as text: the model decides what a date is."""

    # The C parser asks Python for the tag of every scalar, and keys and short values repeat
    # across files: remembering the answers saves about 40 % of the reading time. Sound because
    # the loader has no path resolvers, so a scalar's tag depends on its text alone.
    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode or len(value) > _SHORT:
            return str(_resolve(self, kind, value, implicit))
        key = (value, implicit)
        tag = _short_tags.get(key)
        if tag is None:
            tag = str(_resolve(self, kind, value, implicit))
            if len(_short_tags) < _SHORT_TAGS_KEPT:
                _short_tags[key] = tag
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # only path resolvers use it

    def ascend_resolver(self) -> None:
        pass


assert not _BaseLoader.yaml_path_resolvers
_resolve: Any = yaml.resolver.BaseResolver.resolve
_SHORT, _SHORT_TAGS_KEPT = 40, 100_000
_short_tags: dict[tuple[str, Any], str] = {}


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """The plain data of one file, and its text to tell where each value stands."""

    path: str
    data: Any
    text: str = field(repr=False)

    @cached_property
    def root(self) -> yaml.Node:
        """The YAML node tree, made again only when a problem needs a position.

        Keeping every file's tree from the first reading would hold about 80 KB per
        program (a gigabyte at 10,000 programs) and slow Python's garbage collector.
        """
        node = _single_node(self.text)
        assert node is not None, "a document that was read has a node tree"
        return node

    def _walk(self, location: Location) -> tuple[yaml.Node, yaml.Node | None]:
        """The deepest node on the way to `location`, and the key node that leads to it."""
        node, key_node = self.root, None
        for part in location:
            if isinstance(node, yaml.MappingNode):
                found = next(
                    ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and _key(k) == part), None
                )
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
            Problem(
                shown_as,
                1,
                1,
                "(file)",
                f"the file is {-(-len(raw) // 1024)} KiB; the limit is {MAX_FILE_BYTES // 1024} KiB "
                "per file: shorten the texts or split the program",
            )
        )
    if raw.startswith(codecs.BOM_UTF8):
        raise ReadFailed(
            Problem(
                shown_as, 1, 1, "(file)", "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM"
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(raw, error.start)
        raise ReadFailed(
            Problem(
                shown_as,
                line,
                column,
                "(file)",
                f"the file is not UTF-8 (byte 0x{raw[error.start]:02X} here); save it with the UTF-8 encoding",
            )
        ) from None
    return _compose(text, shown_as)


def read_text(text: str, shown_as: str) -> Document:
    """Read YAML that is already text (an edited file, before it is written) with the same limits."""
    return _compose(text, shown_as)


def _line_and_column(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset into UTF-8 `raw`."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def _single_node(text: str) -> yaml.Node | None:
    loader = _DataLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _compose(text: str, shown_as: str) -> Document:
    try:
        _check_nesting(text, shown_as)
        node = _single_node(text)
    except yaml.MarkedYAMLError as error:
        raise ReadFailed(_syntax_problem(error, text, shown_as)) from None
    except yaml.reader.ReaderError as error:
        # libyaml counts this position in bytes of the UTF-8 text.
        line, column = _line_and_column(text.encode("utf-8"), error.position)
        raise ReadFailed(
            Problem(
                shown_as,
                line,
                column,
                "(yaml)",
                f"the character U+{error.character:04X} is not allowed in YAML (a control "
                "character, often pasted by accident); delete it",
            )
        ) from None
    except yaml.YAMLError as error:  # any other complaint of the parser, in its own words
        raise ReadFailed(Problem(shown_as, 1, 1, "(yaml)", f"YAML error: {_first_line(str(error))}")) from None
    if node is None:
        raise ReadFailed(
            Problem(
                shown_as,
                1,
                1,
                "(file)",
                "the file holds no data (it is empty or all comments); write the fields of the entry (see the README)",
            )
        )
    data = _Builder(shown_as).build(node, ())
    return Document(shown_as, data, text)


def _check_nesting(text: str, shown_as: str) -> None:
    """Refuse deep nesting from the event stream, before the recursive composer sees it."""
    loader = _DataLoader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    assert mark is not None, "the parser marks every event"
                    raise ReadFailed(Problem(shown_as, mark.line + 1, mark.column + 1, "(yaml)", _too_deep()))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _too_deep() -> str:
    return f"the data is nested more than {MAX_DEPTH} levels deep; data files need a few levels only"


class _Builder:
    """Builds plain data from the node tree; positions are looked up only when a problem needs one."""

    def __init__(self, shown_as: str) -> None:
        self.shown_as = shown_as
        self.count = 0
        self.open_nodes: set[int] = set()  # the collections being built, to catch an alias inside its anchor

    def fail(self, node: yaml.Node, location: Location | None, message: str) -> ReadFailed:
        """A problem at `node`, named by its field (or `(yaml)` when `location` is None)."""
        mark = node.start_mark
        name = "(yaml)" if location is None else field_name(location)
        return ReadFailed(Problem(self.shown_as, mark.line + 1, mark.column + 1, name, message))

    def build(self, node: yaml.Node, location: Location) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(
                node,
                None,
                f"aliases (`*name`) expand the file to more than {MAX_VALUES} values; "
                "write the data out without anchors and aliases",
            )
        if id(node) in self.open_nodes:
            raise self.fail(
                node,
                None,
                "an alias (`*name`) stands inside its own anchor (`&name`), so it repeats "
                "without end; write the data out without anchors and aliases",
            )
        if len(location) > MAX_DEPTH:  # aliases of aliases nest deeper than the text shows
            raise self.fail(node, None, _too_deep())
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:  # most values: no constructor needed
                return node.value
            if node.tag not in _PLAIN_TAGS:
                raise self._tag_refused(node, location)
            return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, location)
            if node.tag != _SEQ_TAG:
                raise self._tag_refused(node, location)
            return [self.build(item, (*location, index)) for index, item in enumerate(node.value)]
        finally:
            self.open_nodes.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict[Any, Any]:
        if node.tag != _MAP_TAG:
            raise self._tag_refused(node, location)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, location, "merge keys (`<<`) are not supported; write the fields out")
                raise self.fail(key_node, location, "a key must be a plain name such as `title`")
            key = _key(key_node)
            if key in result:
                first = next(k for k, _ in node.value if _key(k) == key)
                raise self.fail(
                    key_node,
                    (*location, key),
                    f"the key `{key}` appears twice (first on line {first.start_mark.line + 1}); keep one",
                )
            result[key] = self.build(value_node, (*location, key))
        return result

    def _tag_refused(self, node: yaml.Node, location: Location) -> ReadFailed:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        if not tag.startswith("!!"):
            # `title: !Penting` is text to its author, a tag to YAML.
            return self.fail(
                node, location, f"a value starting with `{tag}` is read as a YAML tag; put the whole text in quotes"
            )
        return self.fail(
            node,
            location,
            f"the YAML tag `{tag}` is not allowed (it was not run); "
            "data files hold plain text, numbers, lists and keys only",
        )


def _key(node: yaml.ScalarNode) -> Any:
    return node.value if node.tag == _STR_TAG else _SCALARS.yaml_constructors[node.tag](_SCALARS, node)


# Constructs plain scalars only (the builder checks tags first), never objects.
_SCALARS = yaml.SafeLoader("")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable"


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, shown_as: str) -> Problem:
    """A YAML syntax error in words a maintainer can act on, at the line to fix."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    lines = text.splitlines() or [""]
    source = lines[line] if line < len(lines) else ""
    found = source[column] if column < len(source) else ""
    indent = len(source) - len(source.lstrip(" "))
    problem, context = error.problem or "", error.context or ""
    context_mark = error.context_mark

    message = f"YAML syntax error: {problem}"
    if "tab" in problem or found == "\t":
        message = "a tab character; YAML indents with spaces only: replace the tab with spaces"
    elif "cannot start any token" in problem and found:
        shown = "a backtick (`)" if found == "`" else f"`{found}`"
        message = f"a value cannot start with {shown}; put the whole text in quotes"
    elif "while scanning an alias" in context or "undefined alias" in problem:
        if "while scanning an alias" in context and context_mark:
            line, column = context_mark.line, context_mark.column
        message = "a value starting with `*` is read as a YAML alias; put the whole text in quotes"
    elif "quoted scalar" in context and "end of stream" in problem and context_mark:
        (line, column), message = (
            (context_mark.line, context_mark.column),
            "this quote is never closed; add the closing quote at the end of the text",
        )
    elif "unknown escape" in problem:
        message = (
            "a backslash (`\\`) inside double quotes starts an escape that YAML does not know; "
            "use single quotes, or write `\\\\`"
        )
    elif "mapping values are not allowed" in problem:
        if ": " in source[:column]:
            message = "a `: ` inside a value; put the whole text in quotes"
        else:
            column, message = (
                indent,
                (
                    "this line is indented more than the key above it, which already has "
                    "a value; keys of the same level start in the same column"
                ),
            )
    elif "did not find expected key" in problem:
        if found == "-":
            message = "a list item (`- `) stands where a key (`name: value`) was expected; check the indentation"
        elif column > indent:
            message = "text after the end of the value; if the value is quoted, put the whole text inside the quotes"
        else:
            message = (
                "this line does not line up with the keys above it; keys of the same level start in the same column"
            )
    elif "could not find expected ':'" in problem and context_mark:
        (line, column), message = (
            (context_mark.line, context_mark.column),
            (
                "this line has no `:` after its key (write `key: value`), or a text runs on over several "
                "lines; indent the continuation lines or quote the text"
            ),
        )
    elif "flow sequence" in context and context_mark:
        (line, column), message = (
            (context_mark.line, context_mark.column),
            "this `[` is never closed with `]`; close the list, or put a text starting with `[` in quotes",
        )
    elif "flow mapping" in context and context_mark:
        (line, column), message = (
            (context_mark.line, context_mark.column),
            "this `{` is never closed with `}`; close it, or put a text starting with `{` in quotes",
        )
    elif "another document" in problem:
        message = "a second document starts here (a `---` line); a file holds one entry: remove the line"
    return Problem(shown_as, line + 1, column + 1, "(yaml)", message)
