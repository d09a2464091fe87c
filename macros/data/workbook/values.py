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
from decimal import Decimal, InvalidOperation
from typing import Any

from macros.data.plan.labels import HORIZON_LABELS, SOURCE_LABELS, STATUS_LABELS
from macros.data.plan.model import Dimension
from macros.data.workbook.layout import Kind


@dataclass(frozen=True)
class Unreadable:
    """A cell whose value cannot be used: an error (#REF!) or a formula saved without its value."""

    why: str


CellValue = str | int | float | bool | datetime | date | time | timedelta | Unreadable | None

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
_EXCEL_EPOCH = date(1899, 12, 30)
_SCALES = {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_SPLIT_IDS = re.compile(r"[;,\s]+")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_LOCAL_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")  # 30/06/2025: day first, as in Indonesia
_LOCAL_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")


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


_NOUNS = {
    Kind.STATUS: "a status",
    Kind.HORIZON: "a horizon",
    Kind.SOURCE: "a source of funds",
    Kind.DIMENSION: "a dimension of this city",
}


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


def field_value(kind: Kind, cell: Cell, words: Vocabulary, dimension: str | None = None) -> Any:
    """The field's value from a cell, None when the cell is empty; raises CellError."""
    if cell.empty or kind is Kind.NOTE:
        return None
    value = cell.value
    if isinstance(value, Unreadable):
        raise CellError(value.why)
    if isinstance(value, bool):
        raise CellError(f"expected {_expected(kind)}, got {str(value).upper()}; write it as text")
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


def _expected(kind: Kind) -> str:
    return {
        Kind.YEAR: "a year",
        Kind.PERCENT: "a percentage",
        Kind.AMOUNT: "an amount in rupiah",
        Kind.NUMBER: "a number",
        Kind.DAY: "a date",
        Kind.MONTH: "a month or a date",
        Kind.WHOLES: "numbers",
    }.get(kind, "text")


def _text(value: CellValue) -> str:
    assert not isinstance(value, Unreadable), "field_value refuses unreadable cells first"
    if isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        raise CellError(
            f"the spreadsheet turned this text into the date {day.isoformat()}; "
            "format the cell as Text and type the text again"
        )
    if isinstance(value, (time, timedelta)):
        raise CellError("the spreadsheet turned this text into a time; format the cell as Text and type it again")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _items(parts: Sequence[str]) -> list[str]:
    return [part.strip() for part in parts if part.strip()]


def _whole_item(text: str) -> int:
    digits = text.removeprefix("#")
    if not digits.isdigit():
        raise CellError(f"`{text}` is not a whole number; write numbers separated by `;`, e.g. 3; 11")
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
        raise CellError(f"the spreadsheet holds the date {_day(value)} here; write the year alone, e.g. {value.year}")
    whole = _whole(value)
    if whole is not None:
        return whole
    text = _text(value)
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    raise CellError(f"`{text}` is not a year; write four digits, e.g. 2025")


def _percent(value: CellValue, number_format: str) -> int:
    if isinstance(value, float) and "%" in number_format:
        value = round(value * 100, 6)  # 60 % is stored as 0.6
    whole = _whole(value)
    if whole is not None:
        return whole
    if isinstance(value, float):
        raise CellError(f"{value:g} is not a whole number; write a whole percentage 0–100, e.g. 60")
    text = _text(value).removesuffix("%").strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(f"`{_text(value)}` is not a percentage; write a whole number 0–100, e.g. 60")


def _amount(value: CellValue) -> int:
    whole = _whole(value)
    if whole is not None:
        return whole
    if isinstance(value, float):
        raise CellError(f"{value} has decimals; write the amount in whole rupiah, e.g. {int(value)}")
    text = _text(value)
    figure = rupiah_figure(text)
    if figure is None:
        raise CellError(
            f"`{text}` is not an amount in rupiah; write digits, e.g. 1500000000, Rp 1.500.000.000 or 1,5 miliar"
        )
    if figure != figure.to_integral_value():
        raise CellError(f"`{text}` is not a whole number of rupiah; write e.g. {int(figure)}")
    return int(figure)


def rupiah_figure(text: str) -> Decimal | None:
    """`Rp 1.500.000.000`, `1,5 miliar`, `750 juta`, `1500000000` → the figure; None when unreadable."""
    words = re.sub(r"^(rp\.?|idr)\s*", "", text.strip(), flags=re.IGNORECASE).strip()
    scale = 1
    match = re.fullmatch(r"(.*?)\s*([a-zA-Z]+)\.?", words)
    if match:
        if match.group(2).lower() not in _SCALES:
            return None
        words, scale = match.group(1), _SCALES[match.group(2).lower()]
    figure = number_figure(words)
    return None if figure is None else figure * scale


def number_figure(text: str) -> Decimal | None:
    """A number as Indonesians write it: `.` groups thousands and `,` marks decimals
    (`1.500` is 1500, `92,5` is 92.5); `92.5` and `1,500,000` are understood too."""
    text = re.sub(r"[\s\u00a0]", "", text)
    sign = "-" if text.startswith("-") else ""
    digits = text.lstrip("+-")
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", digits):
        return None
    if "." in digits and "," in digits:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        whole, _, fraction = digits.rpartition(decimal_mark)
        group = "." if decimal_mark == "," else ","
        if not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*", whole) or not fraction.isdigit():
            return None
        digits = f"{whole.replace(group, '')}.{fraction}"
    elif "." in digits:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
            digits = digits.replace(".", "")
        elif digits.count(".") != 1:
            return None
    elif "," in digits:
        if re.fullmatch(r"\d{1,3}(,\d{3}){2,}", digits):
            digits = digits.replace(",", "")
        elif digits.count(",") == 1:
            digits = digits.replace(",", ".")
        else:
            return None
    try:
        return Decimal(sign + digits)
    except InvalidOperation:
        return None


def _number(value: CellValue) -> int | float:
    if isinstance(value, (int, float)):
        return value
    text = _text(value)
    figure = number_figure(text.removesuffix("%"))
    if figure is None:
        raise CellError(f"`{text}` is not a number; write e.g. 92,5 or 1.500")
    return int(figure) if figure == figure.to_integral_value() else float(figure)


def _serial_date(value: int | float) -> CellError:
    """A date column holding a plain number: Excel's day count, unless it reads as a year."""
    if isinstance(value, int) and 1900 <= value <= 2100:
        return CellError(f"{value} is a year; write the whole date, e.g. {value}-06-30")
    if 1 <= value < 2958466:
        day = _EXCEL_EPOCH + timedelta(days=int(value))
        return CellError(
            f"{value:g} is a date that the spreadsheet stores as a number (the cell is not formatted as a date); "
            f"write it as {day.isoformat()}, or format the cell as a date"
        )
    return CellError(f"{value:g} is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30")


def _day(value: CellValue) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        raise _serial_date(value)
    text = _text(value)
    if match := _ISO_DAY.match(text):
        return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
    if match := _LOCAL_DAY.match(text):
        return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    if _ISO_MONTH.match(text) or _LOCAL_MONTH.match(text):
        raise CellError(f"`{text}` is a month; this date needs its day too, e.g. 2025-06-30")
    raise CellError(f"`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30, or enter a date")


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
    if match := _ISO_MONTH.match(text):
        return f"{match[1]}-{int(match[2]):02d}"
    if match := _LOCAL_MONTH.match(text):
        return f"{match[2]}-{int(match[1]):02d}"
    try:
        return _day(text)
    except CellError:
        raise CellError(f"`{text}` is not a month or a date; write it as 2025-06 or 2025-06-30") from None


def _choice(kind: Kind, text: str, words: Vocabulary, dimension: str | None) -> str | None:
    choices = words.choices(kind, dimension)
    if kind is Kind.ELEMENT and not choices:
        return None  # the dimension is unknown: its own cell says so
    wanted = " ".join(text.split()).casefold()
    for key, label in choices.items():
        if wanted in (key.casefold(), label.casefold()):
            return key
    labels = list(choices.values())
    close = difflib.get_close_matches(text, labels, n=1, cutoff=0.6)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    if kind is Kind.ELEMENT:
        noun = f"an element of {words.dimensions[dimension].label}" if dimension else "an element"
    else:
        noun = _NOUNS[kind]
    raise CellError(f"`{text}` is not {noun}; choose one of: {', '.join(labels)}{hint}")


def empty_hint(kind: Kind, example: str, words: Vocabulary, dimension: str | None = None) -> str:
    """What to write in an empty required cell."""
    choices = words.choices(kind, dimension)
    if choices:
        return f"the cell is empty; choose one of: {', '.join(choices.values())}"
    return f"the cell is empty; write {_expected(kind) if kind is not Kind.TEXT else 'the text'}, e.g. {example}"
