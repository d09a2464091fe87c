"""A careful editor of YAML data files: it changes a few values and keeps every other character.

Writing a file back through a YAML library would drop its comments, quotes, blank lines
and layout. Here each change is a splice of the original text at a place found through
the node tree's marks, written in the file's own indentation. Once every change is
made, the new text is read again with the data files' reader and must hold exactly the
data expected; otherwise `YamlEditError` is raised and nothing should be written.

Only block layouts are edited (`key: value`, `- item` lists, one-line `[1, 2]` lists of
numbers): a file written in another style is refused, not guessed at.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from macros.data.language.catalog import Catalog
from macros.data.plan.read import Document, ReadFailed, read_text

Path = tuple[str | int, ...]

_SAY = Catalog(
    "edit.editor",
    {
        "line_breaks": (
            "teks berjeda baris tidak dapat ditulis dalam satu baris",
            "a text with line breaks cannot stand on one line",
        ),
        "no_keys": (
            "{where}: berkas ini tidak memuat kunci di tingkat teratas",
            "{where}: the file does not hold keys at its top level",
        ),
        "no_item": ("{where}: tidak ada butir daftar {part} di sini", "{where}: no list item {part} here"),
        "no_key": ("{where}: tidak ada kunci `{part}` di sini", "{where}: no key `{part}` here"),
        "block_only": (
            "{where}: hanya kunci yang ditulis satu per baris (gaya blok) yang dapat disunting",
            "{where}: only keys written one per line (block style) can be edited",
        ),
        "item_line": (
            "{where}: butir daftar harus diawali `- ` di barisnya sendiri",
            "{where}: a list item must start with `- ` on its own line",
        ),
        "single_value": (
            "{where}: `{key}` harus memuat satu nilai di barisnya",
            "{where}: `{key}` must hold a single value on its line",
        ),
        "list_grows": (
            "{where}: hanya daftar yang ditulis satu butir `- ` per baris yang dapat bertambah",
            "{where}: only a list written one `- ` item per line can grow",
        ),
        "overlap": ("{where}: dua perubahan saling bertumpuk", "{where}: two changes overlap"),
        "unreadable": (
            "berkas hasil suntingan tidak akan terbaca: {problem}",
            "the edited file would not read: {problem}",
        ),
        "other_data": (
            "{where}: berkas hasil suntingan tidak akan memuat data yang diharapkan",
            "{where}: the edited file would not hold the data expected",
        ),
    },
)

# What YAML would read as a date or a month (the reader keeps both as text): written quoted,
# as the example data writes them, so that editors with a schema see text.
_DATE_LIKE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
DEFAULT_LIST_INDENT = 2


class YamlEditError(Exception):
    """The file cannot be edited safely; the message says why, for maintainers."""


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str
    order: int
    depth: int  # lines added at one place: the deeper ones continue what stands above them
    rank: int  # new keys added at one place follow the order of the format's keys


class _TextDumper(yaml.SafeDumper):
    """Texts with line breaks as literal blocks (`|`), the way people write them by hand."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_TextDumper.add_representer(str, _represent_text)


def scalar_text(value: str | int | float) -> str:
    """One scalar as it stands after `key: `, on one line (a date or month quoted)."""
    if isinstance(value, str) and _DATE_LIKE.match(value):
        return f'"{value}"'
    if isinstance(value, str) and "\n" in value:
        raise YamlEditError(_SAY.say("line_breaks"))
    dumped = yaml.dump(value, Dumper=yaml.SafeDumper, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def entry_lines(key: str, value: str | int | float, indent: int) -> list[str]:
    """`key: value` at column `indent`, with a text that has line breaks as an indented block."""
    if isinstance(value, str) and "\n" in value:
        dumped = yaml.dump({key: value}, Dumper=_TextDumper, allow_unicode=True, width=100, sort_keys=False)
        pad = " " * indent
        return [pad + line if line else line for line in dumped.rstrip("\n").split("\n")]
    return [f"{' ' * indent}{key}: {scalar_text(value)}"]


def item_lines(item: dict[str, Any] | int | str, dash_column: int, key_offset: int = 2) -> list[str]:
    """One `- ` list item: a scalar, or a mapping whose first key shares the dash's line."""
    if not isinstance(item, dict):
        return [f"{' ' * dash_column}- {scalar_text(item)}"]
    key_column = dash_column + key_offset
    lines: list[str] = []
    for key, value in item.items():
        lines += entry_lines(key, value, key_column)
    lines[0] = f"{' ' * dash_column}-{' ' * (key_offset - 1)}{lines[0][key_column:]}"
    return lines


class YamlEditor:
    """Edits of one file's text; `result()` applies them and checks the data they give."""

    def __init__(self, text: str, shown_as: str, key_order: Sequence[str] = ()) -> None:
        self.text = text
        self.shown_as = shown_as
        self.key_order = tuple(key_order)
        try:
            self.document: Document = read_text(text, shown_as)
        except ReadFailed as failed:
            raise YamlEditError(str(failed.problem)) from None
        if not isinstance(self.document.root, yaml.MappingNode) or not isinstance(self.document.data, dict):
            raise YamlEditError(_SAY.say("no_keys", where=shown_as))
        self.expected: dict[str, Any] = copy.deepcopy(self.document.data)
        self._splices: list[_Splice] = []

    # ---------------------------------------------------------------- finding nodes

    def _node(self, path: Path) -> yaml.Node:
        node: yaml.Node = self.document.root
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, yaml.SequenceNode) or part >= len(node.value):
                    raise YamlEditError(_SAY.say("no_item", where=self._where(node), part=part))
                node = node.value[part]
            else:
                entry = self._entry(node, part)
                if entry is None:
                    raise YamlEditError(_SAY.say("no_key", where=self._where(node), part=part))
                node = entry[1]
        return node

    @staticmethod
    def _entry(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            return None
        return next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)

    def _where(self, node: yaml.Node) -> str:
        return f"{self.shown_as}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"

    def _block_mapping(self, path: Path) -> yaml.MappingNode:
        node = self._node(path)
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            raise YamlEditError(_SAY.say("block_only", where=self._where(node)))
        return node

    # ---------------------------------------------------------------- positions in the text

    @property
    def changed(self) -> bool:
        return bool(self._splices)

    def _splice(self, start: int, end: int, text: str, depth: int = 0, rank: int = 0) -> None:
        self._splices.append(_Splice(start, end, text, len(self._splices), depth, rank))

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _after_line(self, index: int) -> int:
        """Where the line holding `index` ends, past its line break."""
        end = self.text.find("\n", index)
        return len(self.text) if end == -1 else end + 1

    def _content_end(self, node: yaml.Node) -> int:
        """The index just past the last character written for `node` (trailing blank lines excluded).

        A block mapping or list ends, for the parser, where the next key starts, past any
        comment lines between them; its last value ends where its own text does.
        """
        if not isinstance(node, yaml.CollectionNode) or node.flow_style or not node.value:
            end = int(node.end_mark.index)
        elif isinstance(node, yaml.MappingNode):
            end = max(self._content_end(part) for pair in node.value for part in pair)
        else:
            end = max(self._content_end(item) for item in node.value)
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def _insertion_after(self, node: yaml.Node) -> tuple[int, str]:
        """Where new lines go after `node` (the start of the following line), and the break they need first."""
        point = self._after_line(self._content_end(node))
        needs_break = point == len(self.text) and not self.text.endswith("\n")
        return point, "\n" if needs_break else ""

    def _dash_column(self, item: yaml.Node) -> int:
        """The column of the `- ` that introduces a block list item."""
        start = item.start_mark.index
        before = self.text[self._line_start(start) : start]
        dash = before.rfind("-")
        if dash == -1 or before[:dash].strip() or before[dash + 1 :].strip():
            raise YamlEditError(_SAY.say("item_line", where=self._where(item)))
        return dash

    def _list_indent(self) -> int:
        """How far this file indents a top-level list's `- ` under its key (2 by default)."""
        for key, value in self.document.root.value:
            if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                return self._dash_column(value.value[0]) - int(key.start_mark.column)
        return DEFAULT_LIST_INDENT

    # ---------------------------------------------------------------- edits

    def set_value(self, path: Path, value: str | int | float) -> None:
        """Set the scalar at `path` (its parent must exist); a missing key is added."""
        *parent_path, key = path
        assert isinstance(key, str), "a value is set under a key"
        parent = self._block_mapping(tuple(parent_path))
        entry = self._entry(parent, key)
        if entry is None:
            self._add_key(tuple(parent_path), parent, key, entry_lines(key, value, self._key_column(parent)))
        else:
            node = entry[1]
            if not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">"):
                raise YamlEditError(_SAY.say("single_value", where=self._where(node), key=key))
            self._splice(node.start_mark.index, node.end_mark.index, scalar_text(value))
        self._expected_parent(tuple(parent_path))[key] = value

    def append(self, path: Path, item: dict[str, Any] | int) -> None:
        """Add `item` at the end of the list at `path`; a missing or empty list is started."""
        *parent_path, key = path
        assert isinstance(key, str), "a list stands under a key"
        parent = self._block_mapping(tuple(parent_path))
        entry = self._entry(parent, key)
        key_column = self._key_column(parent)
        dash_column = key_column + self._list_indent()
        if entry is None and not isinstance(item, dict):  # a list of numbers reads best on one line
            self._add_key(tuple(parent_path), parent, key, [f"{' ' * key_column}{key}: [{scalar_text(item)}]"])
        elif entry is None:
            lines = [f"{' ' * key_column}{key}:", *item_lines(item, dash_column)]
            self._add_key(tuple(parent_path), parent, key, lines)
        else:
            self._append_to(entry[0], entry[1], item, dash_column, len(path))
        target = self._expected_parent(tuple(parent_path))
        current = target.get(key)
        target[key] = [*(current if isinstance(current, list) else []), copy.deepcopy(item)]

    def _append_to(
        self, key: yaml.Node, node: yaml.Node, item: dict[str, Any] | int, dash_column: int, depth: int
    ) -> None:
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            last = node.value[-1]
            offset = last.start_mark.column - self._dash_column(last)
            point, prefix = self._insertion_after(last)
            lines = item_lines(item, self._dash_column(last), offset if isinstance(last, yaml.MappingNode) else 2)
            self._splice(point, point, prefix + "\n".join(lines) + "\n", depth)
            return
        if isinstance(node, yaml.SequenceNode) and node.flow_style and not isinstance(item, dict):
            texts = [self.text[i.start_mark.index : i.end_mark.index] for i in node.value]
            if all(isinstance(i, yaml.ScalarNode) and "\n" not in t for i, t in zip(node.value, texts, strict=True)):
                joined = ", ".join([*texts, scalar_text(item)])
                self._splice(node.start_mark.index, node.end_mark.index, f"[{joined}]")
                return
        empty = (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null") or (
            isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value
        )
        if not empty:
            raise YamlEditError(_SAY.say("list_grows", where=self._where(node)))
        # `key:` or `key: []`, maybe with a comment: the comment stays on the key's line, the list goes below.
        colon = self.text.index(":", key.end_mark.index)
        line_end = self._after_line(node.end_mark.index)
        rest = self.text[node.end_mark.index : line_end].strip()
        comment = f"  {rest}" if rest.startswith("#") else ""
        lines = item_lines(item, dash_column)
        ending = "\n" if line_end > 0 and self.text[line_end - 1] == "\n" else ""
        self._splice(colon + 1, line_end, comment + "\n" + "\n".join(lines) + ending)

    def _key_column(self, mapping: yaml.MappingNode) -> int:
        return int(mapping.value[0][0].start_mark.column) if mapping.value else 0

    def _add_key(self, parent_path: Path, parent: yaml.MappingNode, key: str, lines: list[str]) -> None:
        """New lines for a key: before the first present key that follows it in `key_order`, else last."""
        block = "\n".join(lines) + "\n"
        if not parent_path and key in self.key_order:
            later = self.key_order[self.key_order.index(key) + 1 :]
            following = [k for k, _ in parent.value if isinstance(k, yaml.ScalarNode) and k.value in later]
            if following:
                point = self._comments_above(self._line_start(following[0].start_mark.index))
                self._splice(point, point, block)
                return
        point, prefix = self._insertion_after(parent)
        rank = self.key_order.index(key) if not parent_path and key in self.key_order else 0
        self._splice(point, point, prefix + block, len(parent_path), rank)

    def _comments_above(self, line_start: int) -> int:
        """The start of the comment lines right above a key's line: they belong to that key."""
        point = line_start
        while point > 0:
            previous = self._line_start(point - 1)
            if not self.text[previous:point].strip().startswith("#"):
                break
            point = previous
        return point

    def _expected_parent(self, path: Path) -> Any:
        target: Any = self.expected
        for part in path:
            target = target[part]
        return target

    # ---------------------------------------------------------------- result

    def result(self) -> str:
        """The edited text; raises YamlEditError when it would not read back as the data expected."""
        parts: list[str] = []
        position = 0
        for splice in sorted(self._splices, key=lambda s: (s.start, -s.depth, s.rank, s.order)):
            if splice.start < position:
                raise YamlEditError(_SAY.say("overlap", where=self.shown_as))
            parts += [self.text[position : splice.start], splice.text]
            position = splice.end
        edited = "".join([*parts, self.text[position:]])
        try:
            reread = read_text(edited, self.shown_as)
        except ReadFailed as failed:
            raise YamlEditError(_SAY.say("unreadable", problem=failed.problem)) from None
        if reread.data != self.expected:
            raise YamlEditError(_SAY.say("other_data", where=self.shown_as))
        return edited
