"""Read a workbook (.xlsx) or a CSV file into grids of cells, refusing what cannot be read safely.

A workbook is untrusted like any data: its size is bounded before it is unpacked, a
formula counts only for the value the spreadsheet saved with it, and cells merged across
rows are refused (their value stands in the first row only). A CSV file is read the way
Excel writes it: UTF-8 with or without a byte order mark (or Windows-1252), separated by
commas, or by semicolons as in an Indonesian locale.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.rich_text import CellRichText
from openpyxl.utils import get_column_letter

from macros.data.language.catalog import Catalog
from macros.data.plan.problems import Problem, Severity
from macros.data.workbook.layout import PROGRAM
from macros.data.workbook.values import Cell, CellValue, Unreadable

MAX_FILE_BYTES = 20 * 1024 * 1024
# Unpacked, a workbook is ten to twenty times its size; far more is a "zip bomb".
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)


_SAY = Catalog(
    "workbook.read",
    {
        "cannot_read_kind": (
            "berkas `{suffix}` tidak dapat dibaca; simpan buku kerja sebagai Excel Workbook (.xlsx), "
            "atau lembar Program-nya sebagai CSV (.csv)",
            "cannot read `{suffix}` files; save the workbook as Excel Workbook (.xlsx), "
            "or its Program sheet as CSV (.csv)",
        ),
        "no_suffix": ("tanpa akhiran", "no"),
        "cannot_open": ("berkas tidak dapat dibuka: {error}", "cannot open the file: {error}"),
        "too_big": (
            "ukuran berkas {size} MiB; batasnya 20 MiB: hapus gambar",
            "the file is {size} MiB; the limit is 20 MiB: remove pictures",
        ),
        "not_a_workbook": (
            "ini bukan buku kerja Excel (.xlsx); di aplikasi spreadsheet, simpan ulang sebagai Excel Workbook (.xlsx)",
            "this is not an Excel workbook (.xlsx); in the spreadsheet, save it again as Excel Workbook (.xlsx)",
        ),
        "unpacks_too_big": (
            "buku kerja ini terurai menjadi lebih dari 400 MiB; tidak mungkin sebuah rencana",
            "the workbook unpacks to more than 400 MiB; it cannot be a plan",
        ),
        "cell_error": (
            "sel menampilkan galat {value}; tulis nilainya sendiri",
            "the cell shows the error {value}; write the value itself",
        ),
        "merged": (
            "sel {cells} digabung melintasi baris; pisahkan (Merge & Center) dan tulis nilainya di setiap baris",
            "the cells {cells} are merged across rows; unmerge them (Merge & Center) and write the value in every row",
        ),
        "formula": (
            "rumus ({formula}) yang nilainya tidak tersimpan di berkas; ganti dengan nilainya "
            "(Salin, lalu Tempel Spesial → Nilai) dan simpan lagi",
            "a formula ({formula}) whose value is not saved in the file; replace it with its value "
            "(Copy, then Paste Special → Values) and save again",
        ),
        "not_utf8": (
            "berkas ini bukan teks UTF-8; simpan sebagai CSV UTF-8 (Comma delimited)",
            "the file is not UTF-8 text; save it as CSV UTF-8 (Comma delimited)",
        ),
        "bad_csv": ("bukan berkas CSV yang dapat dibaca: {error}", "not a readable CSV file: {error}"),
    },
)


@dataclass(frozen=True)
class Grid:
    """One sheet's cells; `rows[0]` is row 1."""

    path: str  # the file, as named in messages
    name: str  # the sheet's name in the file; a CSV file is the Program sheet
    prefix: str  # `Program!` before a cell's name in a workbook; nothing in a CSV file
    rows: tuple[tuple[Cell, ...], ...]

    def ref(self, row: int, column: int) -> str:
        return f"{self.prefix}{get_column_letter(column)}{row}"

    def problem(self, row: int, column: int, field: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
        return Problem(self.path, row, column, field, message, severity, cell=self.ref(row, column))

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row - 1] if row <= len(self.rows) else ()
        return cells[column - 1] if column <= len(cells) else Cell(None)


def read_spreadsheet(file: Path, shown_as: str) -> tuple[list[Grid], list[Problem]]:
    """The grids of an .xlsx or .csv file, or the problems that keep it from being read."""
    suffix = file.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES + CSV_SUFFIXES:
        return [], [
            _file_problem(
                shown_as,
                _SAY.say("cannot_read_kind", suffix=file.suffix or _SAY.say("no_suffix")),
            )
        ]
    try:
        size = file.stat().st_size
    except OSError as error:
        return [], [_file_problem(shown_as, _SAY.say("cannot_open", error=error.strerror or error))]
    if size > MAX_FILE_BYTES:
        return [], [_file_problem(shown_as, _SAY.say("too_big", size=size // (1024 * 1024)))]
    if suffix in CSV_SUFFIXES:
        return _read_csv(file.read_bytes(), shown_as)
    return _read_workbook(file, shown_as)


def _file_problem(shown_as: str, message: str) -> Problem:
    return Problem(shown_as, 1, 1, "(file)", message)


# ------------------------------------------------------------------ workbook


def _unpacked_size(file: Path) -> int | None:
    """The size of a workbook once unpacked, None when it is not a ZIP archive at all."""
    try:
        with zipfile.ZipFile(file) as archive:
            return sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return None


def _read_workbook(file: Path, shown_as: str) -> tuple[list[Grid], list[Problem]]:
    not_a_workbook = _file_problem(
        shown_as,
        _SAY.say("not_a_workbook"),
    )
    unpacked = _unpacked_size(file)
    if unpacked is None:
        return [], [not_a_workbook]
    if unpacked > MAX_UNPACKED_BYTES:
        return [], [_file_problem(shown_as, _SAY.say("unpacks_too_big"))]
    try:
        book = openpyxl.load_workbook(file, data_only=False)
    except Exception:  # an untrusted file can fail the parser anywhere; the reason is the same for the maintainer
        return [], [not_a_workbook]
    problems: list[Problem] = []
    formulas: dict[tuple[str, str], str] = {}
    grids = []
    for sheet in book.worksheets:
        rows: list[tuple[Cell, ...]] = []
        for row in sheet.iter_rows():
            cells = []
            for item in row:
                if item.data_type == "f":
                    formulas[(sheet.title, item.coordinate)] = str(getattr(item.value, "text", item.value))
                cells.append(Cell(_value(item), item.number_format or "General"))
            rows.append(tuple(cells))
        grids.append(Grid(shown_as, sheet.title, _prefix(sheet.title), tuple(rows)))
        problems += _merged_across_rows(grids[-1], sheet)
    if formulas:
        grids = _formula_values(file, grids, formulas)
    return grids, problems


def _prefix(title: str) -> str:
    """How a spreadsheet names a sheet before a cell: `Program!`, `'Sheet 1'!`."""
    return f"{title}!" if title.replace("_", "").isalnum() else "'{}'!".format(title.replace("'", "''"))


def _value(item: Any) -> CellValue:
    """A cell's value as plain Python: rich text as its text, an error as unreadable."""
    value = item.value
    if item.data_type == "e":
        return Unreadable(_SAY.say("cell_error", value=value))
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, CellRichText):
        return str(value)
    if isinstance(value, (str, int, float, bool, datetime, date, time, timedelta)) or value is None:
        return value
    return str(value)  # a formula object: replaced by its saved value later


def _merged_across_rows(grid: Grid, sheet: Any) -> list[Problem]:
    problems = []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda cells: (cells.min_row, cells.min_col)):
        if merged.min_row != merged.max_row:
            problems.append(
                grid.problem(
                    merged.min_row,
                    merged.min_col,
                    "(sheet)",
                    _SAY.say("merged", cells=merged.coord),
                )
            )
    return problems


def _formula_values(file: Path, grids: list[Grid], formulas: dict[tuple[str, str], str]) -> list[Grid]:
    """Each formula replaced by the value the spreadsheet saved with it, or marked unreadable."""
    saved = openpyxl.load_workbook(file, data_only=True)
    replaced = []
    for grid in grids:
        rows = [list(row) for row in grid.rows]
        for (title, coordinate), formula in formulas.items():
            if title != grid.name:
                continue
            item = saved[title][coordinate]
            row, column = item.row, item.column
            assert row is not None and column is not None, "a cell of a worksheet has a place"
            value = _value(item)
            if value is None:
                shown = formula if len(formula) <= 40 else formula[:40] + "…"
                value = Unreadable(_SAY.say("formula", formula=shown))
            rows[row - 1][column - 1] = Cell(value, rows[row - 1][column - 1].number_format)
        replaced.append(Grid(grid.path, grid.name, grid.prefix, tuple(tuple(row) for row in rows)))
    return replaced


# ------------------------------------------------------------------ CSV


def _decode(raw: bytes) -> str | None:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    for encoding in ("utf-8", "cp1252"):  # Excel's "CSV (Comma delimited)" is Windows-1252
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(first_line: str) -> str:
    """The separator the header row uses most, outside quotes: `;` in an Indonesian Excel."""
    outside, quoted = [], False
    for character in first_line:
        if character == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(character)
    counts = {separator: outside.count(separator) for separator in (",", ";", "\t")}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _read_csv(raw: bytes, shown_as: str) -> tuple[list[Grid], list[Problem]]:
    try:
        text = _decode(raw)
    except UnicodeDecodeError:
        text = None
    if text is None:
        return [], [_file_problem(shown_as, _SAY.say("not_utf8"))]
    first_line, _, rest = text.partition("\n")
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        delimiter, text = first_line.strip()[4], rest  # Excel's own hint line, not a row
    else:
        delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = tuple(tuple(Cell(value) for value in row) for row in reader)
    except csv.Error as error:
        return [], [Problem(shown_as, reader.line_num, 1, "(file)", _SAY.say("bad_csv", error=error))]
    return [Grid(shown_as, PROGRAM.name, "", rows)], []
