"""Change some fields of a program file in place, keeping every other byte of it.

A value that changed is replaced where it stands: a single value (`status: ongoing`, one
amount in a budget line, one code in `[GOV-02, GOV-03]`) in its own characters, so that a
comment after it stays; anything else (a list that grew, a text that now needs folding)
by rewriting that one top-level field in the house style (macros.data.edit.write). A new
field goes where the format's key order puts it; a field emptied goes with its lines.
Comments, blank lines, key order and the other fields stay as they were, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from macros.data.edit.write import PROGRAM_KEYS, WIDTH, check_reads_back, empty, entry_lines, inline, plain
from macros.data.plan.read import Document


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The top-level fields whose values differ (an empty value and no value are the same)."""
    keys = [key for key in PROGRAM_KEYS if key in old or key in new]
    keys += [key for key in (*old, *new) if key not in PROGRAM_KEYS and key not in keys]
    return [key for key in keys if old.get(key) != new.get(key) and plain(old.get(key)) != plain(new.get(key))]


def edited_text(document: Document, new: Mapping[str, Any]) -> str:
    """`document`'s text with the fields that differ in `new` changed; the same text when none does."""
    old: Mapping[str, Any] = document.data
    changed = changed_fields(old, new)
    if not changed:
        return document.text
    editor = _Editor(document)
    for key in changed:
        editor.change(key, old.get(key), new.get(key))
    text = editor.result()
    check_reads_back(text, new)
    return text


class _Editor:
    def __init__(self, document: Document) -> None:
        self.text = document.text
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        self.line_starts = [0] + [index + 1 for index, character in enumerate(self.text) if character == "\n"]
        root = document.root
        assert isinstance(root, yaml.MappingNode), "a program file that was read holds keys"
        self.entries = {str(key.value): (key, value) for key, value in root.value}
        self.edits: list[_Edit] = []
        self.inserted: dict[int, list[str]] = {}  # offset → keys inserted there
        self.values: dict[str, Any] = {}  # the values of the inserted keys

    def offset(self, mark: yaml.Mark) -> int:
        return self.line_starts[mark.line] + mark.column

    def change(self, key: str, old: Any, new: Any) -> None:
        if key not in self.entries:
            self._insert(key, new)
            return
        key_node, value_node = self.entries[key]
        start, end = self._entry_span(key_node, value_node)
        if empty(new):
            self.edits.append(_Edit(start, end, ""))
            return
        in_place = self._in_place(value_node, old, new, flow=False)
        if in_place is None:
            self.edits.append(_Edit(start, end, self._entry_text(key, new)))
        else:
            self.edits += in_place

    def _entry_text(self, key: str, value: Any) -> str:
        return "".join(line + self.newline for line in entry_lines(key, value, 0))

    def _insert(self, key: str, new: Any) -> None:
        """A new top-level key after the last present key that comes before it in the format's order."""
        rank = PROGRAM_KEYS.index(key) if key in PROGRAM_KEYS else len(PROGRAM_KEYS)
        before = [name for name in self.entries if name in PROGRAM_KEYS and PROGRAM_KEYS.index(name) < rank]
        if before:
            previous = max(before, key=PROGRAM_KEYS.index)
            offset = self._entry_span(*self.entries[previous])[1]
        else:
            first_key = min((node for node, _ in self.entries.values()), key=lambda node: node.start_mark.index)
            offset = self.line_starts[first_key.start_mark.line]
        self.inserted.setdefault(offset, []).append(key)
        self.values[key] = new

    def _in_place(self, node: yaml.Node, old: Any, new: Any, *, flow: bool) -> list[_Edit] | None:
        """Edits inside `node` that turn `old` into `new`, or None when the field must be rewritten."""
        if plain(old) == plain(new):
            return []
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">") or isinstance(new, (dict, list)) or new is None:
                return None
            if node.start_mark.index == node.end_mark.index:
                return None  # `done:` with nothing after it: no characters to replace
            if isinstance(new, str) and "\n" in new:
                return None
            text = inline(new, flow=flow)
            if not flow and node.start_mark.column + len(text) > WIDTH:
                return None
            return [_Edit(self.offset(node.start_mark), self.offset(node.end_mark), text)]
        inside_flow = flow or bool(getattr(node, "flow_style", False))
        if isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict):
            present = {str(key.value): value for key, value in node.value}
            if any(not empty(value) for name, value in new.items() if name not in present):
                return None  # a key to add inside: rewrite
            edits: list[_Edit] = []
            for name, value_node in present.items():
                if empty(new.get(name)) and not empty(old.get(name)):
                    return None  # a key to remove inside: rewrite
                found = self._in_place(value_node, old.get(name), new.get(name), flow=inside_flow)
                if found is None:
                    return None
                edits += found
            return edits
        if isinstance(node, yaml.SequenceNode) and isinstance(old, list) and isinstance(new, list):
            if not (len(node.value) == len(old) == len(new)):
                return None
            edits = []
            for item_node, old_item, new_item in zip(node.value, old, new, strict=True):
                found = self._in_place(item_node, old_item, new_item, flow=inside_flow)
                if found is None:
                    return None
                edits += found
            return edits
        return None

    def _entry_span(self, key_node: yaml.Node, value_node: yaml.Node) -> tuple[int, int]:
        """From the start of the key's line to the end of the value's last line (its line break included)."""
        start = self.line_starts[key_node.start_mark.line]
        last = self._last_character(value_node)
        end = self.text.find("\n", last)
        return start, (len(self.text) if end < 0 else end + 1)

    def _last_character(self, node: yaml.Node) -> int:
        """The offset of the last character that belongs to the value (comments after it excluded)."""
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
            # A block collection ends where the next token starts, after any comments: ask its last child.
            last = node.value[-1]
            return self._last_character(last[1] if isinstance(last, tuple) else last)
        end = self.offset(node.end_mark)
        while end > 0 and self.text[end - 1] in " \t\r\n":
            end -= 1  # a block scalar ends after its trailing line breaks
        return max(end - 1, self.offset(node.start_mark))

    def result(self) -> str:
        edits = list(self.edits)
        for offset, keys in self.inserted.items():
            keys.sort(key=lambda name: PROGRAM_KEYS.index(name) if name in PROGRAM_KEYS else len(PROGRAM_KEYS))
            text = "".join(self._entry_text(name, self.values[name]) for name in keys)
            if offset == len(self.text) and self.text and not self.text.endswith("\n"):
                text = self.newline + text  # the file's last line had no line break
            edits.append(_Edit(offset, offset, text))
        text = self.text
        for edit in sorted(edits, key=lambda edit: (edit.start, edit.end), reverse=True):
            text = text[: edit.start] + edit.text + text[edit.end :]
        return text
