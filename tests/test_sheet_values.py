"""A cell and its value, both ways: what people type is read, what is written reads back the same."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from macros.data.plan.assemble import national_dimensions
from macros.data.plan.typed_numbers import number_figure, rupiah_figure
from macros.data.workbook.layout import SHEETS, Kind
from macros.data.workbook.values import (
    Cell,
    CellError,
    Unreadable,
    Vocabulary,
    cell_value,
    field_value,
)

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


WORDS = Vocabulary(national_dimensions())


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1500000000", 1_500_000_000),
        ("Rp 1.500.000.000", 1_500_000_000),
        ("Rp1.500.000.000,00", 1_500_000_000),
        ("rp. 750.000", 750_000),
        ("1,5 miliar", 1_500_000_000),
        ("1.5 milyar", 1_500_000_000),
        ("750 juta", 750_000_000),
        ("Rp 2 triliun", 2_000_000_000_000),
        ("250 ribu", 250_000),
        ("1,500,000,000", 1_500_000_000),
        (" 1 500 000 ", 1_500_000),
        (1_500_000_000, 1_500_000_000),
        (1500000000.0, 1_500_000_000),
    ],
)
def test_amounts_are_read_as_people_write_them(typed: object, amount: int) -> None:
    assert field_value(Kind.AMOUNT, Cell(typed), WORDS) == amount  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "satu miliar",
            "`satu miliar` is not an amount in rupiah; write digits, e.g. 1500000000, Rp 1.500.000.000 or 1,5 miliar",
        ),
        ("1,25", "`1,25` is not a whole number of rupiah; write e.g. 1"),
        (
            "5 dolar",
            "`5 dolar` is not an amount in rupiah; write digits, e.g. 1500000000, Rp 1.500.000.000 or 1,5 miliar",
        ),
        (1500.5, "1500.5 has decimals; write the amount in whole rupiah, e.g. 1500"),
    ],
)
def test_an_amount_that_cannot_be_read_says_what_to_write(typed: object, message: str) -> None:
    with pytest.raises(CellError) as error:
        field_value(Kind.AMOUNT, Cell(typed), WORDS)  # type: ignore[arg-type]
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("92,5", Decimal("92.5")),
        ("92.5", Decimal("92.5")),
        ("1.500", Decimal("1500")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("-3", Decimal("-3")),
        ("abc", None),
        ("1.2.3", None),
    ],
)
def test_numbers_follow_indonesian_separators(text: str, figure: Decimal | None) -> None:
    assert number_figure(text) == figure


def test_rupiah_figure_refuses_unknown_words() -> None:
    assert rupiah_figure("1,5 milyun") is None


@pytest.mark.parametrize(
    ("kind", "cell", "value"),
    [
        (Kind.STATUS, Cell("Berjalan"), "ongoing"),
        (Kind.STATUS, Cell("  berjalan "), "ongoing"),
        (Kind.STATUS, Cell("ongoing"), "ongoing"),
        (Kind.HORIZON, Cell("Jangka  Menengah"), "medium"),
        (Kind.SOURCE, Cell("APBD Provinsi"), "APBD-Provinsi"),
        (Kind.DIMENSION, Cell("Smart Living"), "living"),
        (Kind.YEAR, Cell(2025), 2025),
        (Kind.YEAR, Cell(2025.0), 2025),
        (Kind.YEAR, Cell(" 2025 "), 2025),
        (Kind.PERCENT, Cell("60 %"), 60),
        (Kind.PERCENT, Cell(0.6, "0%"), 60),
        (Kind.NUMBER, Cell("92,5"), 92.5),
        (Kind.NUMBER, Cell(7), 7),
        (Kind.DAY, Cell(datetime(2025, 6, 30, 0, 0)), "2025-06-30"),
        (Kind.DAY, Cell("30/06/2025"), "2025-06-30"),
        (Kind.DAY, Cell("2025-6-3"), "2025-06-03"),
        (Kind.DAY, Cell("2025-06-30 10:00"), "2025-06-30"),  # as another tool exports a date with its time
        (Kind.DAY, Cell("30/06/2025 09.30 WIB"), "2025-06-30"),
        (Kind.MONTH, Cell("2025-06"), "2025-06"),
        (Kind.MONTH, Cell("6/2025"), "2025-06"),
        (Kind.MONTH, Cell(datetime(2025, 6, 1), "mmm-yy"), "2025-06"),
        (Kind.MONTH, Cell(datetime(2025, 6, 1), "dd/mm/yyyy"), "2025-06-01"),
        (Kind.LINES, Cell("Satu.\r\nDua.\n\n"), ["Satu.", "Dua."]),
        (Kind.ITEMS, Cell("Dinas A; Dinas B ;"), ["Dinas A", "Dinas B"]),
        (Kind.ITEMS, Cell("Dinas A; B\nDinas C"), ["Dinas A; B", "Dinas C"]),
        (Kind.IDS, Cell("GOV-01, GOV-02;GOV-03"), ["GOV-01", "GOV-02", "GOV-03"]),
        (Kind.WHOLES, Cell("#12; 40"), [12, 40]),
        (Kind.WHOLES, Cell(16), [16]),
        (Kind.TEXT, Cell("  Judul  "), "Judul"),
        (Kind.TEXT, Cell("   "), None),
        (Kind.NOTE, Cell("anything"), None),
    ],
)
def test_cells_are_read_as_typed(kind: Kind, cell: Cell, value: object) -> None:
    assert field_value(kind, cell, WORDS) == value


def test_an_element_is_looked_up_in_its_dimension() -> None:
    assert field_value(Kind.ELEMENT, Cell("Kesehatan"), WORDS, "living") == "kesehatan"
    with pytest.raises(CellError) as error:
        field_value(Kind.ELEMENT, Cell("Kesehatan"), WORDS, "governance")
    assert str(error.value) == (
        "`Kesehatan` is not an element of Smart Governance; "
        "choose one of: Layanan Publik, Kebijakan Publik, Tata Kelola Birokrasi"
    )
    assert field_value(Kind.ELEMENT, Cell("Kesehatan"), WORDS, "") == "kesehatan"  # no Dimensi column
    assert field_value(Kind.ELEMENT, Cell("Kesehatan"), WORDS, None) is None  # its dimension is wrong


@pytest.mark.parametrize(
    ("kind", "cell", "message"),
    [
        (
            Kind.STATUS,
            Cell("Jalan"),
            "`Jalan` is not a status; choose one of: Direncanakan, Berjalan, Selesai, Terlambat, Dihentikan "
            "(did you mean `Berjalan`?)",
        ),
        (
            Kind.STATUS,
            Cell("sedang berjalan"),
            "`sedang berjalan` is not a status; choose one of: Direncanakan, Berjalan, Selesai, Terlambat, Dihentikan "
            "(did you mean `Berjalan`?)",
        ),
        (
            Kind.DIMENSION,
            Cell("Pemerintahan"),
            "`Pemerintahan` is not a dimension of this city; choose one of: Smart Governance, Smart Branding, "
            "Smart Economy, Smart Living, Smart Society, Smart Environment (did you mean `Smart Governance`?)",
        ),
        (
            Kind.HORIZON,
            Cell("Long term"),
            "`Long term` is not a horizon; choose one of: Quick win, Jangka pendek, Jangka menengah, Jangka panjang "
            "(did you mean `Jangka panjang`?)",
        ),
        (Kind.YEAR, Cell("dua ribu"), "`dua ribu` is not a year; write four digits, e.g. 2025"),
        (
            Kind.YEAR,
            Cell(datetime(2025, 1, 1)),
            "the spreadsheet holds the date 2025-01-01 here; write the year alone, e.g. 2025",
        ),
        (
            Kind.DAY,
            Cell(45838),
            "45838 is a date that the spreadsheet stores as a number (the cell is not formatted as a date); "
            "write it as 2025-06-30, or format the cell as a date",
        ),
        (Kind.MONTH, Cell(2025), "2025 is a year; write the whole date, e.g. 2025-06-30"),
        (Kind.DAY, Cell("2025-06"), "`2025-06` is a month; this date needs its day too, e.g. 2025-06-30"),
        (Kind.MONTH, Cell("Juni"), "`Juni` is not a month or a date; write it as 2025-06 or 2025-06-30"),
        (
            Kind.DAY,
            Cell("31/04/2025"),
            "`31/04/2025` is not a real date: month 04 of 2025 has only 30 days; check the day and the month, "
            "write YYYY-MM-DD",
        ),
        (
            Kind.MONTH,
            Cell("03/15/2025"),
            "`03/15/2025` is not a real date: there is no month 15; if you mean day 15 of month 03, write 2025-03-15",
        ),
        (
            Kind.MONTH,
            Cell("13/2025"),
            "`13/2025` is not a real date: there is no month 13, months are 01 to 12; write YYYY-MM or YYYY-MM-DD",
        ),
        (Kind.PERCENT, Cell("60,5"), "`60,5` is not a percentage; write a whole number 0–100, e.g. 60"),
        (
            Kind.WHOLES,
            Cell("3; sebelas"),
            "`sebelas` is not a whole number; write numbers separated by `;`, e.g. 3; 11",
        ),
        (Kind.TEXT, Cell(True), "expected text, got TRUE; write it as text"),
        (
            Kind.TEXT,
            Cell(datetime(2025, 3, 1)),
            "the spreadsheet turned this text into the date 2025-03-01; "
            "format the cell as Text and type the text again",
        ),
        (
            Kind.TEXT,
            Cell(Unreadable("the cell shows the error #REF!; write the value itself")),
            "the cell shows the error #REF!; write the value itself",
        ),
    ],
)
def test_unreadable_cells_say_what_to_write(kind: Kind, cell: Cell, message: str) -> None:
    with pytest.raises(CellError) as error:
        field_value(kind, cell, WORDS)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (Kind.STATUS, "delayed"),
        (Kind.HORIZON, "quick-win"),
        (Kind.SOURCE, "APBD-Provinsi"),
        (Kind.DIMENSION, "environment"),
        (Kind.AMOUNT, 1_234_567_890),
        (Kind.YEAR, 2031),
        (Kind.PERCENT, 0),
        (Kind.NUMBER, 12.75),
        (Kind.NUMBER, 0),
        (Kind.DAY, "2024-02-29"),
        (Kind.MONTH, "2024-02"),
        (Kind.MONTH, "2024-02-29"),
        (Kind.LINES, ["Satu; dengan titik koma.", "Dua: dengan titik dua."]),
        (Kind.ITEMS, ["Dinas A", "Dinas B & C"]),
        (Kind.ITEMS, ["Satu; dua", "tiga"]),
        (Kind.IDS, ["GOV-01", "LIV-2"]),
        (Kind.WHOLES, [3]),
        (Kind.WHOLES, [3, 11, 17]),
        (Kind.TEXT, '=HYPERLINK("http://contoh.test")'),
        (Kind.TEXT, "Baris satu\n\n- baris dua"),
    ],
)
def test_what_is_written_reads_back_the_same(kind: Kind, value: object) -> None:
    written = cell_value(kind, value, WORDS)
    assert field_value(kind, Cell(written), WORDS) == value


def test_choices_are_written_as_the_site_shows_them() -> None:
    assert cell_value(Kind.STATUS, "ongoing", WORDS) == "Berjalan"
    assert cell_value(Kind.HORIZON, "medium", WORDS) == "Jangka menengah"
    assert cell_value(Kind.DIMENSION, "living", WORDS) == "Smart Living"
    assert cell_value(Kind.ELEMENT, "kesehatan", WORDS, "living") == "Kesehatan"
    assert cell_value(Kind.DAY, "2025-06-30", WORDS) == date(2025, 6, 30)
    assert cell_value(Kind.AMOUNT, 1_500_000_000, WORDS) == 1_500_000_000


def test_every_column_of_the_layout_is_explained_and_keyed() -> None:
    for sheet in SHEETS:
        headers = [column.header for column in sheet.columns]
        assert len(headers) == len(set(headers)), sheet.name
        for column in sheet.columns:
            assert column.about.endswith("."), (sheet.name, column.header)
            assert column.kind is Kind.NOTE or column.key, (sheet.name, column.header)
