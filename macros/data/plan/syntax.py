"""YAML syntax errors in words a maintainer can act on, at the line to fix.

libyaml (0.2.5, inside PyYAML's wheel) has no error codes, only fixed English texts: each
of them is matched here and reworded with what to write instead, so that the parser's own
words ("did not find expected node content") never reach a maintainer. Every text the
scanner, the parser and PyYAML's composer can raise has a rule; `tests/fixtures/invalid/yaml-*`
holds a case for each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from macros.data.plan.characters import LINE_BREAK, one_line, quoted
from macros.data.plan.problems import Problem

_DOCUMENT_END = re.compile(r"\.\.\.(?:[ \t].*)?")
_ESCAPE_START = re.compile(r"\\(?:x.{0,2}|u.{0,4}|U.{0,8}|.)?")
_ANCHOR_NAME = re.compile(r"&([^\s,\[\]{}]+)")

_TAB = "a tab character; YAML indents with spaces only: replace the tab with spaces"
_DIRECTIVE = (
    "a line starting with `%` is a YAML directive, which data files do not use; "
    "remove the line, or put a text starting with `%` in quotes"
)
_TAG = "a value starting with `!` is read as a YAML tag; put the whole text in quotes"
_ANCHOR = "a value starting with `&` is read as a YAML anchor; put the whole text in quotes"
_ALIAS = "a value starting with `*` is read as a YAML alias; put the whole text in quotes"


@dataclass(frozen=True)
class _Error:
    """One complaint of the parser, with the file's lines to look at."""

    problem: str
    context: str
    at: tuple[int, int]  # 0-based (line, column) of the problem
    context_at: tuple[int, int] | None
    lines: list[str]

    def character(self) -> str:
        """The character at the problem, or "" at the end of its line."""
        line, column = self.at
        source = self.line(line)
        return source[column] if column < len(source) else ""

    def line(self, number: int | None = None) -> str:
        number = self.at[0] if number is None else number
        return self.lines[number] if number < len(self.lines) else ""


def syntax_problem(error: yaml.MarkedYAMLError, text: str, shown_as: str) -> Problem:
    """The one problem that stops the reading of a file."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    context_at = (context_mark.line, context_mark.column) if context_mark else None
    at = (problem_mark.line, problem_mark.column) if problem_mark else (context_at or (0, 0))
    found = _Error(error.problem or "", error.context or "", at, context_at, LINE_BREAK.split(text))
    (line, column), message = _worded(found)
    return Problem(shown_as, line + 1, column + 1, "(yaml)", message)


def _worded(error: _Error) -> tuple[tuple[int, int], str]:
    """Where the fix goes, and what it is."""
    problem, context = error.problem, error.context
    found = error.character()
    start = error.context_at or error.at  # where the token that went wrong begins
    if "tab" in problem or found == "\t":
        return error.at, _TAB
    if "directive" in context or "directive" in problem or "incompatible YAML document" in problem:
        return (start[0], 0), _DIRECTIVE
    if "document start" in problem:
        return _content_after_document(error)
    if "document indicator" in problem:
        return error.at, (
            "a line of this quoted text starts with `---` or `...`, which YAML reads as the edge of a "
            "document; indent the line, or join it to the line above"
        )
    if "another document" in problem:
        return error.at, "a second document starts here (a `---` line); a file holds one entry: remove the line"
    if "while scanning an anchor" in context:
        return start, _ANCHOR
    if "while scanning an alias" in context or "undefined alias" in problem:
        return start, _ALIAS
    if "duplicate anchor" in context:
        return _duplicate_anchor(error)
    if "tag handle" in problem:
        return error.at, _TAG
    if "tag" in context:
        return start, _TAG
    if "block scalar" in context:
        return _block_scalar(error)
    if "quoted scalar" in context:
        return _quoted_scalar(error)
    return _structure(error, found)


def _content_after_document(error: _Error) -> tuple[tuple[int, int], str]:
    """Data after a `...` line, or directives that no `---` line follows."""
    for number in range(error.at[0], -1, -1):
        if _DOCUMENT_END.fullmatch(error.line(number)):
            return (number, 0), ("a `...` line ends the data of a file, but more data follows; remove the `...` line")
    for number in range(error.at[0]):
        if error.line(number).startswith("%"):
            return (number, 0), _DIRECTIVE
    return error.at, "YAML cannot read the file from here; remove lines that start with `%`, `---` or `...`"


def _duplicate_anchor(error: _Error) -> tuple[tuple[int, int], str]:
    line, column = error.at
    source = error.line()
    match = _ANCHOR_NAME.search(source, column)
    name = f" `&{quoted(match.group(1))}`" if match else ""
    at = (line, match.start()) if match else error.at
    first = f" (first on line {error.context_at[0] + 1})" if error.context_at else ""
    return at, (
        f"the anchor{name} is set twice{first}; data files need no anchors (`&name`) and aliases "
        "(`*name`): write the values out"
    )


def _block_scalar(error: _Error) -> tuple[tuple[int, int], str]:
    start = error.context_at or error.at
    if "equal to 0" in error.problem:
        return start, (
            "`0` after `|` or `>` is not allowed (a digit there sets the indentation, 1–9); write `|` or `>` alone"
        )
    return error.at, (
        "text on the line of a `|` or `>`: the text of such a block starts on the next line; "
        "move it there, indented under the key"
    )


def _quoted_scalar(error: _Error) -> tuple[tuple[int, int], str]:
    start = error.context_at or error.at
    if "end of stream" in error.problem:
        return start, "this quote is never closed; add the closing quote at the end of the text"
    line, column = error.at
    backslash = error.line().rfind("\\", 0, column + 1)
    at = (line, backslash) if backslash >= 0 else error.at
    match = _ESCAPE_START.match(error.line(), backslash) if backslash >= 0 else None
    written = one_line(match.group()) if match else "\\"
    if "unknown escape" in error.problem:
        return at, (
            f"a backslash (`\\`) inside double quotes starts an escape, and `{written}` is not one that YAML "
            "knows; use single quotes, or write `\\\\` for each backslash"
        )
    if "Unicode character escape" in error.problem:
        return at, _invalid_code(written, error.line()[at[1] + len(written) :])
    return at, (
        f"`{written}` is not an escape: `\\x` takes 2 hexadecimal digits (0–9, A–F), `\\u` 4 and `\\U` 8; "
        "write `\\\\` for a backslash, or use single quotes"
    )


def _invalid_code(written: str, rest: str) -> str:
    code = int(written[2:], 16)
    if code > 0x10FFFF:
        return f"`{written}` is beyond the last Unicode character, U+10FFFF; check the code"
    low = re.match(r"\\u([dD][c-fC-F][0-9A-Fa-f]{2})", rest)
    if 0xD800 <= code <= 0xDBFF and low:
        character = chr(0x10000 + ((code - 0xD800) << 10) + (int(low.group(1), 16) - 0xDC00))
        return (
            f"`{written}{low.group()}` writes one character as a UTF-16 surrogate pair, which YAML does not "
            f"read; write `\\U{ord(character):08X}` or the character itself"
        )
    return (
        f"`{written}` is half of a UTF-16 surrogate pair, not a character; "
        "write the character itself, or its code as `\\U` and 8 digits"
    )


def _structure(error: _Error, found: str) -> tuple[tuple[int, int], str]:
    """Keys, values, lists and brackets that do not fit together."""
    problem, context = error.problem, error.context
    line, column = error.at
    source = error.line()
    indent = len(source) - len(source.lstrip(" "))
    if "cannot start any token" in problem and found:
        shown = "a backtick (`)" if found == "`" else f"`{quoted(found)}`"
        return error.at, f"a value cannot start with {shown}; put the whole text in quotes"
    if "mapping values are not allowed" in problem:
        if ": " in source[:column]:
            return error.at, "a `: ` inside a value; put the whole text in quotes"
        return (line, indent), (
            "this line is indented more than the key above it, which already has a value; "
            "keys of the same level start in the same column"
        )
    if "block sequence entries are not allowed" in problem:
        return error.at, (
            "a list item (`- `) cannot start on the line of its key; "
            "move it to the next line, indented under the key (one `- ` item per line)"
        )
    if "mapping keys are not allowed" in problem:
        return error.at, (
            "`? ` starts a YAML key of its own (an explicit key), which cannot stand here; "
            "put a text starting with `?` in quotes"
        )
    if "could not find expected ':'" in problem and error.context_at:
        return error.context_at, (
            "this line has no `:` after its key (write `key: value`), or a text runs on over several "
            "lines; indent the continuation lines or quote the text"
        )
    if "unexpected ':'" in problem:
        return error.at, "a `:` right before a bracket or comma inside `[ ]` or `{ }`; put the whole text in quotes"
    if "did not find expected key" in problem:
        return error.at, _not_a_key(found, column, indent)
    if "expected '-' indicator" in problem:
        return error.at, (
            "this line stands in a list (the `- ` items above start in this column) but is not an item; "
            "start it with `- `, or indent it under its item"
        )
    if "node content" in problem:
        return error.at, _missing_value(found)
    if "flow sequence" in context or "flow mapping" in context:
        return _flow(error, found, "[" if "sequence" in context else "{")
    return error.at, (
        f"YAML cannot read this line ({one_line(problem)}); compare it with the lines above, "
        "and put a text with special characters in quotes"
    )


def _not_a_key(found: str, column: int, indent: int) -> str:
    if found == "-":
        return "a list item (`- `) stands where a key (`name: value`) was expected; check the indentation"
    if found == ":":
        return "a `:` without a key before it; write the key (`title: …`), or put a text starting with `:` in quotes"
    if found in ("]", "}"):
        return f"a `{found}` that closes nothing; remove it, or put the whole text in quotes"
    if column > indent:
        return "text after the end of the value; if the value is quoted, put the whole text inside the quotes"
    return "this line does not line up with the keys above it; keys of the same level start in the same column"


def _missing_value(found: str) -> str:
    if found == ",":
        return "an empty item between two commas; remove the extra comma"
    if found == "-":
        return "a `- ` item inside brackets; inside `[ ]` separate the items with commas, e.g. `[sampah, air]`"
    if not found:
        return "the line ends where a value was expected; write the value, or remove the key"
    return f"`{quoted(found)}` stands where a value was expected; write the value, or put the whole text in quotes"


def _flow(error: _Error, found: str, opening: str) -> tuple[tuple[int, int], str]:
    closing = "]" if opening == "[" else "}"
    start = error.context_at or error.at
    if not found or error.at[0] != start[0]:
        what = "close the list" if opening == "[" else "close it"
        return start, (
            f"this `{opening}` is never closed with `{closing}`; {what}, "
            f"or put a text starting with `{opening}` in quotes"
        )
    return error.at, (
        f"inside `{opening} {closing}` the items are separated by commas; add a `,` before this item, "
        "or put the whole text in quotes"
    )
