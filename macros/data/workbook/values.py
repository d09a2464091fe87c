"""One cell of the workbook and the value it stands for, both ways.

`cell_value` writes a field's value as the site shows it (labels, rupiah as numbers, real
dates); `field_value` reads back what people actually type: the labels or the keys, in any
case, `Rp 1.500.000.000`, `1,5 miliar`, dates as Excel dates or as `2025-06`, stray
spaces. What it cannot read raises `CellError` with a message that says what to write.
The two are inverse: reading what was written gives the value back unchanged.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from macros.data.language.catalog import Catalog
from macros.data.plan.labels import HORIZON_LABELS, SOURCE_LABELS, STATUS_LABELS, meant_key
from macros.data.plan.messages import not_on_calendar
from macros.data.plan.model import Dimension
from macros.data.plan.not_known import leave_out, says_not_known
from macros.data.plan.typed_dates import EXCEL_EPOCH, ISO_DAY, ISO_MONTH, LOCAL_DAY, LOCAL_MONTH, without_time
from macros.data.plan.typed_numbers import number_figure, rupiah_figure
from macros.data.workbook.layout import Kind


@dataclass(frozen=True)
class Unreadable:
    """A cell whose value cannot be used: an error (#REF!) or a formula saved without its value."""

    why: str


CellValue = str | int | float | bool | datetime | date | time | timedelta | Unreadable | None

_SAY = Catalog(
    "workbook.values",
    {
        "status": ("status", "a status"),
        "horizon": ("horizon", "a horizon"),
        "source": ("sumber dana", "a source of funds"),
        "dimension": ("dimensi daerah ini", "a dimension of this city"),
        "element_of": ("elemen dari {dimension}", "an element of {dimension}"),
        "element": ("elemen", "an element"),
        "year": ("tahun", "a year"),
        "percent": ("persentase", "a percentage"),
        "amount": ("jumlah dalam rupiah", "an amount in rupiah"),
        "number": ("angka", "a number"),
        "day": ("tanggal", "a date"),
        "month": ("bulan atau tanggal", "a month or a date"),
        "wholes": ("angka", "numbers"),
        "text": ("teks", "text"),
        "the_text": ("teksnya", "the text"),
        "boolean_cell": (
            "seharusnya {expected}, tertulis {value}; tulis sebagai teks",
            "expected {expected}, got {value}; write it as text",
        ),
        "text_became_date": (
            "spreadsheet mengubah teks ini menjadi tanggal {day}; format sel sebagai Teks lalu ketik ulang teksnya",
            "the spreadsheet turned this text into the date {day}; format the cell as Text and type the text again",
        ),
        "text_became_time": (
            "spreadsheet mengubah teks ini menjadi waktu; format sel sebagai Teks lalu ketik ulang",
            "the spreadsheet turned this text into a time; format the cell as Text and type it again",
        ),
        "not_whole_item": (
            "`{text}` bukan bilangan bulat; tulis angka yang dipisahkan `;`, mis. 3; 11",
            "`{text}` is not a whole number; write numbers separated by `;`, e.g. 3; 11",
        ),
        "date_for_year": (
            "spreadsheet menyimpan tanggal {day} di sini; tulis tahunnya saja, mis. {year}",
            "the spreadsheet holds the date {day} here; write the year alone, e.g. {year}",
        ),
        "not_a_year": (
            "`{text}` bukan tahun; tulis empat angka, mis. 2025",
            "`{text}` is not a year; write four digits, e.g. 2025",
        ),
        "percent_decimals": (
            "{value} bukan bilangan bulat; tulis persentase bulat 0–100, mis. 60",
            "{value} is not a whole number; write a whole percentage 0–100, e.g. 60",
        ),
        "not_known": ("`{text}` di sel ini; {leave_out}", "`{text}` in this cell; {leave_out}"),
        "not_a_percent": (
            "`{text}` bukan persentase; tulis bilangan bulat 0–100, mis. 60",
            "`{text}` is not a percentage; write a whole number 0–100, e.g. 60",
        ),
        "amount_decimals": (
            "{value} memuat desimal; tulis jumlah dalam rupiah bulat, mis. {whole}",
            "{value} has decimals; write the amount in whole rupiah, e.g. {whole}",
        ),
        "not_an_amount": (
            "`{text}` bukan jumlah dalam rupiah; tulis angka, mis. 1500000000, Rp 1.500.000.000 atau 1,5 miliar",
            "`{text}` is not an amount in rupiah; write digits, e.g. 1500000000, Rp 1.500.000.000 or 1,5 miliar",
        ),
        "not_whole_rupiah": (
            "`{text}` bukan jumlah rupiah bulat; tulis mis. {whole}",
            "`{text}` is not a whole number of rupiah; write e.g. {whole}",
        ),
        "not_a_number": (
            "`{text}` bukan angka; tulis mis. 92,5 atau 1.500",
            "`{text}` is not a number; write e.g. 92,5 or 1.500",
        ),
        "year_for_day": (
            "{value} adalah tahun; tulis tanggal lengkap, mis. {value}-06-30",
            "{value} is a year; write the whole date, e.g. {value}-06-30",
        ),
        "serial_day": (
            "{value} adalah tanggal yang disimpan spreadsheet sebagai angka (sel tidak berformat tanggal); "
            "tulis sebagai {day}, atau format sel sebagai tanggal",
            "{value} is a date that the spreadsheet stores as a number (the cell is not formatted as a date); "
            "write it as {day}, or format the cell as a date",
        ),
        "number_not_day": (
            "{value} bukan tanggal; tulis sebagai YYYY-MM-DD, mis. 2025-06-30",
            "{value} is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30",
        ),
        "month_for_day": (
            "`{text}` adalah bulan; tanggal ini memerlukan harinya juga, mis. 2025-06-30",
            "`{text}` is a month; this date needs its day too, e.g. 2025-06-30",
        ),
        "not_a_day": (
            "`{text}` bukan tanggal; tulis sebagai YYYY-MM-DD, mis. 2025-06-30, atau masukkan tanggal",
            "`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30, or enter a date",
        ),
        "not_a_month": (
            "`{text}` bukan bulan atau tanggal; tulis sebagai 2025-06 atau 2025-06-30",
            "`{text}` is not a month or a date; write it as 2025-06 or 2025-06-30",
        ),
        "did_you_mean": (" (mungkin maksudnya `{close}`?)", " (did you mean `{close}`?)"),
        "not_a_choice": (
            "`{text}` bukan {noun}; pilih salah satu dari: {labels}{hint}",
            "`{text}` is not {noun}; choose one of: {labels}{hint}",
        ),
        "empty_choose": (
            "sel ini kosong; pilih salah satu dari: {choices}",
            "the cell is empty; choose one of: {choices}",
        ),
        "empty_write": (
            "sel ini kosong; tulis {what}, mis. {example}",
            "the cell is empty; write {what}, e.g. {example}",
        ),
    },
)

_SPLIT_IDS = re.compile(r"[;,\s]+")


class CellError(Exception):
    """A cell whose content is not a value of its column; the message says what to write."""


@dataclass(frozen=True)
class Cell:
    """What a spreadsheet holds in one cell: its value and how it is displayed."""

    value: CellValue
    number_format: str = "General"

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass(frozen=True)
class Vocabulary:
    """The city's words for the choice columns: its dimensions and their elements."""

    dimensions: Mapping[str, Dimension]

    def choices(self, kind: Kind, dimension: str | None = None) -> dict[str, str]:
        """Key → label of the values a choice column allows; an element's are those of `dimension`
        (of every dimension when it is "", none when it is None: unknown)."""
        if kind is Kind.STATUS:
            return STATUS_LABELS
        if kind is Kind.HORIZON:
            return HORIZON_LABELS
        if kind is Kind.SOURCE:
            return SOURCE_LABELS
        if kind is Kind.DIMENSION:
            return {key: value.label for key, value in self.dimensions.items()}
        if kind is Kind.ELEMENT and dimension == "":  # any dimension's
            return {key: label for item in self.dimensions.values() for key, label in item.elements.items()}
        if kind is Kind.ELEMENT and dimension is not None and dimension in self.dimensions:
            return dict(self.dimensions[dimension].elements)
        return {}


_NOUNS = {Kind.STATUS: "status", Kind.HORIZON: "horizon", Kind.SOURCE: "source", Kind.DIMENSION: "dimension"}
# The program file's field of a choice that people also write in words of their own (labels.meant_key).
_FIELDS = {Kind.STATUS: "status", Kind.HORIZON: "horizon", Kind.DIMENSION: "dimension"}


# ------------------------------------------------------------------ writing


def cell_value(kind: Kind, value: Any, words: Vocabulary, dimension: str | None = None) -> CellValue:
    """The cell for a field's value (as in the data file); None for an empty one."""
    if value is None or value == [] or kind is Kind.NOTE:
        return None
    if kind in (Kind.STATUS, Kind.HORIZON, Kind.SOURCE, Kind.DIMENSION, Kind.ELEMENT):
        return str(words.choices(kind, dimension).get(value, value))
    if kind is Kind.LINES:
        return "\n".join(value)
    if kind in (Kind.ITEMS, Kind.IDS, Kind.WHOLES):
        if kind is Kind.WHOLES and len(value) == 1:
            return int(value[0])  # a number, not a number stored as text
        # An item that holds `;` itself is kept whole by putting each item on a line of its own.
        separator = "\n" if any(";" in str(item) for item in value) else "; "
        return separator.join(str(item) for item in value)
    if kind is Kind.DAY:
        return date.fromisoformat(value)
    if isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"no cell for {value!r} in a {kind.value} column")


# ------------------------------------------------------------------ reading


def field_value(
    kind: Kind, cell: Cell, words: Vocabulary, dimension: str | None = None, *, key: str = "", required: bool = False
) -> Any:
    """The field's value from a cell, None when the cell is empty; raises CellError. `key` and `required`:
    the column's, for a mark of "not known" (`-`, `n/a`) where a figure or a date goes."""
    if cell.empty or kind is Kind.NOTE:
        return None
    value = cell.value
    if isinstance(value, Unreadable):
        raise CellError(value.why)
    if kind in _MEASURED and says_not_known(value) and (key == "amount" or not required):
        # As in a program file (macros.data.plan.not_known): an empty cell is how "not known" is said.
        advice = leave_out("cell", amount=key == "amount")
        raise CellError(_SAY.say("not_known", text=str(value).strip(), leave_out=advice))
    if isinstance(value, bool):
        raise CellError(_SAY.say("boolean_cell", expected=_expected(kind), value=str(value).upper()))
    match kind:
        case Kind.TEXT:
            return _text(value)
        case Kind.LINES:
            return _items(_text(value).split("\n"))
        case Kind.ITEMS:
            text = _text(value)
            return _items(text.split("\n") if "\n" in text else text.split(";"))
        case Kind.IDS:
            return _items(_SPLIT_IDS.split(_text(value)))
        case Kind.WHOLES:
            return [_whole_item(item) for item in _items(_SPLIT_IDS.split(_text(value)))]
        case Kind.YEAR:
            return _year(value)
        case Kind.PERCENT:
            return _percent(value, cell.number_format)
        case Kind.AMOUNT:
            return _amount(value)
        case Kind.NUMBER:
            return _number(value)
        case Kind.DAY:
            return _day(value)
        case Kind.MONTH:
            return _month(value, cell.number_format)
        case _:
            return _choice(kind, _text(value), words, dimension)


# Columns of figures and dates, where a table marks what is not known with `-` or a word.
_MEASURED = frozenset({Kind.PERCENT, Kind.AMOUNT, Kind.NUMBER, Kind.DAY, Kind.MONTH})


def _expected(kind: Kind) -> str:
    key = {
        Kind.YEAR: "year",
        Kind.PERCENT: "percent",
        Kind.AMOUNT: "amount",
        Kind.NUMBER: "number",
        Kind.DAY: "day",
        Kind.MONTH: "month",
        Kind.WHOLES: "wholes",
    }.get(kind, "text")
    return _SAY.say(key)


def _text(value: CellValue) -> str:
    assert not isinstance(value, Unreadable), "field_value refuses unreadable cells first"
    if isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        raise CellError(_SAY.say("text_became_date", day=day.isoformat()))
    if isinstance(value, (time, timedelta)):
        raise CellError(_SAY.say("text_became_time"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _items(parts: Sequence[str]) -> list[str]:
    return [part.strip() for part in parts if part.strip()]


def _whole_item(text: str) -> int:
    digits = text.removeprefix("#")
    if not digits.isdigit():
        raise CellError(_SAY.say("not_whole_item", text=text))
    return int(digits)


def _whole(value: CellValue) -> int | None:
    """A whole number from a number cell, else None."""
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _year(value: CellValue) -> int:
    if isinstance(value, (datetime, date)):
        raise CellError(_SAY.say("date_for_year", day=_day(value), year=value.year))
    whole = _whole(value)
    if whole is not None:
        return whole
    text = _text(value)
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    raise CellError(_SAY.say("not_a_year", text=text))


def _percent(value: CellValue, number_format: str) -> int:
    if isinstance(value, float) and "%" in number_format:
        value = round(value * 100, 6)  # 60 % is stored as 0.6
    whole = _whole(value)
    if whole is not None:
        return whole
    if isinstance(value, float):
        raise CellError(_SAY.say("percent_decimals", value=f"{value:g}"))
    text = _text(value).removesuffix("%").strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(_SAY.say("not_a_percent", text=_text(value)))


def _amount(value: CellValue) -> int:
    whole = _whole(value)
    if whole is not None:
        return whole
    if isinstance(value, float):
        raise CellError(_SAY.say("amount_decimals", value=value, whole=int(value)))
    text = _text(value)
    figure = rupiah_figure(text)
    if figure is None:
        raise CellError(_SAY.say("not_an_amount", text=text))
    if figure != figure.to_integral_value():
        raise CellError(_SAY.say("not_whole_rupiah", text=text, whole=int(figure)))
    return int(figure)


def _number(value: CellValue) -> int | float:
    if isinstance(value, (int, float)):
        return value
    text = _text(value)
    figure = number_figure(text.removesuffix("%"))
    if figure is None:
        raise CellError(_SAY.say("not_a_number", text=text))
    return int(figure) if figure == figure.to_integral_value() else float(figure)


def _serial_date(value: int | float) -> CellError:
    """A date column holding a plain number: Excel's day count, unless it reads as a year."""
    if isinstance(value, int) and 1900 <= value <= 2100:
        return CellError(_SAY.say("year_for_day", value=value))
    if 1 <= value < 2958466:
        day = EXCEL_EPOCH + timedelta(days=int(value))
        return CellError(_SAY.say("serial_day", value=f"{value:g}", day=day.isoformat()))
    return CellError(_SAY.say("number_not_day", value=f"{value:g}"))


def _day(value: CellValue) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        raise _serial_date(value)
    text = without_time(_text(value))  # `2025-03-01 10:00`: a day's cell has no place for the time
    if message := not_on_calendar(text, month_allowed=False):  # 31/02/2025, or 03/15/2025 typed month first
        raise CellError(message)
    if match := ISO_DAY.match(text):
        return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
    if match := LOCAL_DAY.match(text):
        return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    if ISO_MONTH.match(text) or LOCAL_MONTH.match(text):
        raise CellError(_SAY.say("month_for_day", text=text))
    raise CellError(_SAY.say("not_a_day", text=text))


def _month(value: CellValue, number_format: str) -> str:
    if isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        # A date shown without its day (`Jun-25`) was typed as a month.
        if day.day == 1 and "d" not in number_format.lower():
            return day.isoformat()[:7]
        return day.isoformat()
    if isinstance(value, (int, float)):
        raise _serial_date(value)
    text = _text(value)
    if message := not_on_calendar(text, month_allowed=True):
        raise CellError(message)
    if match := ISO_MONTH.match(text):
        return f"{match[1]}-{int(match[2]):02d}"
    if match := LOCAL_MONTH.match(text):
        return f"{match[2]}-{int(match[1]):02d}"
    try:
        return _day(text)
    except CellError:
        raise CellError(_SAY.say("not_a_month", text=text)) from None


def _choice(kind: Kind, text: str, words: Vocabulary, dimension: str | None) -> str | None:
    choices = words.choices(kind, dimension)
    if kind is Kind.ELEMENT and not choices:
        return None  # the dimension is unknown: its own cell says so
    wanted = " ".join(text.split()).casefold()
    for key, label in choices.items():
        if wanted in (key.casefold(), label.casefold()):
            return key
    labels = list(choices.values())
    meant = meant_key(text, _FIELDS.get(kind, ""))  # `sedang berjalan`: Berjalan, surely
    close = [choices[meant]] if meant in choices else difflib.get_close_matches(text, labels, n=1, cutoff=0.6)
    hint = _SAY.say("did_you_mean", close=close[0]) if close else ""
    if kind is Kind.ELEMENT:
        noun = _SAY.say("element_of", dimension=words.dimensions[dimension].label) if dimension else _SAY.say("element")
    else:
        noun = _SAY.say(_NOUNS[kind])
    raise CellError(_SAY.say("not_a_choice", text=text, noun=noun, labels=", ".join(labels), hint=hint))


def empty_hint(kind: Kind, example: str, words: Vocabulary, dimension: str | None = None) -> str:
    """What to write in an empty required cell."""
    choices = words.choices(kind, dimension)
    if choices:
        return _SAY.say("empty_choose", choices=", ".join(choices.values()))
    what = _expected(kind) if kind is not Kind.TEXT else _SAY.say("the_text")
    return _SAY.say("empty_write", what=what, example=example)
