"""Programs from the grids of a workbook: a row of the Program sheet each, with its records.

Each program comes out as the data a program file would hold (only the fields the workbook
has columns or sheets for), with the cell every value was read from, so that the model and
the rules of `make check` report their problems as `FILE.xlsx:Program!F12: field: message`.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from macros.data.language.catalog import Catalog
from macros.data.plan.problems import Problem, Severity
from macros.data.plan.read import Document, Location, field_name
from macros.data.workbook.layout import (
    CODE,
    GUIDE_SHEET,
    MONITORING_SHEET,
    PROGRAM,
    SHEETS,
    Column,
    Kind,
    Sheet,
    column_for,
    normal,
    sheet_named,
)
from macros.data.workbook.read import Grid
from macros.data.workbook.values import Cell, CellError, Unreadable, Vocabulary, empty_hint, field_value

_SAY = Catalog(
    "workbook.programs",
    {
        "sheet_not_read": (
            "tidak dibaca: lembar yang dibaca adalah {expected}",
            "not read: the sheets read are {expected}",
        ),
        "none": ("tidak ada", "none"),
        "no_program_sheet": (
            "tidak ada lembar bernama {sheet} (lembar: {names}); mulai dari templat (make template)",
            "no sheet named {sheet} (sheets: {names}); start from the template (make template)",
        ),
        "no_header": (
            "kolom ini berisi nilai tetapi tidak punya judul; beri judul salah satu dari: {expected}, "
            "atau hapus kolomnya",
            "this column has values but no header; name it with one of: {expected}, or delete it",
        ),
        "unknown_column": (
            "`{text}` bukan kolom lembar {sheet}; kolomnya adalah: {expected}{hint}",
            "`{text}` is not a column of the sheet {sheet}; the columns are: {expected}{hint}",
        ),
        "header_twice": (
            "`{text}` juga menjadi judul {first}; simpan satu kolom saja",
            "`{text}` is also the header of {first}; keep one column",
        ),
        "no_code_column": (
            "tidak ada kolom {code}: baris pertama harus menamai kolom ({expected}); "
            "setiap baris memerlukan kode program di bawah {code}",
            "no column {code}: the first row must name the columns ({expected}); "
            "every row needs the program's code under {code}",
        ),
        "missing_columns": (
            "lembar {sheet} tidak memiliki kolom {names}; lembar ini memerlukan semua kolom: {needed}",
            "the sheet {sheet} lacks the column(s) {names}; it needs all of: {needed}",
        ),
        "did_you_mean": (" (mungkin maksudnya `{close}`?)", " (did you mean `{close}`?)"),
        "code_twice": (
            "`{id}` juga menjadi kode di baris {row}; setiap program memerlukan kode sendiri",
            "`{id}` is also the code in row {row}; each program needs its own code",
        ),
        "empty_code": (
            "sel ini kosong; tulis kode program yang dimaksud baris ini",
            "the cell is empty; write the code of the program this row is for",
        ),
        "unknown_program": (
            "tidak ada program `{id}` di lembar {sheet}; perbaiki kodenya atau tambahkan programnya di sana",
            "no program `{id}` in the sheet {sheet}; correct the code or add the program there",
        ),
    },
)


@dataclass(frozen=True, eq=False)  # compared by identity: equality would compare whole grids
class CellRef:
    grid: Grid
    row: int
    column: int

    @property
    def path(self) -> str:
        return self.grid.path

    @property
    def name(self) -> str:
        """`Program!F12`: made only for a message."""
        return self.grid.ref(self.row, self.column)


@dataclass(frozen=True)
class SheetDocument(Document):
    """A program read from a workbook, answering "where is this value?" with its cell.

    For `--update`, the fields the workbook does not set come from the program's YAML
    file (`fallback`): their problems point at that file's lines.
    """

    cells: Mapping[Location, CellRef] = field(default_factory=dict, repr=False)
    given: frozenset[str] = frozenset()
    fallback: Document | None = None

    def _from_file(self, location: Location) -> bool:
        return self.fallback is not None and bool(location) and str(location[0]) not in self.given

    def _cell(self, location: Location) -> CellRef:
        for end in range(len(location), -1, -1):
            found = self.cells.get(location[:end])
            if found is not None:
                return found
        raise KeyError(location)  # every program has the cell of its code, at ()

    def position(self, location: Location) -> tuple[int, int]:
        if self.fallback is not None and self._from_file(location):
            return self.fallback.position(location)
        cell = self._cell(location)
        return cell.row, cell.column

    def key_position(self, location: Location) -> tuple[int, int]:
        return self.position(location)

    def problem(self, location: Location, message: str, *, at_key: bool = False) -> Problem:
        if self.fallback is not None and self._from_file(location):
            return self.fallback.problem(location, message, at_key=at_key)
        cell = self._cell(location)
        return Problem(cell.path, cell.row, cell.column, field_name(location), message, cell=cell.name)

    def place(self, location: Location) -> str:
        if self.fallback is not None and self._from_file(location):
            return self.fallback.place(location)
        cell = self._cell(location)
        return f"{cell.path}:{cell.name}"


@dataclass
class SheetProgram:
    """One program as the workbook gives it."""

    id: str
    data: dict[str, Any]  # the fields the workbook sets, as a program file holds them
    given: set[str]  # the fields it has columns or a sheet for: set, even when empty
    cells: dict[Location, CellRef]
    absent_required: list[Column]  # required columns missing from the Program sheet
    flawed: bool = False  # a cell of it could not be read: its data lacks that value

    def document(self, data: dict[str, Any], fallback: Document | None) -> SheetDocument:
        return SheetDocument(self.cells[()].path, data, "", self.cells, frozenset(self.given), fallback)


@dataclass(frozen=True)
class _Columns:
    """The columns of one sheet, by position (1-based)."""

    grid: Grid
    sheet: Sheet
    by_position: dict[int, Column]


def programs_from(grids: Sequence[Grid], words: Vocabulary) -> tuple[list[SheetProgram], list[Problem]]:
    """The programs of the workbook (or CSV file) and every problem found in its cells."""
    problems: list[Problem] = []
    found: dict[str, Grid] = {}
    for grid in grids:
        sheet = sheet_named(grid.name)
        if sheet is not None and sheet.name not in found:
            found[sheet.name] = grid
        elif normal(grid.name) not in (normal(GUIDE_SHEET), normal(MONITORING_SHEET)) and _has_values(grid):
            expected = ", ".join(item.name for item in SHEETS)
            problems.append(
                grid.problem(1, 1, "(sheet)", _SAY.say("sheet_not_read", expected=expected), Severity.WARNING)
            )
    if PROGRAM.name not in found:
        path = grids[0].path if grids else ""
        names = ", ".join(grid.name for grid in grids) or _SAY.say("none")
        message = _SAY.say("no_program_sheet", sheet=PROGRAM.name, names=names)
        return [], [*problems, Problem(path, 1, 1, "(file)", message)]

    columns: dict[str, _Columns] = {}
    for name, grid in found.items():
        sheet = next(item for item in SHEETS if item.name == name)
        read, found_problems = _header(grid, sheet)
        problems += found_problems
        if read is not None:
            columns[name] = read
    if PROGRAM.name not in columns:
        return [], problems

    programs, found_problems = _program_rows(columns[PROGRAM.name], words)
    problems += found_problems
    for sheet in SHEETS[1:]:
        if sheet.name in columns:
            problems += _record_rows(columns[sheet.name], programs, words)
    return list(programs.values()), problems


def _has_values(grid: Grid) -> bool:
    return any(not cell.empty for row in grid.rows for cell in row)


def _header(grid: Grid, sheet: Sheet) -> tuple[_Columns | None, list[Problem]]:
    """The sheet's columns from its first row, or the problems that make it unreadable."""
    expected = ", ".join(column.header for column in sheet.columns)
    if not _has_values(grid):
        return None, []  # an empty record sheet: as if the workbook had none
    header = grid.rows[0] if grid.rows else ()
    width = max(len(row) for row in grid.rows)
    problems: list[Problem] = []
    by_position: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for position in range(1, width + 1):
        cell = header[position - 1] if position <= len(header) else Cell(None)
        if cell.empty:
            if any(not grid.cell(row, position).empty for row in range(2, len(grid.rows) + 1)):
                problems.append(
                    grid.problem(
                        1,
                        position,
                        "(header)",
                        _SAY.say("no_header", expected=expected),
                    )
                )
            continue
        if isinstance(cell.value, Unreadable):
            problems.append(grid.problem(1, position, "(header)", cell.value.why))
            continue
        text = " ".join(str(cell.value).split())
        column = column_for(sheet, text)
        if column is None:
            problems.append(
                grid.problem(
                    1,
                    position,
                    "(header)",
                    _SAY.say(
                        "unknown_column",
                        text=text,
                        sheet=sheet.name,
                        expected=expected,
                        hint=_did_you_mean(text, [column.header for column in sheet.columns]),
                    ),
                )
            )
        elif column.header in seen:
            first = grid.ref(1, seen[column.header])
            problems.append(grid.problem(1, position, "(header)", _SAY.say("header_twice", text=text, first=first)))
        else:
            seen[column.header] = position
            by_position[position] = column
    missing = [column for column in sheet.data_columns if column.header not in seen]
    if CODE in missing:
        problems.append(
            grid.problem(
                1,
                1,
                "(header)",
                _SAY.say("no_code_column", code=CODE.header, expected=expected),
            )
        )
    elif sheet.field and missing:
        names = ", ".join(column.header for column in missing)
        problems.append(
            grid.problem(
                1,
                1,
                "(header)",
                _SAY.say(
                    "missing_columns",
                    sheet=sheet.name,
                    names=names,
                    needed=", ".join(column.header for column in sheet.data_columns),
                ),
            )
        )
    if problems:
        return None, problems
    return _Columns(grid, sheet, by_position), []


def _did_you_mean(text: str, options: list[str]) -> str:
    close = difflib.get_close_matches(text, options, n=1, cutoff=0.6)
    return _SAY.say("did_you_mean", close=close[0]) if close else ""


def _row_is_empty(grid: Grid, row: int, positions: list[int]) -> bool:
    cells = grid.rows[row - 1]
    return all(position > len(cells) or cells[position - 1].empty for position in positions)


def _program_rows(columns: _Columns, words: Vocabulary) -> tuple[dict[str, SheetProgram], list[Problem]]:
    grid = columns.grid
    present = set(columns.by_position.values())
    absent_required = [column for column in PROGRAM.data_columns if column.required and column not in present]
    code_position = next(position for position, column in columns.by_position.items() if column is CODE)
    ordered = sorted(columns.by_position.items(), key=lambda item: PROGRAM.columns.index(item[1]))
    positions = list(columns.by_position)
    programs: dict[str, SheetProgram] = {}
    rows_of: dict[str, int] = {}
    problems: list[Problem] = []
    for row in range(2, len(grid.rows) + 1):
        if _row_is_empty(grid, row, positions):
            continue
        code_cell = CellRef(grid, row, code_position)
        try:
            program_id = field_value(Kind.TEXT, grid.cell(row, code_position), words)
        except CellError as error:
            problems.append(grid.problem(row, code_position, "id", str(error)))
            continue
        if program_id is None:
            problems.append(grid.problem(row, code_position, "id", empty_hint(Kind.TEXT, CODE.example, words)))
            continue
        if program_id.casefold() in rows_of:
            problems.append(
                grid.problem(
                    row,
                    code_position,
                    "id",
                    _SAY.say("code_twice", id=program_id, row=rows_of[program_id.casefold()]),
                )
            )
            continue
        rows_of[program_id.casefold()] = row
        program = SheetProgram(program_id, {}, set(), {(): code_cell}, absent_required)
        # Elements are looked up in the row's dimension; without a Dimensi column, in every dimension.
        dimension: str | None = None if any(column.kind is Kind.DIMENSION for column in present) else ""
        for position, column in ordered:
            location = tuple(column.key.split("."))
            program.given.add(column.field)
            program.cells.setdefault((column.field,), CellRef(grid, row, position))
            program.cells[location] = CellRef(grid, row, position)
            cell = grid.cell(row, position)
            try:
                value = field_value(column.kind, cell, words, dimension, key=column.key, required=column.required)
            except CellError as error:
                problems.append(grid.problem(row, position, field_name(location), str(error)))
                program.flawed = True
                continue
            if column.kind is Kind.DIMENSION:
                dimension = value
            if value is None or value == []:
                if column.required:
                    hint = empty_hint(column.kind, column.example, words, dimension)
                    problems.append(grid.problem(row, position, field_name(location), hint))
                    program.flawed = True
                continue
            if len(location) == 2:
                program.data.setdefault(str(location[0]), {})[str(location[1])] = value
            else:
                program.data[column.key] = value
        programs[program_id.casefold()] = program
    return programs, problems


def _record_rows(columns: _Columns, programs: dict[str, SheetProgram], words: Vocabulary) -> list[Problem]:
    """Each row of a record sheet (Anggaran…) appended to its program's list, in row order."""
    grid, sheet = columns.grid, columns.sheet
    list_field = sheet.field
    for program in programs.values():
        program.given.add(list_field)
        program.data[list_field] = []
    code_position = next(position for position, column in columns.by_position.items() if column is CODE)
    problems: list[Problem] = []
    positions = [position for position, column in columns.by_position.items() if column.kind is not Kind.NOTE]
    for row in range(2, len(grid.rows) + 1):
        if _row_is_empty(grid, row, positions):
            continue
        try:
            program_id = field_value(Kind.TEXT, grid.cell(row, code_position), words)
        except CellError as error:
            problems.append(grid.problem(row, code_position, "id", str(error)))
            continue
        if program_id is None:
            problems.append(grid.problem(row, code_position, "id", _SAY.say("empty_code")))
            continue
        owner = programs.get(program_id.casefold())
        if owner is None:
            problems.append(
                grid.problem(
                    row,
                    code_position,
                    "id",
                    _SAY.say("unknown_program", id=program_id, sheet=PROGRAM.name),
                )
            )
            continue
        records: list[dict[str, Any]] = owner.data[list_field]
        index = len(records)
        record: dict[str, Any] = {}
        owner.cells[(list_field, index)] = CellRef(grid, row, code_position)
        for position, column in columns.by_position.items():
            if column.kind is Kind.NOTE or column is CODE:
                continue
            location: Location = (list_field, index, column.key)
            owner.cells[location] = CellRef(grid, row, position)
            try:
                value = field_value(
                    column.kind, grid.cell(row, position), words, key=column.key, required=column.required
                )
            except CellError as error:
                problems.append(grid.problem(row, position, field_name(location), str(error)))
                owner.flawed = True
                continue
            if value is None:
                if column.required:
                    hint = empty_hint(column.kind, column.example, words)
                    problems.append(grid.problem(row, position, field_name(location), hint))
                    owner.flawed = True
                continue
            record[column.key] = value
        records.append(record)
    return problems
