"""Write a program file the way the hand-written ones are written.

The schema comment first, keys in the order of the format's table, texts plain where YAML
reads them back as the same text (else in double quotes), long texts folded (`>-`) at 88
columns, texts with line breaks as literal blocks (`|-`; `|` or `|+` when they end with line
breaks), dates in quotes, short lists of codes, numbers and keywords on one line
(`[GOV-02, GOV-03]`), records as indented lists.
Every text written is read back by the data reader and must give the same data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from macros.data.plan.model import BudgetLine, Indicator, Milestone, Period, Program, Source, Update
from macros.data.plan.read import plain_data
from macros.data.plan.schema_line import schema_line

WIDTH = 88
PROGRAM_KEYS = tuple(Program.model_fields)
# The order of a record's keys, by the field that holds it.
RECORD_KEYS: dict[str, tuple[str, ...]] = {
    "period": tuple(Period.model_fields),
    "budget": tuple(BudgetLine.model_fields),
    "indicators": tuple(Indicator.model_fields),
    "milestones": tuple(Milestone.model_fields),
    "updates": tuple(Update.model_fields),
    "sources": tuple(Source.model_fields),
}
FLOW_LISTS = frozenset({"related", "sdgs", "tags", "issues"})

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = set(",[]{}:")
# What YAML reads as a character of text (its "printable" set), less its line breaks.
_UNPRINTABLE = re.compile("[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Quoted although this YAML reader would read them as text: dates and months (as the hand-written
# files do), and numbers as other YAML versions read them (`1e3`, `0o17`).
_DATE_LIKE = re.compile(r"^\d{4}-\d{2}")
_NUMBER_LIKE = re.compile(r"[-+]?(\.\d+|\d[\d_]*(\.\d*)?)([eE][-+]?\d+)?|0[xXoObB][\da-fA-F_]+")


class WriteFailed(Exception):
    """The text written does not read back as the data: a bug, never the data's fault."""


def schema_comment(file: Path, data_folder: Path) -> str:
    """The first line of a program file: where its schema is, relative to the file."""
    return schema_line((Path("data") / file.relative_to(data_folder)).as_posix(), "program.schema.json")


def ordered_keys(data: Mapping[str, Any], order: tuple[str, ...] = PROGRAM_KEYS) -> list[str]:
    """The keys of `data` that hold a value, in the format's order (any other key after them)."""
    keys = [key for key in order if key in data] + [key for key in data if key not in order]
    return [key for key in keys if not empty(data[key])]


def empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def plain(value: Any) -> Any:
    """The data without empty values, to compare: a key written `done: null` is the same as none."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if not empty(item)}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def program_text(data: Mapping[str, Any], comment: str, *, newline: str = "\n") -> str:
    """The whole file of a program."""
    lines = [comment]
    for key in ordered_keys(data):
        lines += entry_lines(key, data[key], 0)
    text = newline.join(lines) + newline
    check_reads_back(text, data)
    return text


def check_reads_back(text: str, data: Mapping[str, Any]) -> None:
    try:
        read = plain_data(text)
    except yaml.YAMLError as error:
        raise WriteFailed(f"the text written does not read as YAML: {error}") from None
    if plain(read) != plain(dict(data)):
        raise WriteFailed("the text written reads back as other data")


def entry_lines(key: str, value: Any, indent: int, parent: str = "") -> list[str]:
    """`key: value` at `indent` spaces, on as many lines as the house style takes."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for name in ordered_keys(value, RECORD_KEYS.get(key, ())):
            lines += entry_lines(name, value[name], indent + 2, key)
        return lines
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            lines = [f"{pad}{key}:"]
            for item in value:
                lines += _record_lines(item, indent + 2, RECORD_KEYS.get(key, ()))
            return lines
        if key in FLOW_LISTS and not parent:
            items = [inline(item, flow=True) for item in value]
            flow = f"{pad}{key}: [{', '.join(items)}]"
            if len(flow) <= WIDTH:
                return [flow]
        lines = [f"{pad}{key}:"]
        for item in value:
            lines += scalar_lines(f"{pad}  -", item, indent + 6)
        return lines
    return scalar_lines(f"{pad}{key}:", value, indent + 2)


def _record_lines(record: Mapping[str, Any], indent: int, order: tuple[str, ...]) -> list[str]:
    """A record as a list item: `- first: …` with its other keys lined up under `first`."""
    lines: list[str] = []
    for name in ordered_keys(record, order):
        entry = entry_lines(name, record[name], indent + 2)
        if not lines:
            entry[0] = " " * indent + "- " + entry[0][indent + 2 :]
        lines += entry
    return lines or [" " * indent + "- {}"]


def scalar_lines(prefix: str, value: Any, content_indent: int) -> list[str]:
    """`prefix value`, where a long text is folded and a text with line breaks is a literal block."""
    if isinstance(value, str) and ("\n" in value or len(prefix) + 1 + len(value) > WIDTH):
        block = block_scalar(value, content_indent)
        if block is not None:
            return [f"{prefix} {block[0]}", *block[1]]
    return [f"{prefix} {inline(value)}"]


def inline(value: Any, *, flow: bool = False) -> str:
    """A value on one line: plain where YAML reads it back unchanged, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if value is None:
        return "null"
    text = str(value)
    return text if _plain_ok(text, flow=flow) else double_quoted(text)


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text:  # YAML 1.1 reads `1e-05` as text: it wants a point in the mantissa and a signed exponent
        mantissa, exponent = text.split("e")
        mantissa += "" if "." in mantissa else ".0"
        exponent = exponent if exponent[0] in "+-" else "+" + exponent
        text = f"{mantissa}e{exponent}"
    return text


def _plain_ok(text: str, *, flow: bool) -> bool:
    if not text or text != text.strip() or _UNPRINTABLE.search(text) or "\t" in text:
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(character in _FLOW_INDICATORS for character in text):
        return False
    if _DATE_LIKE.match(text) or _NUMBER_LIKE.fullmatch(text):
        return False
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def single_quoted(text: str) -> str | None:
    """The text in single quotes (as a file wrote it), or None when it holds what they cannot."""
    if _UNPRINTABLE.search(text) or "\n" in text or "\t" in text:
        return None
    return "'" + text.replace("'", "''") + "'"


def double_quoted(text: str) -> str:
    escaped = []
    for character in text:
        if character in '"\\':
            escaped.append("\\" + character)
        elif character == "\n":
            escaped.append("\\n")
        elif character == "\t":
            escaped.append("\\t")
        elif _UNPRINTABLE.match(character):
            code = ord(character)
            escaped.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            escaped.append(character)
    return '"' + "".join(escaped) + '"'


def block_scalar(text: str, indent: int, style: str | None = None) -> tuple[str, list[str]] | None:
    """A block text whose lines start `indent` spaces in, if the text allows one: its header and lines.

    Literal (`|`) for a text with line breaks, folded (`>`) for one long line, or as `style` asks
    where the text allows it; the chomping (`-`, none, `+`) keeps the text's own final line breaks.
    """
    body = text.rstrip("\n")
    breaks = len(text) - len(body)
    if not body or _UNPRINTABLE.search(text) or body != body.lstrip():
        return None
    pad = " " * indent
    chomping = "-" if not breaks else "" if breaks == 1 else "+"
    kept = [""] * (breaks - 1)  # the final line breaks after the first, as empty lines
    if "\n" in body or style == "|" or (style is None and breaks):
        lines = body.split("\n")
        if any(line and not line.strip() for line in lines):
            return None  # a line of spaces only would read back as an empty line
        return "|" + chomping, [pad + line if line else "" for line in lines] + kept
    if "  " in body or "\t" in body or body != body.rstrip():
        return None  # folding joins lines with one space: runs of spaces would not come back
    lines, current = [], ""
    for word in body.split(" "):
        if current and len(pad) + len(current) + 1 + len(word) > WIDTH:
            lines.append(pad + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(pad + current)
    return ">" + chomping, lines + kept
