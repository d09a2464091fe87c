"""The plan as a workbook: sheets, Indonesian headers and values, drop-downs, formats; LibreOffice opens it."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from macros.data.plan.labels import HORIZON_LABELS, SOURCE_LABELS, STATUS_LABELS
from macros.data.workbook.layout import GUIDE_SHEET, PROGRAM, SHEETS
from tests.helpers import (
    built_on,
    make_project,
    rich_city_programs,
    run_cli,
    small_city_data,
    yaml_city,
    yaml_programs,
)

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


SHEET_NAMES = ["Program", "Anggaran", "Indikator", "Tahapan", "Perkembangan", "Sumber", "Petunjuk"]
# A plan's workbook adds the computed Pemantauan sheet (late, silent, unknown; import skips it).
PLAN_SHEET_NAMES = [*SHEET_NAMES, "Pemantauan"]
CHOICE_COLUMNS = {
    "Program": {"Dimensi", "Elemen", "Horizon", "Status"},
    "Anggaran": {"Sumber dana"},
}


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, its exported workbook) of the region that uses every field."""
    root = tmp_path_factory.mktemp("workbook")
    project = make_project(root / "project", small_city_data(), rich_city_programs(), slug="kecil")
    status, output = run_cli("--root", str(project), "export", "kecil", str(root / "plan.xlsx"))
    assert status == 0, output
    return project, root / "plan.xlsx"


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_workbook_has_its_sheets_and_headers(rich: tuple[Path, Path]) -> None:
    book = openpyxl.load_workbook(rich[1])
    assert book.sheetnames == PLAN_SHEET_NAMES
    for layout in SHEETS:
        sheet = book[layout.name]
        assert [cell.value for cell in sheet[1]] == [column.header for column in layout.columns]
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "C2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(layout.columns)).column_letter}{max(sheet.max_row, 2)}"
        for index, column in enumerate(layout.columns, start=1):
            assert sheet.column_dimensions[sheet.cell(1, index).column_letter].width == column.width


def test_values_are_those_the_site_shows(rich: tuple[Path, Path]) -> None:
    project, workbook = rich
    book = openpyxl.load_workbook(workbook)
    programs = {entry["id"]: entry for entry in yaml_programs(project, "kecil")}
    dimensions = yaml_city(project, "kecil")["dimensions"]
    rows = {row["Kode"]: row for row in _rows(book["Program"])}
    assert set(rows) == set(programs)
    for program_id, row in rows.items():
        data = programs[program_id]
        assert row["Nama program"] == data["title"]
        assert row["Dimensi"] == dimensions[data["dimension"]]["label"]
        assert row["Elemen"] == (
            dimensions[data["dimension"]]["elements"][data["element"]] if "element" in data else None
        )
        assert row["Status"] == STATUS_LABELS[data["status"]]
        assert row["Horizon"] == HORIZON_LABELS[data["horizon"]]
        assert (row["Tahun mulai"], row["Tahun selesai"]) == (data["period"]["start"], data["period"]["end"])
        assert row["Progres (%)"] == data.get("progress")  # as written: an empty cell keeps the default
    full = rows["TK-1"]
    assert full["Tujuan"] == "\n".join(programs["TK-1"]["objectives"])
    assert full["Mitra"] == "\n".join(programs["TK-1"]["partners"])  # a partner holds `;`: one per line
    assert full["SDGs"] == "11; 16" and rows["TK-2"]["SDGs"] == 9
    assert full["Terakhir ditinjau"] == datetime(2026, 5, 10)
    # A title a spreadsheet would run is stored as text, never as a formula.
    title_cell = next(row[1] for row in book["Program"].iter_rows(min_row=2) if row[0].value == "TK-2")
    assert (title_cell.data_type, title_cell.value) == ("s", '=HYPERLINK("http://contoh.test")')

    budget = book["Anggaran"]
    lines = [row for row in budget.iter_rows(min_row=2) if row[0].value]
    assert [(row[2].value, row[3].value, row[4].value) for row in lines] == [
        (line["year"], SOURCE_LABELS[line["source"]], line["amount"])
        for program in programs.values()
        for line in program.get("budget", [])
    ]
    assert all(isinstance(row[4].value, int) and row[4].number_format == "#,##0" for row in lines)
    assert all(row[1].value == programs[row[0].value]["title"] for row in lines)
    updates = [row for row in book["Perkembangan"].iter_rows(min_row=2)]
    assert [row[2].value.date().isoformat() for row in updates] == [u["date"] for u in programs["TK-1"]["updates"]]
    milestones = [row for row in book["Tahapan"].iter_rows(min_row=2)]
    assert [(row[3].value, row[4].value) for row in milestones] == [
        (m["planned"], m.get("done")) for m in programs["TK-1"]["milestones"]
    ]
    assert all(row[3].number_format == "@" for row in milestones)  # months stay text when typed over


def test_choice_columns_have_drop_downs_from_the_guide_sheet(rich: tuple[Path, Path]) -> None:
    book = openpyxl.load_workbook(rich[1])
    dimensions = yaml_city(rich[0], "kecil")["dimensions"]
    expected_lists = {
        "Dimensi": [dimension["label"] for dimension in dimensions.values()],
        "Elemen": [label for dimension in dimensions.values() for label in dimension["elements"].values()],
        "Status": list(STATUS_LABELS.values()),
        "Horizon": list(HORIZON_LABELS.values()),
        "Sumber dana": list(SOURCE_LABELS.values()),
    }
    for sheet_name, headers in CHOICE_COLUMNS.items():
        _check_drop_downs(book, sheet_name, headers, expected_lists)


def _check_drop_downs(
    book: openpyxl.Workbook, sheet_name: str, headers: set[str], expected_lists: dict[str, list[str]]
) -> None:
    sheet = book[sheet_name]
    letters = {cell.value: cell.column_letter for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        (cells,) = str(validation.sqref).split()
        letter = cells.split(":")[0].rstrip("0123456789")
        header = next(name for name, column in letters.items() if column == letter)
        assert cells.startswith(f"{letter}2:{letter}")
        source_sheet, source = validation.formula1.split("!")
        first, last = source.replace("$", "").split(":")
        values = [row[0].value for row in book[source_sheet][first:last]]
        found[header] = values
        assert values == expected_lists[header], header
    assert set(found) == headers


def test_the_guide_sheet_explains_every_column(rich: tuple[Path, Path]) -> None:
    book = openpyxl.load_workbook(rich[1])
    explained = {
        (row[0], row[1]): row[3] for row in book[GUIDE_SHEET].iter_rows(values_only=True) if row and row[0] and row[1]
    }
    for layout in SHEETS:
        for column in layout.columns:
            assert explained[(layout.name, column.header)] == column.about


def test_the_same_data_gives_the_same_bytes(rich: tuple[Path, Path], tmp_path: Path) -> None:
    status, output = run_cli("--root", str(rich[0]), "export", "kecil", str(tmp_path / "again.xlsx"))
    assert status == 0, output
    assert (tmp_path / "again.xlsx").read_bytes() == rich[1].read_bytes()
    book = openpyxl.load_workbook(rich[1])
    assert book.properties.created == book.properties.modified == datetime(2000, 1, 1)
    assert book.properties.creator == "Rencana"


@pytest.mark.external
def test_libreoffice_opens_the_workbook_without_errors_and_keeps_the_drop_downs(
    rich: tuple[Path, Path], tmp_path: Path
) -> None:
    environment = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}  # a profile of its own, not the user's
    for target in ("csv", "xlsx:Calc MS Excel 2007 XML"):
        converted = subprocess.run(
            ["soffice", "--headless", "--convert-to", target, "--outdir", str(tmp_path / "out"), str(rich[1])],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
            env=environment,
        )
        assert converted.returncode == 0, converted.stderr
        assert "Error" not in converted.stdout + converted.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "plan.csv").read_text(encoding="utf-8"))))
    assert rows[0] == [column.header for column in PROGRAM.columns]  # the first sheet, as Calc shows it
    assert {row[0] for row in rows[1:]} == {entry["id"] for entry in yaml_programs(rich[0], "kecil")}
    dimensions = yaml_city(rich[0], "kecil")["dimensions"]
    saved = openpyxl.load_workbook(tmp_path / "out" / "plan.xlsx")
    assert saved.sheetnames == PLAN_SHEET_NAMES
    _check_drop_downs(
        saved,
        "Program",
        CHOICE_COLUMNS["Program"],
        {
            "Dimensi": [dimension["label"] for dimension in dimensions.values()],
            "Elemen": [label for dimension in dimensions.values() for label in dimension["elements"].values()],
            "Status": list(STATUS_LABELS.values()),
            "Horizon": list(HORIZON_LABELS.values()),
        },
    )


def test_the_template_has_the_layout_and_no_programs(tmp_path: Path) -> None:
    status, output = run_cli("template", str(tmp_path / "templat.xlsx"))
    assert status == 0, output
    book = openpyxl.load_workbook(tmp_path / "templat.xlsx")
    assert book.sheetnames == SHEET_NAMES
    for layout in SHEETS:
        assert book[layout.name].max_row == 1
        assert [cell.value for cell in book[layout.name][1]] == [column.header for column in layout.columns]
    dimension_list = next(
        validation for validation in book["Program"].data_validations.dataValidation if str(validation.sqref)[0] == "C"
    )
    first, last = dimension_list.formula1.split("!")[1].replace("$", "").split(":")
    assert [row[0].value for row in book[GUIDE_SHEET][first:last]] == [
        "Smart Governance",
        "Smart Branding",
        "Smart Economy",
        "Smart Living",
        "Smart Society",
        "Smart Environment",
    ]
    project = make_project(tmp_path / "project", small_city_data(), [], slug="kecil")
    status, output = run_cli("--root", str(project), "template", str(tmp_path / "kecil.xlsx"), "--city", "kecil")
    assert (status, output) == (
        0,
        f"wrote {tmp_path / 'kecil.xlsx'}: an empty workbook with the dimensions of Kabupaten Kecil\n",
    )


def test_the_build_publishes_the_workbook_and_the_template(
    each_city: tuple[Path, str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, slug, site = each_city
    published = site / "data" / f"rencana-{slug}.xlsx"
    monkeypatch.setenv("RENCANA_TODAY", built_on(site))  # the site's day, though midnight may have passed
    status, output = run_cli("--root", str(project), "export", slug, str(tmp_path / "plan.xlsx"))
    assert status == 0, output
    assert published.read_bytes() == (tmp_path / "plan.xlsx").read_bytes()
    template = openpyxl.load_workbook(site / "data" / "templat-rencana.xlsx")
    assert all(template[layout.name].max_row == 1 for layout in SHEETS)
