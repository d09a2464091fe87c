"""The plan as an Excel workbook (.xlsx), and the empty template with the same layout.

Every build writes both next to the open data files; `python -m macros export` and
`make template` write them on request. Sheets, columns and the way each value is written
come from `macros.data.workbook.layout` and `macros.data.workbook.values`, which also read the
workbook back (`python -m macros import`). Choice columns get drop-down lists (from the
Petunjuk sheet), rupiah are numbers with thousands separators, dates are dates, the
header row is frozen and filtered. The same data gives the same bytes: the document
properties and the dates inside the ZIP archive are fixed.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Dimension, Program
from macros.data.workbook.layout import (
    GUIDE_SHEET,
    MONITORING_SHEET,
    PROGRAM,
    RECORD_SHEETS,
    SHEETS,
    Column,
    Kind,
    Sheet,
)
from macros.data.workbook.values import CellValue, Vocabulary, cell_value

# A fixed moment for the document properties and the archive: the file depends on the data alone.
FIXED_MOMENT = datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
LAST_ROW = 1_048_576  # drop-downs and formats reach every row a spreadsheet has

_NUMBER_FORMATS = {
    Kind.AMOUNT: "#,##0",
    Kind.YEAR: "0",
    Kind.PERCENT: "0",
    Kind.WHOLES: "0",
    Kind.DAY: "yyyy-mm-dd",
    Kind.MONTH: "@",  # typed months stay text (Excel would turn 2025-06 into a date)
}
_HEADER_FONT = Font(name="Calibri", size=11, bold=True)  # the workbook's own font, in bold
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_TITLE_FONT = Font(name="Calibri", size=14, bold=True)

# A sheet of a write-only workbook (streamed to the file row by row, so that a large plan does
# not sit in memory cell by cell). openpyxl's stubs lack its column_dimensions, data_validations
# and auto_filter, hence Any.
StreamedSheet = Any


def plan_workbook(plan: Plan) -> bytes:
    """The whole plan: a row per program, a row per budget line, indicator, milestone, update and source,
    and the Pemantauan sheet (computed, not read back)."""
    return _workbook(plan.dimensions, plan.programs, plan.city.plan.title, plan)


# Templates made in this process, by their dimensions: a portal's regions mostly share the
# national six, and a worker builds many regions one after another.
_templates: dict[str, bytes] = {}


def template_workbook(dimensions: Mapping[str, Dimension]) -> bytes:
    """The same workbook without programs: for a region that starts from nothing."""
    key = json.dumps({name: dimension.model_dump(mode="json") for name, dimension in dimensions.items()})
    if key not in _templates:
        _templates[key] = _workbook(dimensions, (), "Templat Rencana Induk Smart City")
    return _templates[key]


def _workbook(
    dimensions: Mapping[str, Dimension], programs: Sequence[Program], title: str, plan: Plan | None = None
) -> bytes:
    words = Vocabulary(dimensions)
    book = Workbook(write_only=True)
    book.properties = DocumentProperties(
        creator="Rencana", title=title, created=FIXED_MOMENT, modified=FIXED_MOMENT, lastModifiedBy="Rencana"
    )
    records = [program.model_dump(mode="json", exclude_none=True) for program in programs]
    lists = _choice_lists(words)
    for sheet in SHEETS:
        rows = _rows(sheet, records, words)
        _write_sheet(book.create_sheet(sheet.name), sheet, rows, lists)
    _write_guide(book.create_sheet(GUIDE_SHEET), words, lists)
    if plan is not None:
        _write_monitoring(book.create_sheet(MONITORING_SHEET), plan)
    return _fixed_archive(book)


_MONITORING_HEADERS = (
    ("Kode", 12),
    ("Nama program", 40),
    ("Melewati jadwal", 16),
    ("Tahapan melewati jadwal", 16),
    ("Laporan terakhir", 16),
    ("Belum ada laporan baru", 16),
    ("Progres (%)", 12),
    ("Anggaran tercatat (Rp)", 20),
)


def _write_monitoring(sheet: StreamedSheet, plan: Plan) -> None:
    """Where each program stands on the run's date; an empty cell is a figure nobody recorded."""
    for position, (_, width) in enumerate(_MONITORING_HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.append([_header_cell(sheet, header) for header, _ in _MONITORING_HEADERS])
    for program in plan.programs:
        standing = plan.standing(program)
        sheet.append(
            [
                program.id,
                program.title,
                "ya" if standing.late else "",
                len(standing.overdue) or "",
                standing.last_report,
                "ya" if standing.silent else "",
                standing.progress,
                program.total_budget,
            ]
        )
    sheet.append([])
    sheet.append([f"Data per {plan.today.isoformat()}: lembar ini dihitung, tidak dibaca kembali oleh impor."])


# ------------------------------------------------------------------ data sheets


def _rows(sheet: Sheet, programs: Sequence[dict[str, Any]], words: Vocabulary) -> list[list[CellValue]]:
    rows = []
    for data in programs:
        records = [data] if sheet is PROGRAM else [{"id": data["id"], **item} for item in data.get(sheet.field, [])]
        for record in records:
            row = []
            for column in sheet.columns:
                if column.kind is Kind.NOTE:
                    row.append(data["title"])
                    continue
                value = _get(record, column.key)
                row.append(cell_value(column.kind, value, words, data.get("dimension")))
            rows.append(row)
    return rows


def _get(record: Mapping[str, Any], key: str) -> Any:
    value: Any = record
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _write_sheet(sheet: StreamedSheet, layout: Sheet, rows: list[list[CellValue]], lists: Mapping[Kind, str]) -> None:
    last_column = get_column_letter(len(layout.columns))
    for position, column in enumerate(layout.columns, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = column.width
        if column.kind in lists:
            sheet.data_validations.append(_drop_down(lists[column.kind], f"{letter}2:{letter}{LAST_ROW}", column))
    sheet.freeze_panes = "C2"  # the header row, the code and the name stay in view
    sheet.auto_filter.ref = f"A1:{last_column}{max(len(rows) + 1, 2)}"
    sheet.append([_header_cell(sheet, column.header) for column in layout.columns])
    for row in rows:
        sheet.append([_cell(sheet, column, value) for column, value in zip(layout.columns, row, strict=True)])


def _header_cell(sheet: StreamedSheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, text)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    return cell


def _cell(sheet: StreamedSheet, column: Column, value: Any) -> Any:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    number_format = _NUMBER_FORMATS.get(column.kind)
    # openpyxl takes a text starting with `=` for a formula, and `#REF!` for an error value.
    looks_special = isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES)
    if number_format is None and not looks_special:
        return value
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, whatever it starts with: never a formula
    if number_format:
        cell.number_format = number_format
    return cell


def _drop_down(source: str, cells: str, column: Column) -> DataValidation:
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Bukan pilihan dari daftar",
        error=f"{column.header}: pilih dari daftar (lihat lembar {GUIDE_SHEET}).",
    )
    validation.add(cells)
    return validation


# ------------------------------------------------------------------ guide


_INTRO = (
    "Petunjuk pengisian",
    "Baris pertama setiap lembar adalah judul kolom: jangan diubah. Lembar Program berisi satu baris per "
    "program; lembar lain berisi satu baris per catatan program (anggaran, indikator, tahapan, "
    "perkembangan, sumber), dihubungkan dengan Kode program.",
    "Pilih Dimensi, Elemen, Horizon, Status dan Sumber dana dari daftar (panah di sel); daftarnya ada di "
    "sebelah kanan lembar ini. Kolom Wajib harus diisi.",
    "Jumlah uang ditulis dalam rupiah (angka, atau Rp 1.500.000.000, atau 1,5 miliar). Tanggal boleh "
    "tanggal Excel atau teks 2025-06-30; bulan ditulis 2025-06. Daftar (Mitra, Kata kunci, Program "
    "terkait, SDGs) dipisah titik koma.",
    "Kolom Nama program di lembar selain Program hanya untuk dibaca. Jangan gabungkan sel (merge) dan "
    "jangan memakai rumus.",
)
_GUIDE_HEADERS = ("Lembar", "Kolom", "Wajib", "Isi")
# The explanations stay on one line each (a streamed sheet cannot size its rows to wrapped text).
_GUIDE_WIDTHS = (14, 22, 8, max(len(column.about) for sheet in SHEETS for column in sheet.columns) + 2)
_LIST_FIRST_COLUMN = 6  # F: the lists stand right of the table
_LIST_HEADERS = {
    Kind.DIMENSION: "Dimensi",
    Kind.ELEMENT: "Elemen",
    Kind.STATUS: "Status",
    Kind.HORIZON: "Horizon",
    Kind.SOURCE: "Sumber dana",
}


def _choice_values(words: Vocabulary) -> dict[Kind, list[str]]:
    # Every dimension's elements: one list serves every row, whatever its dimension.
    return {kind: list(words.choices(kind, "").values()) for kind in _LIST_HEADERS}


def _header_row() -> int:
    return len(_INTRO) + 2


def _choice_lists(words: Vocabulary) -> dict[Kind, str]:
    """Each choice column's list, as the range of the guide sheet that holds it."""
    first = _header_row() + 1
    ranges = {}
    for offset, (kind, values) in enumerate(_choice_values(words).items()):
        letter = get_column_letter(_LIST_FIRST_COLUMN + offset)
        ranges[kind] = f"{GUIDE_SHEET}!${letter}${first}:${letter}${first + max(len(values), 1) - 1}"
    return ranges


def _write_guide(sheet: StreamedSheet, words: Vocabulary, lists: Mapping[Kind, str]) -> None:
    widths = (*_GUIDE_WIDTHS, 2, *(24 for _ in _LIST_HEADERS))
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    title = WriteOnlyCell(sheet, _INTRO[0])
    title.font = _TITLE_FONT
    sheet.append([title])
    for paragraph in _INTRO[1:]:
        sheet.append([paragraph])
    sheet.append([])
    table: list[list[CellValue]] = []
    for layout in (PROGRAM, *RECORD_SHEETS):
        table.append([layout.name, "", "", layout.about])
        for column in layout.columns:
            table.append([layout.name, column.header, "Wajib" if column.required else "", column.about])
    choices = list(_choice_values(words).values())
    height = max(len(table), *(len(values) for values in choices))
    sheet.append(
        [
            *(_header_cell(sheet, text) for text in _GUIDE_HEADERS),
            None,
            *(_header_cell(sheet, text) for text in _LIST_HEADERS.values()),
        ]
    )
    for index in range(height):
        row: list[Any] = list(table[index]) if index < len(table) else ["", "", "", ""]
        row.append(None)
        row += [values[index] if index < len(values) else None for values in choices]
        sheet.append(row)


# ------------------------------------------------------------------ archive


def _fixed_archive(book: Workbook) -> bytes:
    """The workbook's ZIP archive with every entry dated the same, so that the bytes depend on the data only."""
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()
