"""Turn pydantic's validation errors into messages a maintainer can act on.

Errors are mapped by their `type`, never by pydantic's English text, so that an
upgrade of pydantic cannot change what maintainers read.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Collection, Iterator
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from macros.data.language.catalog import Catalog
from macros.data.plan.characters import LINE_BREAK, character_message, quoted
from macros.data.plan.cut_values import cut_text
from macros.data.plan.dimensions import DEFAULT_DIMENSIONS
from macros.data.plan.key_words import english_key
from macros.data.plan.labels import HORIZON_LABELS, SOURCE_LABELS, STATUS_LABELS, label_hint, word_hint
from macros.data.plan.not_known import leave_out, says_not_known
from macros.data.plan.problems import Problem
from macros.data.plan.read import Document, Location, field_name
from macros.data.plan.typed_dates import calendar_fault, excel_day, typed_day, typed_month
from macros.data.plan.typed_numbers import whole_rupiah

# `2024-2028`, `2024 – 2028`, `2024 s.d. 2028`, `2024 sampai 2028`: a period written on one line.
_YEAR_RANGE = re.compile(r"(\d{4})\s*(?:-|–|—|/|s\.?\s?d\.?|sampai|hingga|to)\s*(\d{4})", re.IGNORECASE)
# Parts of an error location that name a member of a union, not a key of the data.
_UNION_TAGS = {"int", "float", "str", "bool", "none", "list", "tuple", "dict"}

_SAY = Catalog(
    "plan.messages",
    {
        "missing": ("isian wajib belum ada; tambahkan `{name}: …`", "required field is missing; add `{name}: …`"),
        "unknown_key_close": (
            "kunci `{key}` tidak dikenal; mungkin maksudnya `{close}`?",
            "unknown key `{key}`; did you mean `{close}`?",
        ),
        "known_key_there": (
            "kunci `{key}` tidak dikenal, dan `{close}` sudah ada di sini; hapus baris ini",
            "unknown key `{key}`, and `{close}` is already here; delete this line",
        ),
        "key_in_english": (
            "kunci `{key}` tidak dikenal: nama kunci ditulis dalam bahasa Inggris; tulis `{close}`",
            "unknown key `{key}`: keys are written in English; write `{close}`",
        ),
        "dated_entry": (
            "tanggal `{key}` ditulis sebagai kunci; tulis `- date: {day}` lalu `text: …` di baris di bawahnya",
            "the date `{key}` is written as a key; write `- date: {day}` then `text: …` on the line below",
        ),
        "entry_text": (
            "seharusnya {fields}, tertulis {got}; "
            "tulis `- {first}: {value}` lalu `{second}: {when}` di baris di bawahnya",
            "expected {fields}, got {got}; write `- {first}: {value}` then `{second}: {when}` on the line below",
        ),
        "milestone_fields": ("tahapan dengan `name` dan `planned`", "a milestone with `name` and `planned`"),
        "update_fields": ("kabar dengan `date` dan `text`", "an update with `date` and `text`"),
        "unknown_key": (
            "kunci `{key}` tidak dikenal; kunci yang boleh dipakai: {allowed}",
            "unknown key `{key}`; allowed keys: {allowed}",
        ),
        "not_allowed": (
            "{value} tidak diperbolehkan; pakai salah satu dari: {allowed}{did_you_mean}",
            "{value} is not allowed; use one of: {allowed}{did_you_mean}",
        ),
        "did_you_mean": (" (mungkin maksudnya `{close}`?)", " (did you mean `{close}`?)"),
        "one_text": (
            "seharusnya satu teks, tertulis {got}; tulis teksnya di baris yang sama sesudah `:`",
            "expected one text, got {got}; write the text on the same line after the `:`",
        ),
        "one_lead": (
            "seharusnya satu perangkat daerah penanggung jawab, tertulis {got}; tulis yang memimpin di `lead` "
            "dan yang lain di `partners`",
            "expected the one agency in charge, got {got}; write the one that leads under `lead` "
            "and the others under `partners`",
        ),
        "budget_by_year": (
            "seharusnya daftar, tertulis anggaran per tahun (`{year}: …`); tulis `- year: {year}` "
            "lalu `amount: {amount}` dan `source: …` di baris di bawahnya, satu butir `- ` per tahun",
            "expected a list, got the budget by year (`{year}: …`); write `- year: {year}` "
            "then `amount: {amount}` and `source: …` on the lines below, one `- ` item per year",
        ),
        "list_on_one_line": (
            "seharusnya daftar, tertulis {got}; tulis `{name}: [{items}]`, atau satu butir `- ` per baris",
            "expected a list, got {got}; write `{name}: [{items}]`, or one `- ` item per line",
        ),
        "empty_text": ("nilainya kosong; tulis teksnya", "the value is empty; write the text"),
        "text": (
            "seharusnya teks, tertulis {got}; beri tanda kutip",
            "expected text, got {got}; put it in quotes",
        ),
        "whole_number": (
            "seharusnya bilangan bulat, tertulis {got}{hint}",
            "expected a whole number, got {got}{hint}",
        ),
        "not_a_number": (
            "`.nan` (bukan-angka bagi YAML) bukan sebuah angka; tulis angkanya",
            "`.nan`, not-a-number to YAML, is not a figure; write the number",
        ),
        "infinity": (
            "`{sign}.inf` (tak hingga bagi YAML) bukan sebuah angka; tulis angkanya",
            "`{sign}.inf`, infinity to YAML, is not a figure; write the number",
        ),
        "number": ("seharusnya angka, tertulis {got}{hint}", "expected a number, got {got}{hint}"),
        "boolean": (
            "seharusnya true atau false, tertulis {got}{hint}",
            "expected true or false, got {got}{hint}",
        ),
        "remove_quotes": ("; hapus tanda kutipnya", "; remove the quotes"),
        "list": (
            "seharusnya daftar, tertulis {got}; tulis satu butir `- ` per baris",
            "expected a list, got {got}; write one `- ` item per line",
        ),
        "period_range": (
            "seharusnya tahun mulai dan tahun selesai, tertulis {got}; tulis `period: {{start: {start}, end: {end}}}`",
            "expected a start year and an end year, got {got}; write `period: {{start: {start}, end: {end}}}`",
        ),
        "issues_as_comment": (
            "`{comment}` dibaca YAML sebagai komentar, jadi nilainya kosong; "
            "tulis nomor isu tanpa `#`: `issues: [{numbers}]`",
            "`{comment}` is read by YAML as a comment, so the value is empty; "
            "write the issue numbers without `#`: `issues: [{numbers}]`",
        ),
        "comment_for_value": (
            '`{comment}` dibaca YAML sebagai komentar, jadi nilainya kosong; beri tanda kutip: `{key}: "{quoted}"`',
            '`{comment}` is read by YAML as a comment, so the value is empty; put it in quotes: `{key}: "{quoted}"`',
        ),
        "not_known": ("tertulis {got}; {leave_out}", "got {got}; {leave_out}"),
        "not_accepted": (
            "nilai ini tidak diterima, tertulis {got}; tulis seperti contoh isian ini di guide/id/data.md",
            "this value is not accepted, got {got}; write it as the example of this field in guide/data.md",
        ),
        "mapping": (
            "seharusnya kunci dengan nilai (`kunci: nilai` di baris menjorok di bawahnya), tertulis {got}",
            "expected keys with values (`key: value` on indented lines below), got {got}",
        ),
        "too_small": (
            "{value} terlalu kecil; paling sedikit {limit}",
            "{value} is too small; it must be at least {limit}",
        ),
        "too_large": (
            "{value} terlalu besar; paling banyak {limit}",
            "{value} is too large; it must be at most {limit}",
        ),
        "must_not_be_empty": ("tidak boleh kosong; tulis teksnya", "must not be empty; write the text"),
        "too_long": (
            "panjangnya {length} karakter; paling banyak {limit} karakter: persingkat",
            "is {length} characters long; at most {limit} are allowed: shorten it",
        ),
        "empty_list": (
            "daftarnya kosong; tulis paling sedikit satu entri",
            "the list is empty; write at least one entry",
        ),
        "invalid_pattern": ("{value} tidak valid; {hint}", "{value} is not valid; {hint}"),
        "hint_id": (
            "pakai huruf, angka, dan `-` tunggal saja, mis. GOV-01",
            "use letters, digits and single `-` only, e.g. GOV-01",
        ),
        "hint_dimension": (
            "pakai kunci berhuruf kecil seperti governance",
            "use a lowercase key such as governance",
        ),
        "hint_element": (
            "pakai kunci berhuruf kecil seperti layanan-publik",
            "use a lowercase key such as layanan-publik",
        ),
        "hint_repository": (
            "tulis pemilik/repositori, mis. kota-mojokerto/rencana",
            "write owner/repo, e.g. kota-mojokerto/rencana",
        ),
        "hint_color": ("tulis warna sebagai #rrggbb, mis. #1d4ed8", "write a colour as #rrggbb, e.g. #1d4ed8"),
        "hint_icon": (
            "tulis nama ikon Material seperti material/bank-outline",
            "write a Material icon name such as material/bank-outline",
        ),
        "hint_reporters": (
            "tulis nama pengguna GitHub: huruf, angka, dan `-` tunggal, tanpa @, mis. dinas-kominfo",
            "write a GitHub user name: letters, digits and single `-`, without @, e.g. dinas-kominfo",
        ),
        "hint_other": ("periksa formatnya", "check its format"),
        "day_format": (
            "seharusnya tanggal, tertulis {got}; tulis sebagai YYYY-MM-DD, mis. 2024-03-01",
            "expected a date, got {got}; write it as YYYY-MM-DD, e.g. 2024-03-01",
        ),
        "month_format": (
            "seharusnya bulan, tertulis {got}; tulis sebagai YYYY-MM atau YYYY-MM-DD, mis. 2025-06",
            "expected a month, got {got}; write it as YYYY-MM or YYYY-MM-DD, e.g. 2025-06",
        ),
        # The value read as a date (macros.data.plan.typed_dates): the message gives what to write.
        "day_typed": (
            "seharusnya tanggal YYYY-MM-DD, tertulis {got}; tulis {fixed}",
            "expected a date as YYYY-MM-DD, got {got}; write {fixed}",
        ),
        "month_typed": (
            "seharusnya bulan YYYY-MM atau tanggal YYYY-MM-DD, tertulis {got}; tulis {fixed}",
            "expected a month as YYYY-MM or a date as YYYY-MM-DD, got {got}; write {fixed}",
        ),
        # A date written like one that the calendar lacks (macros.data.plan.typed_dates.calendar_fault).
        "no_such_month": (
            "`{value}` bukan tanggal yang ada: tidak ada bulan {month}, bulan ditulis 01 sampai 12; tulis {spelling}",
            "`{value}` is not a real date: there is no month {month}, months are 01 to 12; write {spelling}",
        ),
        "swapped_month": (
            "`{value}` bukan tanggal yang ada: tidak ada bulan {month}; "
            "jika maksudnya tanggal {day} bulan {month_day}, tulis {fixed}",
            "`{value}` is not a real date: there is no month {month}; if you mean day {day} of month {month_day}, "
            "write {fixed}",
        ),
        "no_such_day": (
            "`{value}` bukan tanggal yang ada: bulan {month} tahun {year} hanya sampai tanggal {last}; "
            "periksa tanggal dan bulannya, tulis {spelling}",
            "`{value}` is not a real date: month {month} of {year} has only {last} days; "
            "check the day and the month, write {spelling}",
        ),
        "spelling_month": ("YYYY-MM atau YYYY-MM-DD", "YYYY-MM or YYYY-MM-DD"),
        "excel_number": (
            "angka {value} (cara Excel menyimpan tanggal)",
            "the number {value} (how Excel stores a date)",
        ),
        "shown_empty": ("nilai kosong", "an empty value"),
        "nothing": ("tidak ada apa-apa (nilai kosong)", "nothing (an empty value)"),
        "boolean_value": (
            "{value} (YAML membaca yes, no, on, dan off sebagai true atau false)",
            "{value} (YAML reads yes, no, on and off as true or false)",
        ),
        "the_number": ("angka {value}", "the number {value}"),
        "the_text": ("teks {value}", "the text {value}"),
        "a_list": ("sebuah daftar", "a list"),
        "keys_with_values": ("kunci dengan nilai", "keys with values"),
        "progress_fraction": (
            "; progres ditulis dalam persen 0–100: tulis {percent}",
            "; progress is written in percent, 0–100: write {percent}",
        ),
        "day_of_month": (
            "seharusnya tanggal, tertulis bulan {got}; tanggal ini memerlukan harinya juga, mis. {example}",
            "expected a date, got the month {got}; this date needs its day too, e.g. {example}",
        ),
        "no_decimals": ("; tulis bilangan bulat, tanpa desimal", "; write a whole number, without decimals"),
        "decimal_point": (
            "; tulis desimal dengan titik: {figure}",
            "; write decimals with a point: {figure}",
        ),
        "full_digits": (
            "; tulis dengan angka lengkap, tanpa tanda kutip: {figure}",
            "; write it in full digits, without quotes: {figure}",
        ),
        "rupiah_digits": (
            "; tulis jumlah rupiahnya dengan angka saja, tanpa Rp, titik, atau kata: {figure}",
            "; write the amount in rupiah as digits alone, without Rp, dots or words: {figure}",
        ),
        "digits_only": (
            "; tulis angkanya saja, tanpa titik, koma, atau spasi: {figure}",
            "; write the digits only, without dots, commas or spaces: {figure}",
        ),
        "number_alone": (
            "; tulis angkanya saja, tanpa tanda kutip, satuan, atau tanda lain, mis. {figure}",
            "; write the number alone, without quotes, units or signs, e.g. {figure}",
        ),
    },
)

_PATTERN_HINTS = ("id", "dimension", "element", "repository", "color", "icon", "reporters")


# Fields whose allowed keys have Indonesian labels on the site, which maintainers may write instead.
# Dimension and element labels are those of the national default (a city's own are checked in rules).
_LABELS: dict[str, dict[str, str]] = {
    "status": STATUS_LABELS,
    "horizon": HORIZON_LABELS,
    "source": SOURCE_LABELS,
    "dimension": {key: dimension["label"] for key, dimension in DEFAULT_DIMENSIONS.items()},
    "element": {
        key: label for dimension in DEFAULT_DIMENSIONS.values() for key, label in dimension["elements"].items()
    },
}


def problems_from(error: ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    chosen: dict[Location, Any] = {}
    for detail in error.errors():
        location = tuple(part for part in detail["loc"] if part not in _UNION_TAGS)
        earlier = chosen.get(location)
        # A union reports once per member; keep one: "a number" says more than "a whole number".
        number = detail["type"].startswith("float") or detail["type"] == "finite_number"
        if earlier is None or (earlier["type"].startswith("int") and number):
            chosen[location] = detail
    # `titel:` already says "did you mean `title`?"; "`title` is missing" would say it twice.
    suggested = {
        (*location[:-1], close)
        for location, detail in chosen.items()
        if detail["type"] == "extra_forbidden"
        and (close := _close_key(str(location[-1]), allowed_keys(model, location[:-1])))
    }
    # `- 2026-03-01: Festival digelar.`, a log written date: text: one message, not three.
    dated = {
        location[:-1]: day
        for location, detail in chosen.items()
        if detail["type"] == "extra_forbidden"
        and location[-3:-2] == ("updates",)
        and (*location[:-1], "date") in chosen
        and (day := typed_day(str(location[-1])))
    }
    # `{name: Jumlah UMKM, binaan, …}`: a text cut at its comma, told once, where the text starts.
    cut = _cut_texts(document, [location for location, detail in chosen.items() if detail["type"] == "extra_forbidden"])
    problems = list(dict.fromkeys(cut.values()))
    for location, detail in chosen.items():
        if location in cut:
            continue
        if location[:-1] in dated and detail["type"] == "missing" and location[-1] in ("date", "text"):
            continue
        if location[:-1] in dated and detail["type"] == "extra_forbidden":
            message = _SAY.say("dated_entry", key=location[-1], day=dated[location[:-1]])
            line, column = document.key_position(location)  # at the date; named as the entry it should be
            problems.append(Problem(document.path, line, column, field_name(location[:-1]), message))
        elif not (detail["type"] == "missing" and location in suggested):
            problems.append(_problem(detail, location, document, model))
        if detail["type"] == "extra_forbidden":
            problems += _words_under(document, location, model)
    return problems


def _words_under(document: Document, location: Location, model: type[BaseModel]) -> list[Problem]:
    """Under a key written as an Indonesian word (`periode:`), the keys written so too (`mulai:`,
    `selesai:`), told now rather than once the key above is renamed: checked as the key meant."""
    holder = _model_at(model, location[:-1])
    meant = english_key(str(location[-1]), allowed_keys(model, location[:-1]))
    field = holder.model_fields.get(meant) if holder is not None and meant else None
    nested = next(_models_in(field.annotation), None) if field is not None else None
    if field is None or field.annotation is None or nested is None:
        return []
    if meant in _written_keys(document.data, location[:-1]):  # the line goes whole (`known_key_there`)
        return []
    try:
        TypeAdapter(field.annotation).validate_python(_value_at(document.data, location))
    except ValidationError as error:
        found = []
        for detail in error.errors():
            inner = tuple(part for part in detail["loc"] if part not in _UNION_TAGS)
            if detail["type"] == "extra_forbidden" and inner:
                english = english_key(str(inner[-1]), allowed_keys(nested, inner[:-1]))
                if english:
                    message = _SAY.say("key_in_english", key=quoted(str(inner[-1])), close=english)
                    found.append(document.problem((*location, *inner), message, at_key=True))
        return found
    return []


def _value_at(data: Any, location: Location) -> Any:
    """The value at `location` of a file's `data`, or None when it has none there."""
    for part in location:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _cut_texts(document: Document, unknown: list[Location]) -> dict[Location, Problem]:
    """For each unknown key that is the rest of a text a comma cut, the one problem that names the text."""
    found = {}
    for location in unknown:
        mapping = document.node_at(location[:-1])
        if isinstance(mapping, yaml.MappingNode) and (cut := cut_text(document.text, mapping, str(location[-1]))):
            line, column = cut.value.start_mark.line + 1, cut.value.start_mark.column + 1
            found[location] = Problem(
                document.path, line, column, field_name((*location[:-1], cut.key.value)), cut.message
            )
    return found


def _problem(detail: Any, location: Location, document: Document, model: type[BaseModel]) -> Problem:
    kind: str = detail["type"]
    context: dict[str, Any] = detail.get("ctx") or {}
    value = detail.get("input")
    name = location[-1] if location else ""
    if kind == "missing":
        # A YAML file points at the mapping that lacks the key; a spreadsheet at the empty cell.
        return document.problem(location, _SAY.say("missing", name=name))
    if kind == "extra_forbidden":
        message = _unknown_key(
            str(name), allowed_keys(model, location[:-1]), _written_keys(document.data, location[:-1])
        )
        return document.problem(location, message, at_key=True)
    if kind == "invalid_key":  # `2025: …`: a number as a key is no field either, and is named as written
        message = _unknown_key(
            str(name), allowed_keys(model, location[:-1]), _written_keys(document.data, location[:-1])
        )
        found = document.problem(location, message, at_key=True)
        return dataclasses.replace(found, field=field_name((*location[:-1], str(name))))
    if kind == "period_order":  # a check of the whole period, shown where its start is written
        location = (*location, "start")
    if kind == "refused_character":
        return _refused_character(context, location, document)
    # List items have no name of their own: a pattern hint is found by the key of the list.
    key = next((str(part) for part in reversed(location) if isinstance(part, str)), "")
    if value is None and (comment := _comment_for_value(document, location)):  # `issues: #12`
        return document.problem(location, _comment_message(key, comment))
    # `progress: n/a`: leave it out, as the site then says; an amount takes its budget item with it.
    not_known = says_not_known(value) and kind in _NOT_KNOWN_KINDS
    if not_known and (key == "amount" or _is_optional(model, location)):
        advice = leave_out("line", amount=key == "amount")
        return document.problem(location, _SAY.say("not_known", got=_describe(value), leave_out=advice))
    return document.problem(location, _message(kind, context, value, key, detail["msg"]))


def _comment_for_value(document: Document, location: Location) -> str | None:
    """The comment written where the value of `location` goes (`issues: #12`: `#12`), or None."""
    if not document.text or not location or not isinstance(location[-1], str):
        return None
    lines = LINE_BREAK.split(document.text)
    line = document.key_position(location)[0]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    found = re.match(r"\s*(?:-\s+)?(?P<key>[^\s:#][^:#]*?)\s*:\s+(?P<comment>#.*?)\s*$", source)
    return found["comment"] if found and found["key"] == location[-1] else None


def _comment_message(key: str, comment: str) -> str:
    if key == "issues" and (numbers := re.findall(r"\d+", comment)):
        return _SAY.say("issues_as_comment", comment=comment, numbers=", ".join(numbers))
    return _SAY.say("comment_for_value", comment=comment, key=key, quoted=comment.replace('"', '\\"'))


def _refused_character(context: dict[str, Any], location: Location, document: Document) -> Problem:
    """At the escape that wrote the character (`\\e` in `"\\e[31m"`), named as the file writes it."""
    character, several_lines = context["character"], context["several_lines"]
    if character == "\n" and not several_lines:  # the whole text is at fault, not one of its breaks
        (line, column), written = document.position(location), None
    else:
        line, column, written = document.character_position(location, character)
    message = character_message(character, written, several_lines=several_lines, last_only=context["last_only"])
    return Problem(document.path, line, column, field_name(location), message)


def _message(kind: str, context: dict[str, Any], value: Any, name: str, custom: str) -> str:
    got = _describe(value)
    match kind:
        case "literal_error":
            allowed = re.findall(r"'([^']*)'", str(context.get("expected", "")))
            if labelled := label_hint(value, _LABELS.get(name, {})) or word_hint(value, name, _LABELS.get(name, {})):
                return labelled
            return _SAY.say(
                "not_allowed",
                value=_shown(value),
                allowed=", ".join(allowed),
                did_you_mean=_did_you_mean(value, allowed),
            )
        case "string_type":
            if isinstance(value, (list, dict)):
                return _SAY.say("one_lead" if name == "lead" and isinstance(value, list) else "one_text", got=got)
            if value is None:
                return _SAY.say("empty_text")
            return _SAY.say("text", got=got)
        case "int_type" | "int_from_float" | "int_parsing":
            hint = _field_hint(value, name) or _number_hint(value, whole=True)
            return _SAY.say("whole_number", got=got, hint=hint)
        case "finite_number":
            if value != value:
                return _SAY.say("not_a_number")
            return _SAY.say("infinity", sign="-" if value < 0 else "")
        case "float_type" | "float_parsing":
            return _SAY.say("number", got=got, hint=_number_hint(value, whole=False))
        case "bool_type" | "bool_parsing":
            unquote = _SAY.say("remove_quotes") if str(value).lower() in ("true", "false") else ""
            return _SAY.say("boolean", got=got, hint=unquote)
        case "tuple_type" | "list_type":
            if name in _SHORT_ITEMS and isinstance(value, str) and (items := _items_on_one_line(value)):
                return _SAY.say("list_on_one_line", got=got, name=name, items=", ".join(items))
            if name == "budget" and (by_year := _budget_by_year(value)):
                return _SAY.say("budget_by_year", year=by_year[0], amount=by_year[1])
            return _SAY.say("list", got=got)
        case "model_type" | "model_attributes_type" | "dict_type":
            if name == "period" and (years := _YEAR_RANGE.fullmatch(str(value).strip())):
                return _SAY.say("period_range", got=got, start=years[1], end=years[2])
            if name in ("milestones", "updates") and isinstance(value, str):
                return _entry_text(value, got, milestone=name == "milestones")
            return _SAY.say("mapping", got=got)
        case "greater_than_equal":
            return _SAY.say("too_small", value=_shown(value), limit=context.get("ge"))
        case "less_than_equal":
            return _SAY.say("too_large", value=_shown(value), limit=context.get("le"))
        case "string_too_short":
            return _SAY.say("must_not_be_empty")
        case "string_too_long":
            return _SAY.say("too_long", length=len(str(value)), limit=context.get("max_length"))
        case "too_short":
            return _SAY.say("empty_list")
        case "string_pattern_mismatch":
            if labelled := label_hint(value, _LABELS.get(name, {})) or word_hint(value, name, _LABELS.get(name, {})):
                return labelled
            hint = _SAY.say(f"hint_{name}" if name in _PATTERN_HINTS else "hint_other")
            return _SAY.say("invalid_pattern", value=_shown(value), hint=hint)
        case "day_format" | "day_unreal":
            if fixed := typed_day(value):
                return _SAY.say("day_typed", got=_typed_as(value, got), fixed=fixed)
            if month := typed_month(value):  # 2026-10, Oktober 2026: a month where a day belongs
                return _SAY.say("day_of_month", got=_shown(value), example=f"{month}-01")
            return not_on_calendar(value, month_allowed=False) or _fallback(kind, "day_format", got, custom)
        case "month_format" | "month_unreal":
            if fixed := typed_month(value):
                return _SAY.say("month_typed", got=_typed_as(value, got), fixed=fixed)
            return not_on_calendar(value, month_allowed=True) or _fallback(kind, "month_format", got, custom)
        case _ if kind in _OWN_KINDS:
            # Our own PydanticCustomError types carry a message written for maintainers.
            return custom
        case _:
            # A check of pydantic's this module does not know (a new version's, a new field's): its text is
            # English and worded for programmers, so the maintainer reads what was found and where to look.
            return _SAY.say("not_accepted", got=got)


# Where a mark for "not known" (`-`, `n/a`) stands for a figure or a date (macros.data.plan.not_known).
_NOT_KNOWN_KINDS = frozenset(
    {
        "int_type",
        "int_parsing",
        "float_type",
        "float_parsing",
        "finite_number",
        "day_format",
        "month_format",
        "string_pattern_mismatch",
    }
)
# The PydanticCustomError types of macros.data.plan.model, whose messages are written for maintainers.
_OWN_KINDS = frozenset(
    {
        "day_format",
        "day_unreal",
        "month_format",
        "month_unreal",
        "too_many_brackets",
        "refused_reference",
        "refused_character",
        "url_scheme",
        "period_order",
    }
)


def not_on_calendar(value: Any, *, month_allowed: bool) -> str | None:
    """Why `value`, written like a date, is not one (31/02/2025: February has 28 days), or None; the
    message ends with the spelling a day's field takes, or a month's (`month_allowed`)."""
    if (fault := calendar_fault(value)) is None:
        return None
    spelling = _SAY.say("spelling_month") if month_allowed else "YYYY-MM-DD"
    month, shown = f"{fault.month:02d}", " ".join(str(value).split())
    if fault.swapped is not None:  # 04/15/2025, typed month first: the 15th of April, surely
        return _SAY.say(
            "swapped_month",
            value=shown,
            month=month,
            day=fault.swapped[8:],
            month_day=fault.swapped[5:7],
            fixed=fault.swapped,
        )
    if fault.last_day is None:
        return _SAY.say("no_such_month", value=shown, month=month, spelling=spelling)
    return _SAY.say("no_such_day", value=shown, month=month, year=fault.year, last=fault.last_day, spelling=spelling)


def _fallback(kind: str, format_kind: str, got: str, custom: str) -> str:
    """A wrong format gets its example; a date the check found unreal keeps the check's own message."""
    return _SAY.say(format_kind, got=got) if kind == format_kind else custom


def _typed_as(value: Any, got: str) -> str:
    """What was written, said as Excel's number for a date where it is one (a cell pasted from a sheet)."""
    if excel_day(value) is not None:
        return _SAY.say("excel_number", value=_shown(value))
    return got


def _shown(value: Any) -> str:
    """A value as the maintainer wrote it (YAML spelling for booleans and empty values)."""
    if value is None:
        return _SAY.say("shown_empty")
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return f"`{quoted(text[:60])}…`" if len(text) > 60 else f"`{quoted(text)}`"


def _describe(value: Any) -> str:
    if value is None:
        return _SAY.say("nothing")
    if isinstance(value, bool):
        return _SAY.say("boolean_value", value=str(value).lower())
    if isinstance(value, (int, float)):
        return _SAY.say("the_number", value=value)
    if isinstance(value, str):
        shown = f"{quoted(value[:60], always=True)}…" if len(value) > 60 else quoted(value, always=True)
        return _SAY.say("the_text", value=shown)
    if isinstance(value, list):
        return _SAY.say("a_list")
    if isinstance(value, dict):
        return _SAY.say("keys_with_values")
    return type(value).__name__


# A name or a text that YAML reads back as written, unquoted, after `- name: `.
_PLAIN_TEXT = re.compile(r"[^\W_][\w .,()/&'-]*")
# Lists of short items, which people write on one line (`tags: wisata, promosi`); an objective or a
# mission is a sentence, whose commas split nothing.
_SHORT_ITEMS = frozenset({"sdgs", "tags", "related", "issues", "partners"})
# An item that YAML reads back as written inside `[…]` (no comma, no bracket).
_PLAIN_ITEM = re.compile(r"[^\W_][\w .()/&'-]*")


def _entry_text(text: str, got: str, *, milestone: bool) -> str:
    """A milestone or an update written as one text (`Festival pertama (2026-03)`, `2026-03-01
    Festival digelar`): the two lines to write, with the date it holds where one is found."""
    words = text.split()
    found: tuple[str, str] | None = None
    for count in (3, 2, 1):  # `1 Maret 2026`, `Maret 2026`, `2026-03`
        if len(words) > count:
            written = " ".join(words[-count:] if milestone else words[:count]).strip("()[],;:–- ")
            if read := (typed_month(written) if milestone else typed_day(written)):
                found = (read, " ".join(words[:-count] if milestone else words[count:]).strip(" ,;:–-("))
                break
    when, rest = found if found else ("YYYY-MM" if milestone else "YYYY-MM-DD", text)
    value = rest if milestone and _PLAIN_TEXT.fullmatch(rest) else "…"
    if milestone:
        fields, first, second = _SAY.say("milestone_fields"), "name", "planned"
        return _SAY.say("entry_text", fields=fields, got=got, first=first, value=value, second=second, when=when)
    # An update's date comes first: `- date: 2026-03-01`, then its text.
    fields = _SAY.say("update_fields")
    return _SAY.say("entry_text", fields=fields, got=got, first="date", value=when, second="text", when="…")


def _items_on_one_line(text: str) -> list[str]:
    """The items of a list written as one text, `a, b` or `a; b`, where each reads back unquoted
    inside `[…]`; [] when it is one item, or when one would need quotes."""
    items = [item.strip() for item in re.split(r"[,;]", text)]
    if len(items) < 2 or not all(_PLAIN_ITEM.fullmatch(item) for item in items):
        return []
    return items


def _field_hint(value: Any, name: str) -> str:
    """A whole number's hint that its field makes exact: an amount's digits, a progress's percent."""
    if name == "amount":
        return _rupiah_hint(value)
    if name == "progress" and isinstance(value, float) and 0 < value < 1:  # 0.25: a share, as Excel keeps 25 %
        return _SAY.say("progress_fraction", percent=round(value * 100))
    return ""


def _rupiah_hint(value: Any) -> str:
    """The digits of an amount in rupiah written with words (`Rp 500 juta`, `1,5 miliar`), or "" (a figure
    written with dots alone, `1.000.000`, gets the number's own hint)."""
    if not isinstance(value, str) or not re.search(r"[^\W\d_]", value):
        return ""
    figure = whole_rupiah(value)
    return "" if figure is None else _SAY.say("rupiah_digits", figure=figure)


def _number_hint(value: Any, *, whole: bool) -> str:
    """How to write the figure that `value` was meant to be."""
    if isinstance(value, float) and whole:
        return _SAY.say("no_decimals")
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if re.fullmatch(r"-?\d+", text) or (not whole and re.fullmatch(r"-?\d+\.\d+", text)):
        return _SAY.say("remove_quotes")
    if not whole and re.fullmatch(r"-?\d+,\d+", text):
        return _SAY.say("decimal_point", figure=text.replace(",", "."))
    try:
        figure = float(text)
    except ValueError:
        figure = None
    if whole and figure is not None and figure.is_integer() and abs(figure) < 1e18:
        return _SAY.say("full_digits", figure=int(figure))
    digits = re.sub(r"[^\d]", "", text)
    if digits and re.fullmatch(r"-?[\d.,\s]+", text) and whole:
        return _SAY.say("digits_only", figure=digits)
    if digits:
        return _SAY.say("number_alone", figure=digits)
    return ""


def _budget_by_year(value: Any) -> tuple[int, str] | None:
    """`budget: {2025: 350000000}`, a budget written as a mapping by year: its first year, and the amount
    to write for it (its digits when they can be told, else `…`); None for another mapping."""
    if not isinstance(value, dict) or not value:
        return None
    if not all(isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2100 for year in value):
        return None
    year, amount = next(iter(value.items()))
    if isinstance(amount, int) and not isinstance(amount, bool) and amount >= 0:
        return year, str(amount)
    # `Rp 350 juta (APBD)`: the source in brackets is for `source`
    figure = whole_rupiah(re.sub(r"\(.*\)\s*$", "", amount)) if isinstance(amount, str) else None
    return year, "…" if figure is None else str(figure)


def _did_you_mean(value: Any, allowed: list[str]) -> str:
    if not isinstance(value, str):
        return ""
    by_case = {option.lower(): option for option in allowed}
    close = by_case.get(value.strip().lower()) or next(iter(difflib.get_close_matches(value, allowed, n=1)), None)
    return _SAY.say("did_you_mean", close=close) if close else ""


def _close_key(key: str, allowed: list[str]) -> str | None:
    """The key meant by `key`: the Indonesian word's (`judul` → `title`), else the closest spelling."""
    return english_key(key, allowed) or next(iter(difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)), None)


def _written_keys(data: Any, location: Location) -> Collection[object]:
    """The keys written in the mapping at `location` of the file's `data` (none when it is no mapping)."""
    found = _value_at(data, location)
    return found.keys() if isinstance(found, dict) else ()


def _unknown_key(key: str, allowed: list[str], written: Collection[object] = ()) -> str:
    """What to write for the unknown `key` of a mapping whose keys are `allowed` and `written`."""
    close = _close_key(key, allowed)
    if close and close in written:  # `judul:` beside `title:`: the line is one too many
        return _SAY.say("known_key_there", key=quoted(key), close=close)
    if english := english_key(key, allowed):
        return _SAY.say("key_in_english", key=quoted(key), close=english)
    if close:
        return _SAY.say("unknown_key_close", key=quoted(key), close=close)
    return _SAY.say("unknown_key", key=quoted(key), allowed=", ".join(allowed))


def allowed_keys(model: type[BaseModel], location: Location) -> list[str]:
    """The field names of the model that sits at `location` (list indices and dict keys skipped)."""
    found = _model_at(model, location)
    return list(found.model_fields) if found is not None else []


def _is_optional(model: type[BaseModel], location: Location) -> bool:
    """Whether the field at `location` may be left out of the model that holds it."""
    holder = _model_at(model, location[:-1]) if location else None
    field = holder.model_fields.get(str(location[-1])) if holder is not None else None
    return field is not None and not field.is_required()


def _model_at(model: type[BaseModel], location: Location) -> type[BaseModel] | None:
    """The model that sits at `location` (list indices and dict keys skipped), or None: not a model."""
    current: type[BaseModel] = model
    for part in location:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:  # a free dict key, such as a dimension key
            continue
        nested = next(_models_in(field.annotation), None)
        if nested is None:
            return None
        current = nested
    return current


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            yield from _models_in(argument)
