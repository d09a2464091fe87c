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

from macros.data.language.catalog import Catalog
from macros.data.plan.characters import LINE_BREAK, one_line, quoted
from macros.data.plan.not_known import leave_out
from macros.data.plan.problems import Problem

_DOCUMENT_END = re.compile(r"\.\.\.(?:[ \t].*)?")
_ESCAPE_START = re.compile(r"\\(?:x.{0,2}|u.{0,4}|U.{0,8}|.)?")
_ANCHOR_NAME = re.compile(r"&([^\s,\[\]{}]+)")

_SAY = Catalog(
    "plan.syntax",
    {
        "tab": (
            "karakter tab; YAML hanya memakai spasi untuk indentasi: ganti tab dengan spasi",
            "a tab character; YAML indents with spaces only: replace the tab with spaces",
        ),
        "directive": (
            "baris yang diawali `%` adalah direktif YAML, yang tidak dipakai berkas data; "
            "hapus baris itu, atau beri tanda kutip pada teks yang diawali `%`",
            "a line starting with `%` is a YAML directive, which data files do not use; "
            "remove the line, or put a text starting with `%` in quotes",
        ),
        "tag": (
            "nilai yang diawali `!` dibaca sebagai tag YAML; beri tanda kutip pada seluruh teks",
            "a value starting with `!` is read as a YAML tag; put the whole text in quotes",
        ),
        "anchor": (
            "nilai yang diawali `&` dibaca sebagai anchor YAML; beri tanda kutip pada seluruh teks",
            "a value starting with `&` is read as a YAML anchor; put the whole text in quotes",
        ),
        "alias": (
            "nilai yang diawali `*` dibaca sebagai alias YAML; beri tanda kutip pada seluruh teks",
            "a value starting with `*` is read as a YAML alias; put the whole text in quotes",
        ),
        "document_indicator": (
            "salah satu baris teks bertanda kutip ini diawali `---` atau `...`, yang dibaca YAML sebagai batas "
            "dokumen; buat baris itu menjorok, atau gabungkan dengan baris di atasnya",
            "a line of this quoted text starts with `---` or `...`, which YAML reads as the edge of a "
            "document; indent the line, or join it to the line above",
        ),
        "another_document": (
            "dokumen kedua dimulai di sini (baris `---`); satu berkas memuat satu entri: hapus baris itu",
            "a second document starts here (a `---` line); a file holds one entry: remove the line",
        ),
        "document_end": (
            "baris `...` mengakhiri data sebuah berkas, tetapi masih ada data sesudahnya; hapus baris `...`",
            "a `...` line ends the data of a file, but more data follows; remove the `...` line",
        ),
        "unreadable_from_here": (
            "YAML tidak dapat membaca berkas mulai dari sini; hapus baris yang diawali `%`, `---` atau `...`",
            "YAML cannot read the file from here; remove lines that start with `%`, `---` or `...`",
        ),
        "duplicate_anchor": (
            "anchor{name} dipasang dua kali{first}; berkas data tidak memerlukan anchor (`&nama`) dan alias "
            "(`*nama`): tuliskan nilainya secara lengkap",
            "the anchor{name} is set twice{first}; data files need no anchors (`&name`) and aliases "
            "(`*name`): write the values out",
        ),
        "first_on_line": (" (pertama kali di baris {line})", " (first on line {line})"),
        "block_zero": (
            "`0` sesudah `|` atau `>` tidak diperbolehkan (angka di situ menentukan indentasi, 1–9); "
            "tulis `|` atau `>` saja",
            "`0` after `|` or `>` is not allowed (a digit there sets the indentation, 1–9); write `|` or `>` alone",
        ),
        "block_text": (
            "ada teks di baris `|` atau `>`: teks blok seperti itu dimulai di baris berikutnya; "
            "pindahkan ke sana, menjorok di bawah kuncinya",
            "text on the line of a `|` or `>`: the text of such a block starts on the next line; "
            "move it there, indented under the key",
        ),
        "unclosed_quote": (
            "tanda kutip ini tidak pernah ditutup; tambahkan tanda kutip penutup di akhir teks",
            "this quote is never closed; add the closing quote at the end of the text",
        ),
        "unknown_escape": (
            "garis miring terbalik (`\\`) di dalam tanda kutip ganda memulai escape, dan `{written}` bukan escape "
            "yang dikenal YAML; pakai tanda kutip tunggal, atau tulis `\\\\` untuk setiap garis miring terbalik",
            "a backslash (`\\`) inside double quotes starts an escape, and `{written}` is not one that YAML "
            "knows; use single quotes, or write `\\\\` for each backslash",
        ),
        "not_an_escape": (
            "`{written}` bukan escape: `\\x` memerlukan 2 digit heksadesimal (0–9, A–F), `\\u` 4 dan `\\U` 8; "
            "tulis `\\\\` untuk garis miring terbalik, atau pakai tanda kutip tunggal",
            "`{written}` is not an escape: `\\x` takes 2 hexadecimal digits (0–9, A–F), `\\u` 4 and `\\U` 8; "
            "write `\\\\` for a backslash, or use single quotes",
        ),
        "beyond_unicode": (
            "`{written}` melampaui karakter Unicode terakhir, U+10FFFF; periksa kodenya",
            "`{written}` is beyond the last Unicode character, U+10FFFF; check the code",
        ),
        "surrogate_pair": (
            "`{pair}` menulis satu karakter sebagai pasangan surrogate UTF-16, yang tidak dibaca YAML; "
            "tulis `{escape}` atau karakter itu sendiri",
            "`{pair}` writes one character as a UTF-16 surrogate pair, which YAML does not "
            "read; write `{escape}` or the character itself",
        ),
        "half_surrogate": (
            "`{written}` adalah separuh pasangan surrogate UTF-16, bukan karakter; "
            "tulis karakter itu sendiri, atau kodenya sebagai `\\U` dan 8 digit",
            "`{written}` is half of a UTF-16 surrogate pair, not a character; "
            "write the character itself, or its code as `\\U` and 8 digits",
        ),
        "cannot_start": (
            "nilai tidak boleh diawali {shown}; beri tanda kutip pada seluruh teks",
            "a value cannot start with {shown}; put the whole text in quotes",
        ),
        "backtick": ("tanda petik terbalik (`)", "a backtick (`)"),
        "colon_in_value": (
            "ada `: ` di dalam nilai; beri tanda kutip pada seluruh teks",
            "a `: ` inside a value; put the whole text in quotes",
        ),
        "typographic_quotes": (
            "ada `: ` di dalam nilai; tanda kutip `{quote}` bukan tanda kutip YAML: "
            'tulis seluruh teks di antara tanda kutip biasa, `"…"`',
            "a `: ` inside a value; the quote `{quote}` is not a YAML quote: "
            'put the whole text between plain quotes, `"…"`',
        ),
        "indented_more": (
            "baris ini lebih menjorok daripada kunci di atasnya, yang sudah bernilai; "
            "kunci yang setingkat dimulai di kolom yang sama",
            "this line is indented more than the key above it, which already has a value; "
            "keys of the same level start in the same column",
        ),
        "dash_for_a_value": (
            "`-` sendirian dibaca YAML sebagai butir daftar; {leave_out}",
            "a `-` alone is read by YAML as a list item; {leave_out}",
        ),
        "question_for_a_value": (
            "`?` sendirian dibaca YAML sebagai awal sebuah kunci; {leave_out}",
            "a `?` alone is read by YAML as the start of a key; {leave_out}",
        ),
        "issue_numbers_in_brackets": (
            "`#` memulai komentar YAML, juga di dalam `{brackets}`, jadi sisa baris ini tidak dibaca; "
            "tulis nomor isu tanpa `#`, mis. `issues: [12, 13]`",
            "`#` starts a YAML comment, inside `{brackets}` too, so the rest of this line is not read; "
            "write the issue numbers without `#`, e.g. `issues: [12, 13]`",
        ),
        "comment_in_brackets": (
            "`#` memulai komentar YAML, juga di dalam `{brackets}`, jadi sisa baris ini tidak dibaca; "
            'beri tanda kutip pada teks yang memuat `#`, mis. `"#pasar"`',
            "`#` starts a YAML comment, inside `{brackets}` too, so the rest of this line is not read; "
            'put a text that holds a `#` in quotes, e.g. `"#pasar"`',
        ),
        "list_on_key_line": (
            "butir daftar (`- `) tidak boleh dimulai di baris kuncinya; "
            "pindahkan ke baris berikutnya, menjorok di bawah kunci (satu butir `- ` per baris)",
            "a list item (`- `) cannot start on the line of its key; "
            "move it to the next line, indented under the key (one `- ` item per line)",
        ),
        "explicit_key": (
            "`? ` memulai kunci YAML tersendiri (kunci eksplisit), yang tidak boleh ada di sini; "
            "beri tanda kutip pada teks yang diawali `?`",
            "`? ` starts a YAML key of its own (an explicit key), which cannot stand here; "
            "put a text starting with `?` in quotes",
        ),
        "missing_colon": (
            "baris ini tidak punya `:` sesudah kuncinya (tulis `kunci: nilai`), atau sebuah teks berlanjut ke "
            "beberapa baris; buat baris lanjutannya menjorok atau beri tanda kutip pada teks",
            "this line has no `:` after its key (write `key: value`), or a text runs on over several "
            "lines; indent the continuation lines or quote the text",
        ),
        "colon_before_bracket": (
            "ada `:` tepat sebelum kurung atau koma di dalam `[ ]` atau `{{ }}`; beri tanda kutip pada seluruh teks",
            "a `:` right before a bracket or comma inside `[ ]` or `{{ }}`; put the whole text in quotes",
        ),
        "not_an_item": (
            "baris ini berada dalam daftar (butir `- ` di atasnya dimulai di kolom ini) tetapi bukan butir; "
            "awali dengan `- `, atau buat menjorok di bawah butirnya",
            "this line stands in a list (the `- ` items above start in this column) but is not an item; "
            "start it with `- `, or indent it under its item",
        ),
        "unreadable_line": (
            "YAML tidak dapat membaca baris ini ({problem}); bandingkan dengan baris di atasnya, "
            "dan beri tanda kutip pada teks yang memuat karakter khusus",
            "YAML cannot read this line ({problem}); compare it with the lines above, "
            "and put a text with special characters in quotes",
        ),
        "item_for_key": (
            "butir daftar (`- `) berada di tempat yang seharusnya kunci (`nama: nilai`); periksa indentasinya",
            "a list item (`- `) stands where a key (`name: value`) was expected; check the indentation",
        ),
        "colon_without_key": (
            "ada `:` tanpa kunci di depannya; tulis kuncinya (`title: …`), "
            "atau beri tanda kutip pada teks yang diawali `:`",
            "a `:` without a key before it; write the key (`title: …`), or put a text starting with `:` in quotes",
        ),
        "closes_nothing": (
            "`{found}` ini tidak menutup apa pun; hapus, atau beri tanda kutip pada seluruh teks",
            "a `{found}` that closes nothing; remove it, or put the whole text in quotes",
        ),
        "after_value": (
            "ada teks sesudah akhir nilai; jika nilainya bertanda kutip, masukkan seluruh teks ke dalam tanda kutip",
            "text after the end of the value; if the value is quoted, put the whole text inside the quotes",
        ),
        "not_lined_up": (
            "baris ini tidak sejajar dengan kunci di atasnya; kunci yang setingkat dimulai di kolom yang sama",
            "this line does not line up with the keys above it; keys of the same level start in the same column",
        ),
        "empty_between_commas": (
            "ada butir kosong di antara dua koma; hapus koma yang berlebih",
            "an empty item between two commas; remove the extra comma",
        ),
        "item_in_brackets": (
            "ada butir `- ` di dalam kurung; di dalam `[ ]` pisahkan butir dengan koma, mis. `[sampah, air]`",
            "a `- ` item inside brackets; inside `[ ]` separate the items with commas, e.g. `[sampah, air]`",
        ),
        "line_ends": (
            "baris berakhir di tempat yang seharusnya berisi nilai; tulis nilainya, atau hapus kuncinya",
            "the line ends where a value was expected; write the value, or remove the key",
        ),
        "stands_for_value": (
            "`{found}` berada di tempat yang seharusnya nilai; tulis nilainya, atau beri tanda kutip pada seluruh teks",
            "`{found}` stands where a value was expected; write the value, or put the whole text in quotes",
        ),
        "unclosed_flow": (
            "`{opening}` ini tidak pernah ditutup dengan `{closing}`; {what}, "
            "atau beri tanda kutip pada teks yang diawali `{opening}`",
            "this `{opening}` is never closed with `{closing}`; {what}, "
            "or put a text starting with `{opening}` in quotes",
        ),
        "close_list": ("tutup daftarnya", "close the list"),
        "close_mapping": ("tutup kurungnya", "close it"),
        "flow_comma": (
            "di dalam `{opening} {closing}` butir dipisahkan dengan koma; tambahkan `,` sebelum butir ini, "
            "atau beri tanda kutip pada seluruh teks",
            "inside `{opening} {closing}` the items are separated by commas; add a `,` before this item, "
            "or put the whole text in quotes",
        ),
    },
)


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


# `key: -` or `key: ?` and nothing else on the line (a comment aside): a mark typed for "not known".
_MARK_FOR_A_VALUE = re.compile(r"\s*(?:-\s+)?(?P<key>[^\s:#'\"?-][^:#]*?)\s*:\s+(?P<mark>[-?])\s*(?:#.*)?")
# A `#` after an opening bracket, a comma or a colon: YAML starts a comment there (`issues: [#12, #13]`).
_HASH_IN_BRACKETS = re.compile(r"[\[{,:]\s*#")
# Quotes that phones and word processors type for `"` and `'`; YAML reads them as letters.
_TYPOGRAPHIC_QUOTES = frozenset("“”„‟‘’‚‛«»‹›")


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
        return error.at, _SAY.say("tab")
    if "directive" in context or "directive" in problem or "incompatible YAML document" in problem:
        return (start[0], 0), _SAY.say("directive")
    if "document start" in problem:
        return _content_after_document(error)
    if "document indicator" in problem:
        return error.at, _SAY.say("document_indicator")
    if "another document" in problem:
        return error.at, _SAY.say("another_document")
    if "while scanning an anchor" in context:
        return start, _SAY.say("anchor")
    if "while scanning an alias" in context or "undefined alias" in problem:
        return start, _SAY.say("alias")
    if "duplicate anchor" in context:
        return _duplicate_anchor(error)
    if "tag handle" in problem:
        return error.at, _SAY.say("tag")
    if "tag" in context:
        return start, _SAY.say("tag")
    if "block scalar" in context:
        return _block_scalar(error)
    if "quoted scalar" in context:
        return _quoted_scalar(error)
    return _structure(error, found)


def _content_after_document(error: _Error) -> tuple[tuple[int, int], str]:
    """Data after a `...` line, or directives that no `---` line follows."""
    for number in range(error.at[0], -1, -1):
        if _DOCUMENT_END.fullmatch(error.line(number)):
            return (number, 0), _SAY.say("document_end")
    for number in range(error.at[0]):
        if error.line(number).startswith("%"):
            return (number, 0), _SAY.say("directive")
    return error.at, _SAY.say("unreadable_from_here")


def _duplicate_anchor(error: _Error) -> tuple[tuple[int, int], str]:
    line, column = error.at
    source = error.line()
    match = _ANCHOR_NAME.search(source, column)
    name = f" `&{quoted(match.group(1))}`" if match else ""
    at = (line, match.start()) if match else error.at
    first = _SAY.say("first_on_line", line=error.context_at[0] + 1) if error.context_at else ""
    return at, _SAY.say("duplicate_anchor", name=name, first=first)


def _block_scalar(error: _Error) -> tuple[tuple[int, int], str]:
    start = error.context_at or error.at
    if "equal to 0" in error.problem:
        return start, _SAY.say("block_zero")
    return error.at, _SAY.say("block_text")


def _quoted_scalar(error: _Error) -> tuple[tuple[int, int], str]:
    start = error.context_at or error.at
    if "end of stream" in error.problem:
        return start, _SAY.say("unclosed_quote")
    line, column = error.at
    backslash = error.line().rfind("\\", 0, column + 1)
    at = (line, backslash) if backslash >= 0 else error.at
    match = _ESCAPE_START.match(error.line(), backslash) if backslash >= 0 else None
    written = one_line(match.group()) if match else "\\"
    if "unknown escape" in error.problem:
        return at, _SAY.say("unknown_escape", written=written)
    if "Unicode character escape" in error.problem:
        return at, _invalid_code(written, error.line()[at[1] + len(written) :])
    return at, _SAY.say("not_an_escape", written=written)


def _invalid_code(written: str, rest: str) -> str:
    code = int(written[2:], 16)
    if code > 0x10FFFF:
        return _SAY.say("beyond_unicode", written=written)
    low = re.match(r"\\u([dD][c-fC-F][0-9A-Fa-f]{2})", rest)
    if 0xD800 <= code <= 0xDBFF and low:
        character = chr(0x10000 + ((code - 0xD800) << 10) + (int(low.group(1), 16) - 0xDC00))
        return _SAY.say("surrogate_pair", pair=f"{written}{low.group()}", escape=f"\\U{ord(character):08X}")
    return _SAY.say("half_surrogate", written=written)


def _structure(error: _Error, found: str) -> tuple[tuple[int, int], str]:
    """Keys, values, lists and brackets that do not fit together."""
    problem, context = error.problem, error.context
    line, column = error.at
    source = error.line()
    indent = len(source) - len(source.lstrip(" "))
    if "cannot start any token" in problem and found:
        shown = _SAY.say("backtick") if found == "`" else f"`{quoted(found)}`"
        return error.at, _SAY.say("cannot_start", shown=shown)
    if "mapping values are not allowed" in problem:
        if ": " in source[:column]:
            value = source[: column + 1].split(": ", 1)[-1].lstrip()
            if value[:1] in _TYPOGRAPHIC_QUOTES:  # `title: “Layanan: warga”`, as a phone or a word processor types it
                return error.at, _SAY.say("typographic_quotes", quote=value[0])
            return error.at, _SAY.say("colon_in_value")
        return (line, indent), _SAY.say("indented_more")
    if "block sequence entries are not allowed" in problem:
        if (mark := _MARK_FOR_A_VALUE.fullmatch(source)) and mark["mark"] == "-":  # `progress: -`, "not known"
            return error.at, _SAY.say("dash_for_a_value", leave_out=leave_out("line", amount=mark["key"] == "amount"))
        return error.at, _SAY.say("list_on_key_line")
    if "mapping keys are not allowed" in problem:
        if (mark := _MARK_FOR_A_VALUE.fullmatch(source)) and mark["mark"] == "?":  # `baseline: ?`, "not known"
            return error.at, _SAY.say(
                "question_for_a_value", leave_out=leave_out("line", amount=mark["key"] == "amount")
            )
        return error.at, _SAY.say("explicit_key")
    if "could not find expected ':'" in problem and error.context_at:
        return error.context_at, _SAY.say("missing_colon")
    if "unexpected ':'" in problem:
        return error.at, _SAY.say("colon_before_bracket")
    if "did not find expected key" in problem:
        return error.at, _not_a_key(found, column, indent)
    if "expected '-' indicator" in problem:
        return error.at, _SAY.say("not_an_item")
    if ("node content" in problem or "flow" in context) and (hashed := _comment_in_brackets(error)):
        (line, column), brackets = hashed
        on_issues = re.match(r"\s*issues\s*:", error.line(line))
        return (line, column), _SAY.say(
            "issue_numbers_in_brackets" if on_issues else "comment_in_brackets", brackets=brackets
        )
    if "node content" in problem:
        return error.at, _missing_value(found)
    if "flow sequence" in context or "flow mapping" in context:
        return _flow(error, found, "[" if "sequence" in context else "{")
    return error.at, _SAY.say("unreadable_line", problem=one_line(problem))


def _not_a_key(found: str, column: int, indent: int) -> str:
    if found == "-":
        return _SAY.say("item_for_key")
    if found == ":":
        return _SAY.say("colon_without_key")
    if found in ("]", "}"):
        return _SAY.say("closes_nothing", found=found)
    if column > indent:
        return _SAY.say("after_value")
    return _SAY.say("not_lined_up")


def _comment_in_brackets(error: _Error) -> tuple[tuple[int, int], str] | None:
    """Where a `#` inside brackets began a comment that hid the rest of its line (`issues: [#12]`), and the
    brackets it stands in (`[…]` or `{…}`)."""
    for number in (error.at[0], error.at[0] - 1):
        source = error.line(number) if number >= 0 else ""
        for found in _HASH_IN_BRACKETS.finditer(source):
            open_brackets: list[str] = []
            for character in source[: found.start() + 1]:
                if character in "[{":
                    open_brackets.append(character)
                elif character in "]}" and open_brackets:
                    open_brackets.pop()
            if open_brackets and " #" not in source[: found.start() + 1]:  # not in a comment already
                return (number, found.end() - 1), "[…]" if open_brackets[-1] == "[" else "{…}"
    return None


def _missing_value(found: str) -> str:
    if found == ",":
        return _SAY.say("empty_between_commas")
    if found == "-":
        return _SAY.say("item_in_brackets")
    if not found:
        return _SAY.say("line_ends")
    return _SAY.say("stands_for_value", found=quoted(found))


def _flow(error: _Error, found: str, opening: str) -> tuple[tuple[int, int], str]:
    closing = "]" if opening == "[" else "}"
    start = error.context_at or error.at
    if not found or error.at[0] != start[0]:
        what = _SAY.say("close_list" if opening == "[" else "close_mapping")
        return start, _SAY.say("unclosed_flow", opening=opening, closing=closing, what=what)
    return error.at, _SAY.say("flow_comma", opening=opening, closing=closing)
