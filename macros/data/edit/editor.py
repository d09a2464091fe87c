"""The one YAML editor: every command that changes an existing file changes it here, keeping every other byte.

Writing a file back through a YAML library would drop its comments, quotes, blank lines and
layout (ruamel.yaml's round-trip mode keeps comments but lays the whole file out again from
one indentation setting; guide/architecture.md gives the measurements). Here each change is
a splice of the original text at a place found through the node tree's marks:

- a value that changed is replaced where it stands: a scalar in its own characters and
  quotes (so a comment after it stays), a block text (`|`, `>`) as a block in its own
  column with the text's own final line breaks; items added to a list go after its last
  one, in its indentation; anything else (a record with a new key, a list that shrank) by
  rewriting that one top-level field in the house style (macros.data.edit.write);
- a new key goes after the last present key that comes before it in the format's order (a
  nested one after its record's last key); a key emptied goes with its lines.

New lines use the file's line breaks. Once every change is made, the new text is read again
(with the data files' reader, or `read_config` for mkdocs.yml) and must hold exactly the
data expected; otherwise `YamlEditError` is raised and nothing should be written.
`import --update` uses `update`; progress reports `set_value` and `append`; new-city
`set_value` and `remove` on mkdocs.yml.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from macros.data.edit.write import (
    PROGRAM_KEYS,
    RECORD_KEYS,
    WIDTH,
    block_scalar,
    double_quoted,
    empty,
    entry_lines,
    inline,
    ordered_keys,
    plain,
    scalar_lines,
    single_quoted,
)
from macros.data.language.catalog import Catalog
from macros.data.plan.read import Document, ReadFailed, read_text
from macros.data.plan.syntax import syntax_problem

Path = tuple[str | int, ...]
Reader = Callable[[str, str], Document]

_SAY = Catalog(
    "edit.editor",
    {
        "no_keys": (
            "{where}: berkas ini tidak memuat kunci di tingkat teratas",
            "{where}: the file does not hold keys at its top level",
        ),
        "no_item": ("{where}: tidak ada butir daftar {part} di sini", "{where}: no list item {part} here"),
        "no_key": ("{where}: tidak ada kunci `{part}` di sini", "{where}: no key `{part}` here"),
        "no_list": ("{where}: tidak ada daftar `{key}` di sini", "{where}: no list `{key}` here"),
        "block_only": (
            "{where}: hanya kunci yang ditulis satu per baris (gaya blok) yang dapat disunting",
            "{where}: only keys written one per line (block style) can be edited",
        ),
        "item_line": (
            "{where}: butir daftar harus diawali `- ` di barisnya sendiri",
            "{where}: a list item must start with `- ` on its own line",
        ),
        "shared_value": (
            "{where}: nilai ini dipakai bersama lewat jangkar (`&…`) dan aliasnya (`*…`)",
            "{where}: this value is shared through an anchor (`&…`) and its aliases (`*…`)",
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
DEFAULT_LIST_INDENT = 2
_BLOCK_HEADER = re.compile(r"[|>][-+]?")


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


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The top-level fields whose values differ after YAML's reading (an empty value and none are the same)."""
    keys = [key for key in PROGRAM_KEYS if key in old or key in new]
    keys += [key for key in (*old, *new) if key not in PROGRAM_KEYS and key not in keys]
    return [key for key in keys if old.get(key) != new.get(key) and plain(old.get(key)) != plain(new.get(key))]


class YamlEditor:
    """Edits of one file's text; `result()` applies them and checks the data they give."""

    def __init__(
        self, text: str, shown_as: str, key_order: Sequence[str] = PROGRAM_KEYS, *, read: Reader = read_text
    ) -> None:
        self.text = text
        self.shown_as = shown_as
        self.key_order = tuple(key_order)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.read = read
        try:
            self.document: Document = read(text, shown_as)
        except ReadFailed as failed:
            raise YamlEditError(str(failed.problem)) from None
        if not isinstance(self.document.root, yaml.MappingNode) or not isinstance(self.document.data, dict):
            raise YamlEditError(_SAY.say("no_keys", where=shown_as))
        self.root: yaml.MappingNode = self.document.root
        self.expected: dict[str, Any] = copy.deepcopy(self.document.data)
        self._splices: list[_Splice] = []

    # ---------------------------------------------------------------- finding nodes

    def _node(self, path: Path) -> yaml.Node:
        node: yaml.Node = self.root
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

    def _lines(self, lines: Sequence[str]) -> str:
        """Whole lines of text, each ended with the file's line break."""
        return "".join(line + self.newline for line in lines)

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _after_line(self, index: int) -> int:
        """Where the line holding `index` ends, past its line break (`index` itself when a line starts there)."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        end = self.text.find("\n", index)
        return len(self.text) if end == -1 else end + 1

    def _content_end(self, node: yaml.Node) -> int:
        """The index just past the last character written for `node` (trailing blank lines excluded,
        except those a kept block text (`|+`) holds).

        A block mapping or list ends, for the parser, where the next key starts, past any
        comment lines between them; its last value ends where its own text does.
        """
        if isinstance(node, yaml.ScalarNode) and _keeps_breaks(node):
            return int(node.end_mark.index)
        if not isinstance(node, yaml.CollectionNode) or node.flow_style or not node.value:
            end = int(node.end_mark.index)
        elif isinstance(node, yaml.MappingNode):
            return max(self._content_end(part) for pair in node.value for part in pair)
        else:
            return max(self._content_end(item) for item in node.value)
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def _insertion_after(self, node: yaml.Node) -> tuple[int, str]:
        """Where new lines go after `node` (the start of the following line), and the break they need first."""
        point = self._after_line(self._content_end(node))
        needs_break = point == len(self.text) and not self.text.endswith("\n")
        return point, self.newline if needs_break else ""

    def _entry_span(self, key: yaml.Node, value: yaml.Node) -> tuple[int, int]:
        """From the start of the key's line to the end of the value's last line, its line break included."""
        return self._line_start(key.start_mark.index), self._after_line(self._content_end(value))

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
        for key, value in self.root.value:
            if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                return self._dash_column(value.value[0]) - int(key.start_mark.column)
        return DEFAULT_LIST_INDENT

    @staticmethod
    def _key_column(mapping: yaml.MappingNode) -> int:
        return int(mapping.value[0][0].start_mark.column) if mapping.value else 0

    # ---------------------------------------------------------------- values replaced where they stand

    def _replace_scalar(self, node: yaml.ScalarNode, new: Any, *, flow: bool) -> list[_Splice] | None:
        """The splice that writes `new` over the scalar `node`, or None when it cannot stand there."""
        if node.style in ("|", ">"):
            return self._replace_block(node, new)
        if isinstance(new, (dict, list)) or new is None or (isinstance(new, str) and "\n" in new):
            return None
        if node.start_mark.index == node.end_mark.index:
            return None  # `done:` with nothing after it: no characters to replace
        text = _in_style(new, str(node.style or ""), flow=flow)
        if not flow and node.start_mark.column + len(text) > WIDTH:
            return None
        return [_Splice(node.start_mark.index, node.end_mark.index, text, 0, 0, 0)]

    def _replace_block(self, node: yaml.ScalarNode, new: Any) -> list[_Splice] | None:
        """A block text written again as a block, in the column its lines stand at, its header comment kept."""
        if not isinstance(new, str) or _keeps_breaks(node) or new.endswith("\n\n"):
            return None  # kept final blank lines: the whole field is written again
        start = int(node.start_mark.index)
        header_end = self.text.find("\n", start)
        header = self.text[start : len(self.text) if header_end < 0 else header_end].rstrip("\r")
        indicator = _BLOCK_HEADER.match(header)
        if indicator is None or header[indicator.end() :][:1].isdigit() or header_end < 0:
            return None  # an indentation indicator (`|2`): written again
        lines = self.text[header_end + 1 : self._content_end(node)].split("\n")
        indent = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
        block = block_scalar(new, indent, str(node.style))
        if block is None or indent <= self._column_of_line(start):
            return None
        style, body = block
        if style[0] == header[0] and _final_breaks(str(node.value)) == _final_breaks(new):
            style = indicator.group()  # the same final line breaks: the header as written (`|` at the file's end)
        text = style + header[indicator.end() :] + self.newline + self.newline.join(body)
        return [_Splice(start, self._content_end(node), text, 0, 0, 0)]

    def _column_of_line(self, index: int) -> int:
        """The indentation of the line holding `index`: a block's lines must stand further in."""
        line = self.text[self._line_start(index) : index]
        return len(line) - len(line.lstrip(" "))

    def _in_place(self, node: yaml.Node, old: Any, new: Any, *, flow: bool, name: str = "") -> list[_Splice] | None:
        """Splices inside `node` (the value of the field `name`) that turn `old` into `new`, or None when
        the field must be written again."""
        if plain(old) == plain(new):
            return []
        if self.text.startswith("&", node.start_mark.index):
            raise YamlEditError(_SAY.say("shared_value", where=self._where(node)))
        if isinstance(node, yaml.ScalarNode):
            return self._replace_scalar(node, new, flow=flow)
        inside_flow = flow or bool(getattr(node, "flow_style", False))
        if isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict):
            present = {str(key.value): value for key, value in node.value}
            if any(not empty(value) for name, value in new.items() if name not in present):
                return None  # a key to add inside: written again
            splices: list[_Splice] = []
            for name, value_node in present.items():
                if empty(new.get(name)) and not empty(old.get(name)):
                    return None  # a key to remove inside: written again
                found = self._in_place(value_node, old.get(name), new.get(name), flow=inside_flow)
                if found is None:
                    return None
                splices += found
            return splices
        if isinstance(node, yaml.SequenceNode) and isinstance(old, list) and isinstance(new, list):
            if not (len(node.value) == len(old) <= len(new)):
                return None
            splices = []
            for item_node, old_item, new_item in zip(node.value, old, new[: len(old)], strict=True):
                found = self._in_place(item_node, old_item, new_item, flow=inside_flow)
                if found is None:
                    return None
                splices += found
            if len(new) > len(old):  # items added at the end go after the last one, the others stay
                if inside_flow or not node.value:
                    return None
                splices.append(self._items_after(node.value[-1], new[len(old) :], name))
            return splices
        return None

    def _items_after(self, last: yaml.Node, items: list[Any], name: str) -> _Splice:
        """New `- ` items after the list item `last`, in its indentation."""
        dash = self._dash_column(last)
        offset = int(last.start_mark.column) - dash if isinstance(last, yaml.MappingNode) else 2
        point, prefix = self._insertion_after(last)
        lines = [line for item in items for line in _item_lines(item, dash, offset, name)]
        return _Splice(point, point, prefix + self._lines(lines), 0, 0, 0)

    def _add(self, splices: list[_Splice]) -> None:
        for splice in splices:
            self._splice(splice.start, splice.end, splice.text)

    # ---------------------------------------------------------------- edits

    def update(self, new: Mapping[str, Any]) -> list[str]:
        """Change the top-level fields whose values differ in `new`; returns their names (none: no change)."""
        old: Mapping[str, Any] = self.document.data
        changed = changed_fields(old, new)
        for key in changed:
            value = new.get(key)
            entry = self._entry(self.root, key)
            if empty(value):
                if entry is not None:
                    self._splice(*self._entry_span(*entry), "")
                self.expected.pop(key, None)
                continue
            self.expected[key] = copy.deepcopy(value)
            if entry is None:
                self._add_key((), self.root, key, entry_lines(key, value, self._key_column(self.root)))
                continue
            found = self._in_place(entry[1], old.get(key), value, flow=False, name=key)
            if found is None:
                lines = entry_lines(key, value, int(entry[0].start_mark.column))
                self._splice(*self._entry_span(*entry), self._lines(lines))
            else:
                self._add(found)
        return changed

    def set_value(self, path: Path, value: str | int | float) -> None:
        """Set the scalar at `path`; a missing key is added, with the records above it that are missing."""
        *parent_path, key = path
        assert isinstance(key, str), "a value is set under a key"
        missing = self._missing_records(tuple(parent_path))
        if missing:
            self._add_records(tuple(parent_path), missing, key, value)
            return
        parent = self._block_mapping(tuple(parent_path))
        entry = self._entry(parent, key)
        if entry is None:
            self._add_key(tuple(parent_path), parent, key, entry_lines(key, value, self._key_column(parent)))
        else:
            key_node, node = entry
            found = self._replace_scalar(node, value, flow=False) if isinstance(node, yaml.ScalarNode) else None
            if found is None and _left_out(node):
                colon = self.text.index(":", key_node.end_mark.index)  # `done:` (maybe a comment after it)
                found = [_Splice(colon + 1, colon + 1, " " + inline(value), 0, 0, 0)]
            if found is None:
                raise YamlEditError(_SAY.say("single_value", where=self._where(node), key=key))
            self._add(found)
        self._expected_parent(tuple(parent_path))[key] = value

    def _missing_records(self, path: Path) -> int:
        """How many keys at the end of `path` are not in the file yet."""
        node: yaml.Node = self.root
        for depth, part in enumerate(path):
            if isinstance(part, int):
                node = self._node(path[: depth + 1])  # a list item must be there
                continue
            entry = self._entry(node, part)
            if entry is None or _left_out(entry[1]):  # `extra:` with nothing under it holds no record yet
                return len(path) - depth
            node = entry[1]
        return 0

    def _add_records(self, path: Path, missing: int, key: str, value: str | int | float) -> None:
        """`key: value` under records that are not in the file yet (`extra:` then `  city: …`)."""
        present, new = path[: len(path) - missing], path[len(path) - missing :]
        if any(isinstance(part, int) for part in new):
            raise YamlEditError(_SAY.say("no_list", where=self._where(self._node(present)), key=new[0]))
        record: dict[str, Any] = {key: value}
        for part in reversed(new[1:]):
            record = {str(part): record}
        parent = self._block_mapping(present)
        name = str(new[0])
        lines = entry_lines(name, record, self._key_column(parent))
        entry = self._entry(parent, name)
        if entry is None:
            self._add_key(present, parent, name, lines)
        else:  # written with nothing under it: its line gives way to the record
            self._splice(*self._entry_span(*entry), self._lines(lines))
        target = self._expected_parent(present)
        for part in new:
            if not isinstance(target.get(part), dict):
                target[part] = {}
            target = target[part]
        target[key] = value

    def remove(self, path: Path, note: str = "") -> None:
        """Remove the key at `path` with its lines; `note`, a comment, stands in their place."""
        *parent_path, key = path
        assert isinstance(key, str), "a key is removed"
        entry = self._entry(self._block_mapping(tuple(parent_path)), key)
        if entry is None:
            return
        line = f"{' ' * int(entry[0].start_mark.column)}# {note}" if note else None
        self._splice(*self._entry_span(*entry), self._lines([line] if line else []))
        self._expected_parent(tuple(parent_path)).pop(key, None)

    def append(self, path: Path, item: dict[str, Any] | int) -> None:
        """Add `item` at the end of the list at `path`; a missing or empty list is started."""
        *parent_path, key = path
        assert isinstance(key, str), "a list stands under a key"
        parent = self._block_mapping(tuple(parent_path))
        entry = self._entry(parent, key)
        key_column = self._key_column(parent)
        dash_column = key_column + self._list_indent()
        if entry is None and not isinstance(item, dict):  # a list of numbers reads best on one line
            line = f"{' ' * key_column}{key}: [{inline(item, flow=True)}]"
            self._add_key(tuple(parent_path), parent, key, [line])
        elif entry is None:
            lines = [f"{' ' * key_column}{key}:", *_item_lines(item, dash_column, 2, key)]
            self._add_key(tuple(parent_path), parent, key, lines)
        else:
            self._append_to(entry[0], entry[1], item, dash_column, key, len(path))
        target = self._expected_parent(tuple(parent_path))
        current = target.get(key)
        target[key] = [*(current if isinstance(current, list) else []), copy.deepcopy(item)]

    def _append_to(
        self, key: yaml.Node, node: yaml.Node, item: dict[str, Any] | int, dash_column: int, name: str, depth: int
    ) -> None:
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            splice = self._items_after(node.value[-1], [item], name)
            self._splice(splice.start, splice.end, splice.text, depth)
            return
        if isinstance(node, yaml.SequenceNode) and node.flow_style and not isinstance(item, dict):
            texts = [self.text[i.start_mark.index : i.end_mark.index] for i in node.value]
            if all(isinstance(i, yaml.ScalarNode) and "\n" not in t for i, t in zip(node.value, texts, strict=True)):
                joined = ", ".join([*texts, inline(item, flow=True)])
                self._splice(node.start_mark.index, node.end_mark.index, f"[{joined}]")
                return
        is_empty = _left_out(node) or (isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value)
        if not is_empty:
            raise YamlEditError(_SAY.say("list_grows", where=self._where(node)))
        # `key:` or `key: []`, maybe with a comment: the comment stays on the key's line, the list goes below.
        colon = self.text.index(":", key.end_mark.index)
        line_end = self._after_line(node.end_mark.index)
        rest = self.text[node.end_mark.index : line_end].strip()
        comment = f"  {rest}" if rest.startswith("#") else ""
        ending = self.newline if line_end > 0 and self.text[line_end - 1] == "\n" else ""
        lines = _item_lines(item, dash_column, 2, name)
        self._splice(colon + 1, line_end, comment + self.newline + self.newline.join(lines) + ending)

    def _add_key(self, parent_path: Path, parent: yaml.MappingNode, key: str, lines: list[str]) -> None:
        """New lines for a key: at the top, after the last present key that comes before it in the
        format's order (before the first key when none does); in a record, after its last key."""
        order = self.key_order
        rank = order.index(key) if key in order else len(order)
        depth = len(parent_path)
        anchor: yaml.Node = parent
        if not parent_path and key in order:
            earlier = [(k, v) for k, v in parent.value if k.value in order and order.index(k.value) < rank]
            if not earlier and parent.value:
                point = self._line_start(min(k.start_mark.index for k, _ in parent.value))
                self._splice(point, point, self._lines(lines), depth, rank)
                return
            if earlier:
                anchor = max(earlier, key=lambda pair: order.index(pair[0].value))[1]
        point, prefix = self._insertion_after(anchor)
        self._splice(point, point, prefix + self._lines(lines), depth, rank)

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
        for splice in sorted(self._splices, key=lambda s: (s.start, s.end, -s.depth, s.rank, s.order)):
            if splice.start < position:
                raise YamlEditError(_SAY.say("overlap", where=self.shown_as))
            parts += [self.text[position : splice.start], splice.text]
            position = splice.end
        edited = "".join([*parts, self.text[position:]])
        try:
            reread = self.read(edited, self.shown_as)
        except ReadFailed as failed:
            raise YamlEditError(_SAY.say("unreadable", problem=failed.problem)) from None
        if plain(reread.data) != plain(self.expected):
            raise YamlEditError(_SAY.say("other_data", where=self.shown_as))
        return edited


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader for a site config: a tag it does not know (`!!python/name:…`, `!ENV`) is kept
    as the pair (tag, value), to compare before and after an edit; nothing under it is run."""


def _tagged(loader: yaml.SafeLoader, node: yaml.Node) -> tuple[str, Any]:
    if isinstance(node, yaml.MappingNode):
        return node.tag, loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return node.tag, loader.construct_sequence(node, deep=True)
    return node.tag, loader.construct_scalar(node)  # type: ignore[arg-type]


_ConfigLoader.add_constructor(None, _tagged)


def read_config(text: str, shown_as: str) -> Document:
    """A site config (mkdocs.yml) for the editor: its data with tags kept, never constructed."""
    try:
        data = yaml.load(text, Loader=_ConfigLoader)
    except yaml.MarkedYAMLError as error:
        raise ReadFailed(syntax_problem(error, text, shown_as)) from None
    except yaml.YAMLError as error:
        raise YamlEditError(f"{shown_as}: {error}") from None
    return Document(shown_as, data, text)


def _in_style(value: Any, style: str, *, flow: bool) -> str:
    """A value on one line, a text in the quotes its old value was written in (plain where it can be)."""
    if isinstance(value, str) and style == '"':
        return double_quoted(value)
    if isinstance(value, str) and style == "'":
        return single_quoted(value) or inline(value, flow=flow)
    return inline(value, flow=flow)


def _keeps_breaks(node: yaml.ScalarNode) -> bool:
    """A block text that keeps more than one final line break (`|+`): its blank lines are its own."""
    return node.style in ("|", ">") and str(node.value).endswith("\n\n")


def _final_breaks(text: str) -> int:
    return len(text) - len(text.rstrip("\n"))


def _left_out(node: yaml.Node) -> bool:
    """`key:` with no value written (or `~`, `null`)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _item_lines(item: dict[str, Any] | int | str, dash_column: int, key_offset: int, name: str) -> list[str]:
    """One `- ` list item of the list `name`: a scalar, or a record whose first key shares the dash's line."""
    if not isinstance(item, dict):
        return scalar_lines(f"{' ' * dash_column}-", item, dash_column + 2)
    key_column = dash_column + key_offset
    lines: list[str] = []
    for key in ordered_keys(item, RECORD_KEYS.get(name, ())):
        lines += entry_lines(key, item[key], key_column, name)
    lines[0] = f"{' ' * dash_column}-{' ' * (key_offset - 1)}{lines[0][key_column:]}"
    return lines
