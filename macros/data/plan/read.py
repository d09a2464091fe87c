"""Read one YAML data file safely, keeping where every value stands in the file.

Only plain data is built: mappings, lists, text, numbers, booleans and null. Tags
that build objects are refused (never constructed, so nothing in them runs), nesting
and alias expansion are bounded, and dates stay text so that the model parses them
(and reports them) itself.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from macros.data.language.catalog import Catalog
from macros.data.plan.characters import LINE_BREAK, key_shown, one_line, quoted
from macros.data.plan.cut_values import find_cut_figure
from macros.data.plan.problems import Problem
from macros.data.plan.syntax import syntax_problem

MAX_FILE_BYTES = 256 * 1024
# Every value built counts, so an alias bomb ("billion laughs") stops early.
MAX_VALUES = 20_000
# Real files nest four levels (city → dimensions → key → elements); deeper is a mistake
# or an attack on the parser, which recurses once per level.
MAX_DEPTH = 20

Location = tuple[str | int, ...]

_SAY = Catalog(
    "plan.read",
    {
        "too_big": (
            "ukuran berkas {size} KiB; batasnya {limit} KiB per berkas: persingkat teksnya atau pecah programnya",
            "the file is {size} KiB; the limit is {limit} KiB per file: shorten the texts or split the program",
        ),
        "byte_order_mark": (
            "berkas diawali byte order mark (BOM); simpan sebagai UTF-8 tanpa BOM",
            "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM",
        ),
        "not_utf8": (
            "berkas bukan UTF-8 (byte {byte} di sini); simpan dengan encoding UTF-8",
            "the file is not UTF-8 (byte {byte} here); save it with the UTF-8 encoding",
        ),
        "next_line": ("karakter next-line", "a next-line character"),
        "line_separator": ("pemisah baris", "a line separator"),
        "paragraph_separator": ("pemisah paragraf", "a paragraph separator"),
        "unseen_line_break": (
            "karakter {code} ({name}, sering tertempel dari pengolah kata) dibaca YAML sebagai jeda baris; "
            "ganti dengan spasi atau jeda baris sungguhan",
            "the character {code} ({name}, often pasted from a word processor) is read by YAML as a line break; "
            "replace it with a space or a real line break",
        ),
        "control_character": (
            "karakter {code} tidak diperbolehkan dalam YAML (karakter kendali, sering tertempel tanpa sengaja); hapus",
            "the character {code} is not allowed in YAML (a control character, often pasted by accident); delete it",
        ),
        "yaml_error": ("galat YAML: {error}; periksa berkasnya", "YAML error: {error}; check the file"),
        "no_data": (
            "berkas tidak memuat data (kosong atau hanya komentar); tulis isian entrinya (lihat README)",
            "the file holds no data (it is empty or all comments); write the fields of the entry (see the README)",
        ),
        "too_deep": (
            "data bertingkat lebih dari {limit} tingkat; berkas data cukup memakai beberapa tingkat",
            "the data is nested more than {limit} levels deep; data files need a few levels only",
        ),
        "alias_bomb": (
            "alias (`*nama`) memperbesar berkas hingga lebih dari {limit} nilai; "
            "tuliskan datanya secara lengkap tanpa anchor dan alias",
            "aliases (`*name`) expand the file to more than {limit} values; "
            "write the data out without anchors and aliases",
        ),
        "alias_loop": (
            "alias (`*nama`) berada di dalam anchor-nya sendiri (`&nama`), sehingga berulang tanpa akhir; "
            "tuliskan datanya secara lengkap tanpa anchor dan alias",
            "an alias (`*name`) stands inside its own anchor (`&name`), so it repeats "
            "without end; write the data out without anchors and aliases",
        ),
        "merge_key": (
            "merge key (`<<`) tidak didukung; tuliskan isiannya secara lengkap",
            "merge keys (`<<`) are not supported; write the fields out",
        ),
        "complex_key": (
            "kunci harus berupa nama biasa seperti `title`, bukan daftar atau kunci "
            "(`? ` dan kurung membuat kunci seperti itu); tulis `nama: nilai`",
            "a key must be a plain name such as `title`, not a list or keys "
            "(`? ` and brackets make such keys); write `name: value`",
        ),
        "duplicate_key": (
            "kunci `{key}` muncul dua kali (pertama kali di baris {line}); simpan salah satunya",
            "the key `{key}` appears twice (first on line {line}); keep one",
        ),
        "whole_number": ("bilangan bulat", "a whole number"),
        "number": ("angka", "a number"),
        "boolean": ("true atau false", "true or false"),
        "what_its_tag_says": ("yang disebut tag-nya", "what its tag says"),
        "tag_mismatch": (
            "`{value}` bukan {what}, seperti kata tag YAML `{tag}` di depannya; hapus tag itu",
            "`{value}` is not {what}, as the YAML tag `{tag}` before it says; remove the tag",
        ),
        "continuation": (
            "baris `- ` ini dibaca sebagai lanjutan teks di atasnya, bukan butir daftar, karena lebih menjorok; "
            "mulai butir daftar di kolom yang sama, atau beri tanda kutip pada teks",
            "this `- ` line is read as more words of the text above, not as a list item, because "
            "it is indented further; start list items in the same column, or quote the text",
        ),
        "tag_like_value": (
            "nilai yang diawali `{tag}` dibaca sebagai tag YAML; beri tanda kutip pada seluruh teks",
            "a value starting with `{tag}` is read as a YAML tag; put the whole text in quotes",
        ),
        "tag_refused": (
            "tag YAML `{tag}` tidak diperbolehkan (dan tidak dijalankan); "
            "berkas data hanya memuat teks, angka, daftar, dan kunci biasa",
            "the YAML tag `{tag}` is not allowed (it was not run); "
            "data files hold plain text, numbers, lists and keys only",
        ),
        "unreadable": ("tidak terbaca", "unreadable"),
    },
)

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
            found = _step(node, part)
            if found is None:
                return node, None
            key_node, node = found
        return node, key_node

    def node_at(self, location: Location) -> yaml.Node | None:
        """The node written at `location`, or None when the file has none there (nor a text: a
        program read from a workbook's cells)."""
        if not self.text:
            return None
        node: yaml.Node | None = self.root
        for part in location:
            found = _step(node, part) if node is not None else None
            node = found[1] if found is not None else None
        return node

    def position(self, location: Location) -> tuple[int, int]:
        """(line, column) of the value at `location`, else of its nearest enclosing value."""
        node, key_node = self._walk(location)
        mark = node.start_mark
        left_out = isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style
        if key_node is not None and left_out and mark.line > key_node.end_mark.line:
            mark = key_node.end_mark  # a value left out is marked where the next line starts: show its key's line
        return mark.line + 1, mark.column + 1

    def key_position(self, location: Location) -> tuple[int, int]:
        """Where the key of `location` is written (for unknown keys), else its value."""
        node, key_node = self._walk(location)
        mark = (key_node or node).start_mark
        return mark.line + 1, mark.column + 1

    def character_position(self, location: Location, character: str) -> tuple[int, int, str | None]:
        """(line, column) of the first `character` in the text at `location`, and the escape that
        wrote it (`\\x07`, `\\e`) or None when it is typed as it is; else the value's own position."""
        node = self._walk(location)[0]
        if isinstance(node, yaml.ScalarNode):
            starts = _line_starts(self.text)
            begin = starts[node.start_mark.line] + node.start_mark.column
            if node.style in ("|", ">") and node.start_mark.line + 1 < len(starts):
                begin = starts[node.start_mark.line + 1]  # the text of a block starts below its `|` line
            end = starts[min(node.end_mark.line, len(starts) - 1)] + node.end_mark.column
            found = _find_written(self.text, begin, end, character, escapes=node.style == '"')
            if found is not None:
                offset, written = found
                line = _line_of(starts, offset)
                return line + 1, offset - starts[line] + 1, written
        return (*self.position(location), None)

    def problem(self, location: Location, message: str, *, at_key: bool = False) -> Problem:
        line, column = self.key_position(location) if at_key else self.position(location)
        return Problem(self.path, line, column, field_name(location), message)

    def place(self, location: Location) -> str:
        """Where `location` is, for a message about another file: `path:line`."""
        return f"{self.path}:{self.position(location)[0]}"


def _step(node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    """(key node, value node) of `part` in the mapping or list `node`, or None when it has none."""
    if isinstance(node, yaml.MappingNode):
        return next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and _key(k) == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


class ReadFailed(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def field_name(location: Location) -> str:
    """`("budget", 0, "amount")` → `budget[0].amount`; the whole file is `(file)`; an odd key is quoted."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = key_shown(str(part))
            text += f".{name}" if text else name
    return text or "(file)"


def _line_starts(text: str) -> list[int]:
    """Offset of each line's first character, lines broken as YAML breaks them (once NEL, LS and PS are refused)."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(text))]


def _line_of(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:  # the last line that starts at or before `offset`
        middle = (low + high + 1) // 2
        low, high = (middle, high) if starts[middle] <= offset else (low, middle - 1)
    return low


# A double-quoted scalar's escapes: one letter, or `x`, `u`, `U` and 2, 4 or 8 hexadecimal digits.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_LETTER_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def _find_written(text: str, begin: int, end: int, character: str, *, escapes: bool) -> tuple[int, str | None] | None:
    """Where `character` stands in `text[begin:end]`: typed as it is, or (in double quotes) as an escape."""
    index = begin
    while index < end:
        if escapes and text[index] == "\\":
            match = _ESCAPE.match(text, index)
            if match is None:
                return None
            written = match.group()
            code = written[2:]
            decoded = chr(int(code, 16)) if len(written) > 2 else _LETTER_ESCAPES.get(written[1])
            if decoded == character:
                return index, written
            index = match.end()
            continue
        if text[index] == character:
            return index, None
        index += 1
    return None


def read_document(file: Path, shown_as: str, raw: bytes | None = None) -> Document:
    """Read `file` (named `shown_as` in messages), or its bytes `raw` already read; raise ReadFailed on any mistake."""
    if raw is None:
        raw = file.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ReadFailed(
            Problem(
                shown_as,
                1,
                1,
                "(file)",
                _SAY.say("too_big", size=-(-len(raw) // 1024), limit=MAX_FILE_BYTES // 1024),
            )
        )
    if raw.startswith(codecs.BOM_UTF8):
        raise ReadFailed(Problem(shown_as, 1, 1, "(file)", _SAY.say("byte_order_mark")))
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
                _SAY.say("not_utf8", byte=f"0x{raw[error.start]:02X}"),
            )
        ) from None
    return _compose(text, shown_as)


def plain_data(text: str) -> Any:
    """The data of YAML text this program wrote itself (so trusted), read as data files are read:
    dates stay text. One pass of the C parser, without the checks untrusted files get."""
    return yaml.load(text, Loader=_DataLoader)


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


# YAML 1.1 (so libyaml) breaks lines at NEL, LS and PS, editors mostly do not: a text pasted
# with one would silently lose it, and every line number after it would be off by one.
_UNSEEN_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
_UNSEEN_LINE_BREAK_NAMES = {"\x85": "next_line", "\u2028": "line_separator", "\u2029": "paragraph_separator"}


def _check_line_breaks(text: str, shown_as: str) -> None:
    found = _UNSEEN_LINE_BREAKS.search(text)
    if found is None:
        return
    starts = _line_starts(text)
    line = _line_of(starts, found.start())
    character = found.group()
    raise ReadFailed(
        Problem(
            shown_as,
            line + 1,
            found.start() - starts[line] + 1,
            "(yaml)",
            _SAY.say(
                "unseen_line_break",
                code=f"U+{ord(character):04X}",
                name=_SAY.say(_UNSEEN_LINE_BREAK_NAMES[character]),
            ),
        )
    )


def _compose(text: str, shown_as: str) -> Document:
    _check_line_breaks(text, shown_as)
    try:
        _check_nesting(text, shown_as)
        node = _single_node(text)
    except yaml.MarkedYAMLError as error:
        raise ReadFailed(syntax_problem(error, text, shown_as)) from None
    except yaml.reader.ReaderError as error:
        # libyaml counts this position in bytes of the UTF-8 text.
        line, column = _line_and_column(text.encode("utf-8"), error.position)
        raise ReadFailed(
            Problem(
                shown_as,
                line,
                column,
                "(yaml)",
                _SAY.say("control_character", code=f"U+{error.character:04X}"),
            )
        ) from None
    except yaml.YAMLError as error:  # any other complaint of the parser, in its own words
        raise ReadFailed(
            Problem(shown_as, 1, 1, "(yaml)", _SAY.say("yaml_error", error=one_line(_first_line(str(error)))))
        ) from None
    if node is None:
        raise ReadFailed(
            Problem(
                shown_as,
                1,
                1,
                "(file)",
                _SAY.say("no_data"),
            )
        )
    data = _Builder(shown_as, text).build(node, ())
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
    return _SAY.say("too_deep", limit=MAX_DEPTH)


class _Builder:
    """Builds plain data from the node tree; positions are looked up only when a problem needs one."""

    def __init__(self, shown_as: str, text: str) -> None:
        self.shown_as = shown_as
        self.text = text
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
                _SAY.say("alias_bomb", limit=MAX_VALUES),
            )
        if id(node) in self.open_nodes:
            raise self.fail(
                node,
                None,
                _SAY.say("alias_loop"),
            )
        if len(location) > MAX_DEPTH:  # aliases of aliases nest deeper than the text shows
            raise self.fail(node, None, _too_deep())
        if isinstance(node, yaml.ScalarNode):
            if node.start_mark.line != node.end_mark.line and not node.style:  # plain: "" from libyaml
                self._check_continuation(node, location)
            if node.tag == _STR_TAG:  # most values: no constructor needed
                return node.value
            if node.tag not in _PLAIN_TAGS:
                raise self._tag_refused(node, location)
            return self._scalar(node, location)
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
        if node.flow_style and (cut := find_cut_figure(self.text, node)):  # `{amount: 1,5 miliar}`
            raise self.fail(cut.value, (*location, _key(cut.key)), cut.message)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, location or None, _SAY.say("merge_key"))
                raise self.fail(
                    key_node,
                    location or None,  # a top-level key is not "the file"
                    _SAY.say("complex_key"),
                )
            key = self._scalar(key_node, location)
            if key in result:
                first = next(k for k, _ in node.value if _key(k) == key)
                raise self.fail(
                    key_node,
                    (*location, key),
                    _SAY.say("duplicate_key", key=quoted(str(key)), line=first.start_mark.line + 1),
                )
            result[key] = self.build(value_node, (*location, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, location: Location) -> Any:
        """A number, boolean or null; `!!int abc` names a type that its text is not."""
        try:
            return _key(node)
        except (ValueError, KeyError, TypeError):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            what = {"!!int": "whole_number", "!!float": "number", "!!bool": "boolean"}.get(tag, "what_its_tag_says")
            raise self.fail(
                node,
                location,
                _SAY.say("tag_mismatch", value=quoted(node.value), what=_SAY.say(what), tag=tag),
            ) from None

    def _check_continuation(self, node: yaml.ScalarNode, location: Location) -> None:
        """A `- ` line indented under a text is read as more of that text, not as a list item."""
        lines = LINE_BREAK.split(self.text)
        for number in range(node.start_mark.line + 1, node.end_mark.line + 1):
            source = lines[number] if number < len(lines) else ""
            item = source.lstrip(" ")
            if item.startswith("- ") or item == "-":
                raise ReadFailed(
                    Problem(
                        self.shown_as,
                        number + 1,
                        len(source) - len(item) + 1,
                        field_name(location),
                        _SAY.say("continuation"),
                    )
                )

    def _tag_refused(self, node: yaml.Node, location: Location) -> ReadFailed:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        if not tag.startswith("!!"):
            # `title: !Penting` is text to its author, a tag to YAML.
            return self.fail(
                node,
                location,
                _SAY.say("tag_like_value", tag=quoted(tag)),
            )
        return self.fail(
            node,
            location,
            _SAY.say("tag_refused", tag=quoted(tag)),
        )


def _key(node: yaml.ScalarNode) -> Any:
    return node.value if node.tag == _STR_TAG else _SCALARS.yaml_constructors[node.tag](_SCALARS, node)


# Constructs plain scalars only (the builder checks tags first), never objects.
_SCALARS = yaml.SafeLoader("")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else _SAY.say("unreadable")
