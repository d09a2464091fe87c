"""Broken workbooks and CSV files: each gives its exact messages, exits 1 and writes nothing.

Each case starts from the workbook exported from a region that uses every field
(`rich_city_programs`), breaks it the way people do, and imports it into the same region
without its program files (or, where it says so, with them). The expected lines follow
the case: `FILE.xlsx:Sheet!C12: field: message`, one per problem, all at once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from scripts.synthetic import TODAY_EPOCH
from tests.helpers import data_snapshot, make_project, rich_city_programs, run_cli, small_city_data

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


Book = openpyxl.Workbook
PROGRAM_HEADERS = (
    "Kode, Nama program, Dimensi, Elemen, Ringkasan, Deskripsi, Masalah yang dijawab, Tujuan, Horizon, "
    "Tahun mulai, Tahun selesai, Penanggung jawab, Mitra, Status, Progres (%), Program terkait, SDGs, "
    "Kata kunci, Isu GitHub, Terakhir ditinjau"
)
CSV_HEADER = (
    "Kode;Nama program;Dimensi;Elemen;Ringkasan;Horizon;Tahun mulai;Tahun selesai;Penanggung jawab;Status;Progres (%)"
)


def _set(sheet: str, cell: str, value: object) -> Callable[[Book], None]:
    def change(book: Book) -> None:
        book[sheet][cell] = value

    return change


def _merge(book: Book) -> None:
    book["Program"].merge_cells("L2:L3")


def _formula(book: Book) -> None:
    book["Anggaran"]["E2"] = "=E3*2"


def _no_source_column(book: Book) -> None:
    book["Anggaran"].delete_cols(4)


def _renamed_program_sheet(book: Book) -> None:
    book["Program"].title = "Programs"


def _error_value(book: Book) -> None:
    book["Indikator"]["F2"] = "#DIV/0!"  # openpyxl stores the text of an error code as the error itself


def _number_where_a_date_belongs(book: Book) -> None:
    book["Perkembangan"]["C2"] = 45474
    book["Perkembangan"]["C2"].number_format = "General"


def _text_excel_made_a_date(book: Book) -> None:
    from datetime import datetime

    book["Indikator"]["D2"] = datetime(2025, 3, 1)


CASES: dict[str, tuple[Callable[[Book], None], list[str]]] = {
    "wrong-header": (
        _set("Program", "N1", "Statuss"),
        [
            f"plan.xlsx:Program!N1: (header): `Statuss` is not a column of the sheet Program; the columns are: "
            f"{PROGRAM_HEADERS} (did you mean `Status`?)"
        ],
    ),
    "unknown-status": (
        _set("Program", "N2", "Jalan"),
        [
            "plan.xlsx:Program!N2: status: `Jalan` is not a status; choose one of: Direncanakan, Berjalan, "
            "Selesai, Terlambat, Dihentikan (did you mean `Berjalan`?)"
        ],
    ),
    "text-in-an-amount": (
        _set("Anggaran", "E2", "satu miliar"),
        [
            "plan.xlsx:Anggaran!E2: budget[0].amount: `satu miliar` is not an amount in rupiah; write digits, "
            "e.g. 1500000000, Rp 1.500.000.000 or 1,5 miliar"
        ],
    ),
    "dash-for-progress-not-known": (
        _set("Program", "O2", "-"),
        [
            "plan.xlsx:Program!O2: progress: `-` in this cell; if the value is not known yet, leave the cell empty: "
            "the site shows what is not written as not known, never as zero"
        ],
    ),
    "amount-marked-not-known": (
        _set("Anggaran", "E2", "belum ada"),
        [
            "plan.xlsx:Anggaran!E2: budget[0].amount: `belum ada` in this cell; if the amount is not known yet, "
            "delete this budget row: without budget rows the site says «Anggaran tidak tercatat», never Rp 0"
        ],
    ),
    "date-stored-as-a-number": (
        _number_where_a_date_belongs,
        [
            "plan.xlsx:Perkembangan!C2: updates[0].date: 45474 is a date that the spreadsheet stores as a number "
            "(the cell is not formatted as a date); write it as 2024-07-01, or format the cell as a date"
        ],
    ),
    "merged-cells": (
        _merge,
        [
            "plan.xlsx:Program!L2: (sheet): the cells L2:L3 are merged across rows; unmerge them (Merge & Center) "
            "and write the value in every row",
            "plan.xlsx:Program!P2: warning: related[0]: `TK-2` is defined in plan.xlsx:Program!A3, which has "
            "errors of its own; fix that file first",
            "plan.xlsx:Program!L3: lead: the cell is empty; write the text, e.g. Dinas Komunikasi dan Informatika",
        ],
    ),
    "formula-without-its-value": (
        _formula,
        [
            "plan.xlsx:Anggaran!E2: budget[0].amount: a formula (=E3*2) whose value is not saved in the file; "
            "replace it with its value (Copy, then Paste Special → Values) and save again"
        ],
    ),
    "duplicate-code": (
        _set("Program", "A3", "tk-1"),
        [
            "plan.xlsx:Program!P2: related[0]: no program with id `TK-2` in this city; check the id",
            "plan.xlsx:Program!A3: id: `tk-1` is also the code in row 2; each program needs its own code",
        ],
    ),
    "unknown-dimension-label": (
        _set("Program", "C4", "Smart Environment"),
        [
            "plan.xlsx:Program!C4: dimension: `Smart Environment` is not a dimension of this city; "
            "choose one of: Tata Kelola, Lingkungan & Air"
        ],
    ),
    "element-of-another-dimension": (
        _set("Program", "D2", "Sampah"),
        ["plan.xlsx:Program!D2: element: `Sampah` is not an element of Tata Kelola; choose one of: Layanan, Data"],
    ),
    "empty-required-cell": (
        _set("Program", "B2", None),
        ["plan.xlsx:Program!B2: title: the cell is empty; write the text, e.g. Layanan pengaduan satu pintu"],
    ),
    "year-in-words": (
        _set("Program", "J4", "dua ribu dua lima"),
        ["plan.xlsx:Program!J4: period.start: `dua ribu dua lima` is not a year; write four digits, e.g. 2025"],
    ),
    "start-after-end": (
        _set("Program", "J2", 2030),
        ["plan.xlsx:Program!J2: period.start: 2030 is after the end year 2027; swap them"],
    ),
    "unknown-related-code": (
        _set("Program", "P2", "TK-2; TK-9"),
        ["plan.xlsx:Program!P2: related[1]: no program with id `TK-9` in this city; check the id"],
    ),
    "record-of-an-unknown-program": (
        _set("Anggaran", "A3", "TK-7"),
        [
            "plan.xlsx:Anggaran!A3: id: no program `TK-7` in the sheet Program; correct the code or add the "
            "program there"
        ],
    ),
    "record-sheet-without-a-column": (
        _no_source_column,
        [
            "plan.xlsx:Anggaran!A1: (header): the sheet Anggaran lacks the column(s) Sumber dana; it needs all of: "
            "Kode, Tahun, Sumber dana, Jumlah (Rp)"
        ],
    ),
    "values-without-a-header": (
        _set("Program", "U3", "catatan rapat"),
        [
            "plan.xlsx:Program!U1: (header): this column has values but no header; name it with one of: "
            f"{PROGRAM_HEADERS}, or delete it"
        ],
    ),
    "no-program-sheet": (
        _renamed_program_sheet,
        [
            "plan.xlsx:Programs!A1: warning: (sheet): not read: the sheets read are Program, Anggaran, Indikator, "
            "Tahapan, Perkembangan, Sumber",
            "plan.xlsx:1:1: (file): no sheet named Program (sheets: Programs, Anggaran, Indikator, Tahapan, "
            "Perkembangan, Sumber, Petunjuk, Pemantauan); start from the template (make template)",
        ],
    ),
    "unsafe-link": (
        _set("Sumber", "D2", "javascript:alert(1)"),
        [
            "plan.xlsx:Sumber!D2: sources[0].url: `javascript:` links are not allowed; use an address starting "
            "with https:// or http://"
        ],
    ),
    "error-value": (
        _error_value,
        ["plan.xlsx:Indikator!F2: indicators[0].target: the cell shows the error #DIV/0!; write the value itself"],
    ),
    "month-in-words": (
        _set("Tahapan", "D2", "Juni"),
        [
            "plan.xlsx:Tahapan!D2: milestones[0].planned: `Juni` is not a month or a date; write it as 2025-06 "
            "or 2025-06-30"
        ],
    ),
    "text-the-spreadsheet-made-a-date": (
        _text_excel_made_a_date,
        [
            "plan.xlsx:Indikator!D2: indicators[0].unit: the spreadsheet turned this text into the date "
            "2025-03-01; format the cell as Text and type the text again"
        ],
    ),
    "summary-too-long": (
        _set("Program", "E5", "Ringkasan yang terlalu panjang. " * 10),
        ["plan.xlsx:Program!E5: summary: is 319 characters long; at most 300 are allowed: shorten it"],
    ),
}


ALREADY_THERE = (
    "plan.xlsx:Program!A2: id: `TK-1` is already in data/programs/kecil/tk-1.yml; import with --update to change it "
    "(only the fields the workbook holds change)"
)
NOT_A_WORKBOOK = (
    "plan.xlsx:1:1: (file): this is not an Excel workbook (.xlsx); in the spreadsheet, save it again as "
    "Excel Workbook (.xlsx)"
)
CSV_WITH_BOM = (
    "program.csv:F2: horizon: `Segera` is not a horizon; choose one of: Quick win, Jangka pendek, "
    "Jangka menengah, Jangka panjang"
)
CSV_WITH_SEMICOLONS = "program.csv:K2: progress: `60,5` is not a percentage; write a whole number 0–100, e.g. 60"
# Every message line of this corpus, for the guide's list (tests/test_docs.py).
MESSAGES = {line for _, lines in CASES.values() for line in lines} | {
    ALREADY_THERE,
    NOT_A_WORKBOOK,
    CSV_WITH_BOM,
    CSV_WITH_SEMICOLONS,
}


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case as of the day the region's dates were written for, whatever the clock or the
    environment says: with "today" before them, its updates would be "in the future"."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(TODAY_EPOCH))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the rich region's project, its exported workbook), made once."""
    root = tmp_path_factory.mktemp("exported")
    project = make_project(root / "project", small_city_data(), rich_city_programs(), slug="kecil")
    with pytest.MonkeyPatch.context() as patch:  # made before the autouse fixture above runs
        patch.setenv("SOURCE_DATE_EPOCH", str(TODAY_EPOCH))
        status, output = run_cli("--root", str(project), "export", "kecil", str(root / "plan.xlsx"))
    assert status == 0, output
    # The fixture's open milestone (planned 2025-06-15) is reached, so that no case also carries
    # the warning that it is past its date (macros.data.plan.standing): each case shows its own messages.
    book = openpyxl.load_workbook(root / "plan.xlsx")
    assert book["Tahapan"]["D3"].value == "2025-06-15" and book["Tahapan"]["E3"].value is None
    book["Tahapan"]["E3"] = "2025-06-20"
    book.save(root / "plan.xlsx")
    return project, root / "plan.xlsx"


@pytest.fixture
def empty_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exported: tuple[Path, Path]) -> Path:
    """The same region with no program files yet."""
    monkeypatch.chdir(tmp_path)
    project = tmp_path / "project"
    shutil.copytree(exported[0], project)
    shutil.rmtree(project / "data" / "programs")
    return project


def _refused(project: Path, file: str, *options: str) -> list[str]:
    before = data_snapshot(project)
    status, output = run_cli("--root", str(project), "import", "kecil", file, *options)
    assert status == 1, output
    assert data_snapshot(project) == before, "nothing is written"
    assert "Traceback" not in output
    return output.splitlines()


def _summary(lines: list[str]) -> str:
    errors = sum(": warning: " not in line for line in lines)
    counts = f"{errors} error(s), {len(lines) - errors} warning(s)"
    return f"{counts}: no file was written; fix the errors above, then import again."


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_workbook_gives_its_exact_messages_and_writes_nothing(
    case: str, empty_region: Path, exported: tuple[Path, Path]
) -> None:
    change, expected = CASES[case]
    book = openpyxl.load_workbook(exported[1])
    change(book)
    book.save("plan.xlsx")
    assert _refused(empty_region, "plan.xlsx") == [*expected, _summary(expected)]


def test_a_program_that_has_a_file_is_changed_only_with_update(
    exported: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    project = tmp_path / "project"
    shutil.copytree(exported[0], project)
    shutil.copy(exported[1], "plan.xlsx")
    lines = _refused(project, "plan.xlsx")
    assert lines[0] == ALREADY_THERE
    # The files hold the milestone the workbook marks reached: still open there, and past its date.
    assert lines[-2].startswith("data/programs/kecil/tk-1.yml:") and "2025-06-15" in lines[-2]
    assert len(lines) == 6 and lines[-1].startswith("4 error(s), 1 warning(s)")


def test_a_file_that_is_no_workbook_is_refused(empty_region: Path) -> None:
    Path("plan.xlsx").write_text("Kode,Status\nTK-1,Berjalan\n", encoding="utf-8")
    assert _refused(empty_region, "plan.xlsx") == [NOT_A_WORKBOOK, _summary([NOT_A_WORKBOOK])]
    Path("plan.ods").write_bytes(b"PK")
    assert _refused(empty_region, "plan.ods")[0] == (
        "plan.ods:1:1: (file): cannot read `.ods` files; save the workbook as Excel Workbook (.xlsx), "
        "or its Program sheet as CSV (.csv)"
    )


def _csv_row(**changes: str) -> str:
    cells = {
        "Kode": "LH-9",
        "Nama program": "Bank sampah",
        "Dimensi": "Lingkungan & Air",
        "Elemen": "Sampah",
        "Ringkasan": "Ringkasan program.",
        "Horizon": "Jangka pendek",
        "Tahun mulai": "2025",
        "Tahun selesai": "2026",
        "Penanggung jawab": "Dinas Lingkungan Hidup",
        "Status": "Berjalan",
        "Progres (%)": "60",
    }
    cells.update(changes)
    return ";".join(cells.values())


def test_a_csv_with_a_byte_order_mark_reports_the_right_cells(empty_region: Path) -> None:
    Path("program.csv").write_bytes(b"\xef\xbb\xbf" + f"{CSV_HEADER}\r\n{_csv_row(Horizon='Segera')}\r\n".encode())
    expected = [CSV_WITH_BOM]
    assert _refused(empty_region, "program.csv") == [*expected, _summary(expected)]


def test_a_semicolon_csv_from_an_indonesian_excel_reports_the_right_cells(empty_region: Path) -> None:
    """Windows-1252 as Excel's plain "CSV" saves it, `;` between cells, a decimal comma where a whole number belongs."""
    text = f"{CSV_HEADER}\r\n{_csv_row(**{'Progres (%)': '60,5', 'Nama program': 'Bank sampah – tahap 2'})}\r\n"
    Path("program.csv").write_bytes(text.encode("cp1252"))
    expected = [CSV_WITH_SEMICOLONS]
    assert _refused(empty_region, "program.csv") == [*expected, _summary(expected)]


def test_every_problem_of_a_workbook_is_reported_at_once(empty_region: Path, exported: tuple[Path, Path]) -> None:
    book = openpyxl.load_workbook(exported[1])
    for case in ("unknown-status", "text-in-an-amount", "month-in-words", "empty-required-cell"):
        CASES[case][0](book)
    book.save("plan.xlsx")
    lines = _refused(empty_region, "plan.xlsx")
    assert [line.split(":")[1] for line in lines[:-1]] == [
        "Program!B2",
        "Program!N2",
        "Anggaran!E2",
        "Tahapan!D2",
    ]


def test_each_broken_workbook_is_reported_in_indonesian_by_default_on_the_same_cells(
    empty_region: Path, exported: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same cells and fields in the default language, every message in Indonesian words; the
    Indonesian spreadsheet guide quotes these lines."""
    monkeypatch.delenv("RENCANA_LANG")
    said: set[str] = set()
    for change, english in CASES.values():
        book = openpyxl.load_workbook(exported[1])
        change(book)
        book.save("plan.xlsx")
        *indonesian, summary = _refused(empty_region, "plan.xlsx")
        assert [line.split(": ", 2)[:2] for line in indonesian] == [
            line.replace(": warning: ", ": peringatan: ").split(": ", 2)[:2] for line in english
        ]
        assert not set(indonesian) & set(english)
        assert summary.endswith("tidak ada berkas yang ditulis; perbaiki galat di atas, lalu impor lagi.")
        said |= set(indonesian)
    guide = (Path(__file__).parent.parent / "guide" / "id" / "spreadsheets.md").read_text(encoding="utf-8")
    shown = [line for line in guide.splitlines() if line.startswith("plan.xlsx:")]
    assert len(shown) >= 10
    assert [line for line in shown if line not in said] == [], sorted(said)
