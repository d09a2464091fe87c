"""`python -m macros import`: a city's programs from a workbook (or a CSV file) into its data files.

Everything is checked before anything is written: each cell, then each program with the
model, then the whole city (the workbook's programs with the files it leaves alone) with
the rules of `make check`. Any error, and no file is written. A program that has no file
yet gets `data/programs/<city>/<dimension>/<id>.yml` in the house style; one that has a
file is changed only with `update`, and then only in the fields the workbook holds.
A region that holds only the example program of `new-city`, unchanged, gets the workbook's
programs in its place: that file is removed (it is no program of the plan).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from macros.data.edit.editor import YamlEditError, YamlEditor
from macros.data.edit.scaffold import is_untouched_example
from macros.data.edit.write import empty, program_text, schema_comment
from macros.data.language.catalog import Catalog
from macros.data.plan.assemble import city_dimensions
from macros.data.plan.load import CityData, ProgramFile, load_city, shown_path, taken_page_names
from macros.data.plan.messages import problems_from
from macros.data.plan.model import Program
from macros.data.plan.problems import Problem, errors_in
from macros.data.plan.rules import check_city
from macros.data.workbook.layout import SHEETS
from macros.data.workbook.programs import SheetProgram, programs_from
from macros.data.workbook.read import read_spreadsheet
from macros.data.workbook.values import Vocabulary

MESSAGES = Catalog(
    "workbook.imports",
    {
        "cannot_edit": (
            "tidak dapat diubah dengan aman: {error}; ubah berkas ini dengan tangan",
            "cannot be changed safely: {error}; change it by hand",
        ),
        "example_removed": (
            "{file}: contoh program dari new-city dihapus; program dari buku kerja menggantikannya",
            "{file}: the example program of new-city removed; the workbook's programs take its place",
        ),
        "already_there": (
            "`{id}` sudah ada di {path}; impor dengan --update untuk mengubahnya (hanya isian yang ada di buku kerja "
            "yang berubah)",
            "`{id}` is already in {path}; import with --update to change it "
            "(only the fields the workbook holds change)",
        ),
        "new_needs": (
            "program baru memerlukan `{key}`; tambahkan kolom {header} ke lembar {sheet}",
            "a new program needs `{key}`; add the column {header} to the sheet {sheet}",
        ),
        "target_has_errors": (
            "`{id}` ada di {where}, yang berisi galat; perbaiki berkas itu dulu (galatnya disebut di sini juga), "
            "lalu impor lagi",
            "`{id}` is in {where}, which has errors; fix that file first (its errors are listed here too), "
            "then import again",
        ),
        "target_taken": (
            "program baru akan masuk ke {path}, yang sudah berisi program lain; "
            "periksa kodenya, atau pindahkan berkas itu",
            "the new program would go into {path}, which holds another program; check the code, or move that file",
        ),
    },
)


@dataclass(frozen=True)
class Change:
    """A file the import writes: a new program, or an existing one with some fields changed."""

    path: Path
    shown: str
    text: str
    fields: tuple[str, ...]  # the fields changed; empty for a new file

    @property
    def created(self) -> bool:
        return not self.fields


@dataclass(frozen=True)
class ImportResult:
    changes: tuple[Change, ...]
    unchanged: tuple[str, ...]  # files of programs the workbook holds exactly as they are
    problems: tuple[Problem, ...]  # sorted; any error means nothing may be written
    removed: tuple[Path, ...] = ()  # the untouched example program of `new-city`, replaced by the workbook's

    @property
    def ok(self) -> bool:
        return not errors_in(list(self.problems))


@dataclass(frozen=True)
class _Incoming:
    sheet: SheetProgram
    data: dict[str, Any]
    existing: ProgramFile | None
    target: Path | None  # the file a new program goes into


def prepare_import(root: Path, slug: str, source: Path, shown_as: str, *, update: bool, today: date) -> ImportResult:
    """What importing `source` (named `shown_as` in messages) into city `slug` would write, or why not."""
    data, problems = load_city(root, slug)
    if data is None:
        return ImportResult((), (), _sorted(problems, shown_as))
    dimensions = city_dimensions(data.city)
    grids, found = read_spreadsheet(source, shown_as)
    problems += found
    if not grids:
        return ImportResult((), (), _sorted(problems, shown_as))
    sheet_programs, found = programs_from(grids, Vocabulary(dimensions))
    reader_problems = list(found)
    problems += found

    example = _untouched_example(data) if sheet_programs else None
    programs = tuple(entry for entry in data.programs if entry is not example)
    removed = (root / example.document.path,) if example else ()
    existing = {entry.program.id.casefold(): entry for entry in programs}
    incoming: list[_Incoming] = []
    checked: list[ProgramFile] = []
    # Like a file with errors, a program with errors stays out of the rules across programs;
    # a reference to it says to fix it first.
    with_errors = dict(data.ids_in_files_with_errors)
    taken_over: set[str] = set()  # programs whose file the workbook stands for in the checks
    for sheet in sheet_programs:
        match = existing.get(sheet.id.casefold())
        if match is not None and not update:
            problems.append(
                sheet.document({}, None).problem(
                    ("id",),
                    MESSAGES.say("already_there", id=sheet.id, path=match.document.path),
                )
            )
            continue
        taken_over.add(sheet.id.casefold())
        broken = data.ids_in_files_with_errors.get(sheet.id.casefold())
        item, found = _incoming(root, slug, sheet, match, removed, broken)
        problems += found
        document = sheet.document(item.data if item else {}, match.document if match else None)
        try:
            program = Program.model_validate(item.data) if item else None
        except ValidationError as error:
            problems += problems_from(error, document, Program)
            program = None
        if item is None or program is None or sheet.flawed:
            with_errors[sheet.id.casefold()] = document.place(())
            continue
        incoming.append(item)
        checked.append(ProgramFile(program, document))

    kept = tuple(entry for entry in programs if entry.program.id.casefold() not in taken_over)
    city = CityData(slug, data.city, data.city_document, kept + tuple(checked), with_errors)
    problems += check_city(city, dimensions, today, taken_page_names(root))
    problems = _without_repeats(problems, reader_problems)
    if errors_in(problems):
        return ImportResult((), (), _sorted(problems, shown_as))
    changes, unchanged, refused = _changes(root, incoming)
    problems += refused
    if refused:
        return ImportResult((), (), _sorted(problems, shown_as))
    return ImportResult(tuple(changes), tuple(unchanged), _sorted(problems, shown_as), removed)


def _untouched_example(data: CityData) -> ProgramFile | None:
    """The region's only program when it is still the example `new-city` wrote, else None."""
    if len(data.programs) != 1 or data.ids_in_files_with_errors:
        return None
    entry = data.programs[0]
    return entry if is_untouched_example(entry.document.text) else None


def _incoming(
    root: Path,
    slug: str,
    sheet: SheetProgram,
    match: ProgramFile | None,
    removed: tuple[Path, ...],
    broken: str | None = None,
) -> tuple[_Incoming | None, list[Problem]]:
    """The program's data after the import: the workbook's fields over its file's, or the workbook's alone.
    `broken`: where the program's id is written in a file that has errors (so no `match`), or None."""
    if match is not None:
        data = dict(match.document.data)
        for name in sheet.given:
            value = sheet.data.get(name)
            if name == "period" and isinstance(value, dict) and isinstance(data.get("period"), dict):
                value = {**data["period"], **value}  # only one of its years may have a column
            if empty(value):
                data.pop(name, None)
            else:
                data[name] = _kept(data.get(name), value)
        return _Incoming(sheet, data, match, None), []
    document = sheet.document({}, None)
    problems = [
        document.problem(
            (),
            MESSAGES.say("new_needs", key=column.key, header=column.header, sheet=SHEETS[0].name),
        )
        for column in sheet.absent_required
    ]
    data = {name: value for name, value in sheet.data.items() if not empty(value)}
    target = None
    dimension, program_id = data.get("dimension"), sheet.id
    if isinstance(dimension, str):
        target = root / "data" / "programs" / slug / dimension / f"{program_id.lower()}.yml"
        if target.exists() and target not in removed:
            # The file that holds this program, but with errors: it is not another program's.
            said = MESSAGES.say("target_has_errors", id=program_id, where=broken) if broken else None
            problems.append(
                document.problem(("id",), said or MESSAGES.say("target_taken", path=shown_path(target, root)))
            )
    return (None if problems else _Incoming(sheet, data, None, target)), problems


def _kept(old: Any, new: Any) -> Any:
    """`new` with the file's `old` value kept wherever a cell could not tell them apart.

    A cell holds no spaces or line breaks around a text (reading one strips them), so a text
    written `|` in the file (one final line break) comes back from the workbook without it: it
    is the same text, and the file keeps it. A text that did change keeps the file's final
    line breaks too, so that its block keeps its style.
    """
    if isinstance(old, str) and isinstance(new, str):
        if _as_a_cell_holds(old) == _as_a_cell_holds(new):
            return old
        stripped = old.strip()
        if stripped and new == new.strip():
            return old[: old.index(stripped)] + new + old[old.index(stripped) + len(stripped) :]
        return new
    if isinstance(old, dict) and isinstance(new, dict):
        return {name: _kept(old.get(name), value) for name, value in new.items()}
    if isinstance(old, list) and isinstance(new, list):  # rows added or removed at the end: the others stay
        return [_kept(old[index], item) if index < len(old) else item for index, item in enumerate(new)]
    return new


def _as_a_cell_holds(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _without_repeats(problems: list[Problem], first: list[Problem]) -> list[Problem]:
    """Every problem once; where a cell's own reading already said what is wrong with a field, only that."""
    said = {(problem.path, problem.cell, problem.field) for problem in first if problem.cell}
    kept: dict[Problem, None] = {}
    for problem in problems:
        if problem in first or (problem.path, problem.cell, problem.field) not in said:
            kept.setdefault(problem)
    return list(kept)


_SHEET_ORDER = {sheet.name: index for index, sheet in enumerate(SHEETS)}


def _sorted(problems: Iterable[Problem], shown_as: str) -> tuple[Problem, ...]:
    """The workbook's problems first, sheet by sheet in the workbook's order, then row by row."""

    def key(problem: Problem) -> tuple[object, ...]:
        sheet = problem.cell.rpartition("!")[0]
        return (problem.path != shown_as, problem.path, _SHEET_ORDER.get(sheet, -1), problem.line, problem.column)

    return tuple(sorted(problems, key=key))


def _changes(root: Path, incoming: list[_Incoming]) -> tuple[list[Change], list[str], list[Problem]]:
    changes: list[Change] = []
    unchanged: list[str] = []
    problems: list[Problem] = []
    for item in incoming:
        if item.existing is None:
            assert item.target is not None, "a valid new program has a dimension, so a file"
            text = program_text(item.data, schema_comment(item.target, root / "data"))
            changes.append(Change(item.target, shown_path(item.target, root), text, ()))
            continue
        document = item.existing.document
        try:
            editor = YamlEditor(document.text, document.path)
            fields = tuple(editor.update(item.data))
            text = editor.result()
        except YamlEditError as error:
            problems.append(document.problem((), MESSAGES.say("cannot_edit", error=error)))
            continue
        if not fields:
            unchanged.append(document.path)
            continue
        changes.append(Change(root / document.path, document.path, text, fields))
    return changes, unchanged, problems


def write_changes(result: ImportResult) -> None:
    """Write the files of a valid import (new files with their folders)."""
    assert result.ok, "an import with errors writes nothing"
    for path in result.removed:
        path.unlink()
    for change in result.changes:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        change.path.write_bytes(change.text.encode("utf-8"))
