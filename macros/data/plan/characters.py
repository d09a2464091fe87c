"""Which characters a text of the data may hold, and how a text is shown inside a one-line message.

YAML's reader refuses control characters typed into a file, but a double-quoted string can
still write them as escapes (`"Bel\\x07"`, `"\\e[31m"`): the decoded text is checked here,
so that nothing a browser or the HTML standard forbids reaches a page.
"""

from __future__ import annotations

import re

from macros.data.language.catalog import Catalog

_SAY = Catalog(
    "plan.characters",
    {
        "ends_with_line_break": (
            "teks diakhiri jeda baris (blok `|` atau `>` menyimpan jeda baris terakhirnya); "
            "tulis `>-` sebagai gantinya, atau tulis teks di baris kuncinya",
            "the text ends with a line break (a `|` or `>` block keeps its last one); "
            "write `>-` instead, or the text on the line of its key",
        ),
        "several_lines": (
            "teks ini memakai beberapa baris, padahal isian ini ditampilkan dalam satu baris; "
            "tulis dalam satu baris (blok `>-` menggabungkan barisnya dengan spasi)",
            "the text runs over several lines, but this field is shown as one line; "
            "write it on one line (a `>-` block joins its lines with spaces)",
        ),
        "written": (" (ditulis {written})", " (written {written})"),
        "tab": (
            "teks memuat tab{how}; tulis spasi sebagai gantinya",
            "the text contains a tab{how}; write a space instead",
        ),
        "surrogate": (
            "teks memuat {code}, separuh pasangan surrogate UTF-16{how}; tulis karakter itu sendiri",
            "the text contains {code}, half of a UTF-16 surrogate pair{how}; write the character itself",
        ),
        "line_separator": (
            "teks memuat pemisah baris {code}{how}; tulis {instead} sebagai gantinya",
            "the text contains the line separator {code}{how}; write {instead} instead",
        ),
        "paragraph_separator": (
            "teks memuat pemisah paragraf {code}{how}; tulis {instead} sebagai gantinya",
            "the text contains the paragraph separator {code}{how}; write {instead} instead",
        ),
        "break_or_space": ("jeda baris sungguhan atau spasi", "a real line break or a space"),
        "space": ("spasi", "a space"),
        "noncharacter": (
            "teks memuat nonkarakter {code}{how}, yang tidak boleh ada di halaman web; hapus",
            "the text contains the noncharacter {code}{how}, which web pages may not hold; remove it",
        ),
        "control": (
            "teks memuat karakter kendali {code}{how}; hapus",
            "the text contains the control character {code}{how}; remove it",
        ),
    },
)

# C0 controls (tab and line feed are judged by the field), DEL, C1 controls, UTF-16 surrogates
# (only an escape or a spreadsheet can produce one), the 66 noncharacters of Unicode, and the
# line and paragraph separators: YAML 1.1 reads them as line breaks and PyYAML writes them so,
# which would shift every line number after them in a maintainer's editor.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_SEPARATORS = "\u2028\u2029"
_ALWAYS_REFUSED = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + _SEPARATORS + _NONCHARACTERS
_REFUSED_IN_SEVERAL_LINES = re.compile(f"[{_ALWAYS_REFUSED}]")
_REFUSED_IN_ONE_LINE = re.compile(f"[\t\n{_ALWAYS_REFUSED}]")

# YAML's own short escapes, so that a shown text can be pasted back between double quotes.
_SHORT_ESCAPES = {
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
}
_BARE_NAME = re.compile(r"[\w-]+(?: [\w-]+)*")
# Line breaks as YAML and editors agree on them, once NEL, LS and PS are refused in a file.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def refused_character(text: str, *, several_lines: bool) -> str | None:
    """The first character `text` may not hold, or None; tab and line feed only where a field has several lines."""
    found = (_REFUSED_IN_SEVERAL_LINES if several_lines else _REFUSED_IN_ONE_LINE).search(text)
    return found.group() if found else None


def escape(character: str) -> str:
    """How YAML writes `character` inside double quotes: `\\a`, `\\e`, `\\x85`, `\\u200B`, `\\U0001FFFE`."""
    short = _SHORT_ESCAPES.get(character)
    if short:
        return short
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _is_shown_as_is(character: str) -> bool:
    # Not printable: controls, line and paragraph separators, format characters (bidi marks,
    # zero-width spaces), spaces other than the plain one, private use, surrogates, unassigned.
    return character.isprintable() and character not in '"\\'


def one_line(text: str) -> str:
    """`text` with every character that is not printable written as its escape: nothing breaks the line."""
    if all(character.isprintable() for character in text):
        return text
    return "".join(character if character.isprintable() else escape(character) for character in text)


def quoted(text: str, *, always: bool = False) -> str:
    """`text` as a maintainer reads it in a message: as is, else in double quotes with escapes (`"foo\\nbar"`)."""
    if not always and all(_is_shown_as_is(character) for character in text):
        return text
    return '"' + "".join(character if _is_shown_as_is(character) else escape(character) for character in text) + '"'


def key_shown(key: str) -> str:
    """A key inside a field name (`budget[0].amount`): a bare name, else quoted, so that `.` and `:` stay inside."""
    return key if _BARE_NAME.fullmatch(key) else quoted(key, always=True)


def character_message(character: str, written: str | None, *, several_lines: bool, last_only: bool = False) -> str:
    """What is wrong with `character` in a text, and what to do; `written` is its escape in the file, if any,
    and `last_only` says that a line break ends the text and stands nowhere else."""
    code = f"U+{ord(character):04X}"
    how = _SAY.say("written", written=written) if written else ""
    if character == "\n" and not several_lines and last_only:
        return _SAY.say("ends_with_line_break")
    if character == "\n" and not several_lines:
        return _SAY.say("several_lines")
    if character == "\t" and not several_lines:
        return _SAY.say("tab", how=how)
    if "\ud800" <= character <= "\udfff":
        return _SAY.say("surrogate", code=code, how=how)
    if character in _SEPARATORS:
        key = "line_separator" if character == "\u2028" else "paragraph_separator"
        instead = _SAY.say("break_or_space" if several_lines else "space")
        return _SAY.say(key, code=code, how=how, instead=instead)
    if _REFUSED_IN_SEVERAL_LINES.fullmatch(character) and not _is_control(character):
        return _SAY.say("noncharacter", code=code, how=how)
    return _SAY.say("control", code=code, how=how)


def ends_with_its_only_line_break(text: str) -> bool:
    return text.endswith("\n") and "\n" not in text.rstrip("\n")


def _is_control(character: str) -> bool:
    return ord(character) <= 0x1F or 0x7F <= ord(character) <= 0x9F
