"""Files written by hand survive a spreadsheet round trip byte for byte, whatever their style.

The files below are written as people write YAML, not as our writer does: every block style
(`|`, `|-`, `|+`, `>`, `>-`), plain texts on one line and over several, single and double
quotes, lists indented 0, 2 or 4 spaces, records on one line (`{…}`), spaces inside flow
lists, extra spaces after a colon, comments, blank lines, empty values (`~`, `null`, nothing),
Windows line breaks and a file without a final line break. `export` then `import --update`
must change no byte; editing one cell of the workbook must change that value in that one
file, in its own style.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from scripts.synthetic import TODAY_EPOCH
from tests.helpers import data_snapshot, make_project, run_cli, small_city_data

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


SLUG = "kecil"

# Every block style for the texts, plain and quoted scalars, several list layouts, empty values.
TK_1 = """\
# yaml-language-server: $schema=../../schema/program.schema.json
# Ditulis tangan; jangan hapus komentar ini.
id: TK-1   # kode program
title: 'Layanan aduan: "satu pintu"'
dimension:   tata-kelola
element: layanan
summary: "Satu pintu bagi warga untuk mengadu; dipantau terbuka."
description: |
  **Aduan** dari WhatsApp dan surat masuk ke satu sistem.

  - tercatat
  - terpantau
problem: >
  Aduan tersebar di banyak kanal
  dan tidak tercatat.
objectives:
- |-
  Menyatukan kanal aduan.
-   >-
    Menetapkan batas waktu
    tindak lanjut.
- Memantau kepuasan
  warga setiap tahun.
horizon: medium
period: {start: 2024, end: 2027}
lead: Dinas Kominfo & Statistik
partners:
    - Badan Perencanaan
    - 'Kecamatan se-Kabupaten'
budget:
  - { year: 2024, amount: 350000000, source: APBD }
  - year: 2025
    amount:   1250000000   # naik
    source: APBD-Provinsi

indicators:
  - name: Aduan ditindaklanjuti
    unit: persen
    baseline: 40
    target: 90.5
    year: 2026
status: ongoing   # sejak 2024
progress: 45
milestones:
  - name: Kanal WhatsApp dibuka
    planned: '2024-03'
    done: "2024-03-20"
  - {name: Dasbor pimpinan, planned: "2025-06-15", done: ~}
  - name: Aplikasi warga
    planned: 2026-01
    done:
updates:
  - date: "2024-03-20"
    text: |+
      Kanal **WhatsApp** dibuka.

  - date: '2024-09-01'
    text: >-
      Dua kanal terhubung,
      surat dan SP4N-LAPOR!
related: [ TK-2 ]
sdgs: [ 11, 16 ]
tags: [aduan, "quick win"]
issues:
  - 3
  - 14
sources:
  - title: Portal resmi
    url: https://contoh.go.id/
reviewed: '2026-05-10'
"""

# Windows line breaks, texts on several plain lines, a double-quoted text with escapes.
TK_2 = (
    "id: TK-2\r\n"
    "title: Data terpadu\r\n"
    "  kabupaten\r\n"
    "dimension: tata-kelola\r\n"
    "element: data\r\n"
    'summary: "Satu \\"data\\" untuk seluruh perangkat daerah \\u2013 terbuka."\r\n'
    "description: >\r\n"
    "  Data dari semua perangkat daerah\r\n"
    "  dalam satu katalog.\r\n"
    "\r\n"
    "  Terbuka untuk warga.\r\n"
    "horizon: short\r\n"
    "period:\r\n"
    "  start: 2024\r\n"
    "  end: 2026\r\n"
    "lead: Badan Perencanaan\r\n"
    "status: planned\r\n"
)

# No final line break, a text that keeps its final line break last of all, an empty value.
LH_1 = """\
id: LH-1
title: Bank sampah
dimension: lingkungan
element: sampah
summary: Bank sampah di setiap kelurahan.
horizon: long
period:
  start: 2025
  end: 2033
lead: Dinas Lingkungan Hidup
status: planned
progress: null
description: |
  Satu bank sampah
  di setiap kelurahan."""

FILES = {"tk-1.yml": TK_1, "tk-2.yml": TK_2, "lh-1.yml": LH_1}


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(TODAY_EPOCH))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", small_city_data(), [], slug=SLUG)
    folder = root / "data" / "programs" / SLUG
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    status, output = run_cli("check", "--root", str(root), "--city", SLUG)
    assert status == 0, output
    return root


def _export(project: Path, workbook: Path) -> None:
    status, output = run_cli("--root", str(project), "export", SLUG, str(workbook))
    assert status == 0, output


def _update(project: Path, workbook: Path) -> str:
    status, output = run_cli("--root", str(project), "import", SLUG, str(workbook), "--update")
    assert status == 0, output
    return output


def _edit(workbook: Path, sheet: str, program_id: str, header: str, value: Any, occurrence: int = 0) -> None:
    book = openpyxl.load_workbook(workbook)
    rows = list(book[sheet].iter_rows())
    column = [cell.value for cell in rows[0]].index(header)
    [row for row in rows[1:] if row[0].value == program_id][occurrence][column].value = value
    book.save(workbook)


def test_a_round_trip_changes_no_byte_of_files_written_by_hand(project: Path, tmp_path: Path) -> None:
    before = data_snapshot(project)
    _export(project, tmp_path / "plan.xlsx")
    output = _update(project, tmp_path / "plan.xlsx")
    assert data_snapshot(project) == before
    assert f"0 program file(s) written, 0 changed, {len(FILES)} unchanged" in output


# (sheet, program, column, new cell, file, the lines before, the lines after)
EDITS = [
    (
        "Program",
        "TK-1",
        "Deskripsi",
        "**Aduan** dari WhatsApp, surat dan SMS.\n\n- tercatat\n- terpantau",
        "tk-1.yml",
        "description: |\n  **Aduan** dari WhatsApp dan surat masuk ke satu sistem.\n",
        "description: |\n  **Aduan** dari WhatsApp, surat dan SMS.\n",
    ),
    (
        "Program",
        "TK-1",
        "Masalah yang dijawab",
        "Aduan tersebar dan hilang.",
        "tk-1.yml",
        "problem: >\n  Aduan tersebar di banyak kanal\n  dan tidak tercatat.\n",
        "problem: >\n  Aduan tersebar dan hilang.\n",
    ),
    ("Program", "TK-1", "Status", "Terlambat", "tk-1.yml", "status: ongoing   #", "status: delayed   #"),
    ("Program", "TK-2", "Penanggung jawab", "Bappeda", "tk-2.yml", "lead: Badan Perencanaan\r\n", "lead: Bappeda\r\n"),
    (
        "Program",
        "LH-1",
        "Deskripsi",
        "Dua bank sampah.",
        "lh-1.yml",
        "description: |\n  Satu bank sampah\n  di setiap kelurahan.",
        "description: |\n  Dua bank sampah.",
    ),
    ("Anggaran", "TK-1", "Jumlah (Rp)", "400 juta", "tk-1.yml", "amount: 350000000,", "amount: 400000000,"),
]


@pytest.mark.parametrize(("sheet", "program_id", "header", "value", "name", "old", "new"), EDITS)
def test_editing_one_cell_changes_that_value_in_one_file_in_its_own_style(
    project: Path, tmp_path: Path, sheet: str, program_id: str, header: str, value: Any, name: str, old: str, new: str
) -> None:
    before = data_snapshot(project)
    workbook = tmp_path / "plan.xlsx"
    _export(project, workbook)
    _edit(workbook, sheet, program_id, header, value)
    output = _update(project, workbook)
    assert "0 program file(s) written, 1 changed" in output
    after = data_snapshot(project)
    key = f"programs/{SLUG}/{name}"
    assert [file for file in after if after[file] != before[file]] == [key]
    text = before[key].decode("utf-8")
    assert old in text
    assert after[key].decode("utf-8") == text.replace(old, new, 1)


def test_a_row_added_to_a_record_sheet_adds_one_item_and_keeps_the_others(project: Path, tmp_path: Path) -> None:
    before = data_snapshot(project)
    workbook = tmp_path / "plan.xlsx"
    _export(project, workbook)
    book = openpyxl.load_workbook(workbook)
    sheet = book["Perkembangan"]
    headers = [cell.value for cell in sheet[1]]
    row = {"Kode": "TK-1", "Tanggal": date(2026, 6, 1), "Uraian": "Rapat evaluasi bersama camat."}
    sheet.append([row.get(str(header)) for header in headers])
    book.save(workbook)
    _update(project, workbook)
    after = data_snapshot(project)
    key = f"programs/{SLUG}/tk-1.yml"
    assert [file for file in after if after[file] != before[file]] == [key]
    last = "      surat dan SP4N-LAPOR!\n"
    added = '  - date: "2026-06-01"\n    text: Rapat evaluasi bersama camat.\n'
    assert after[key].decode("utf-8") == before[key].decode("utf-8").replace(last, last + added, 1)


def test_a_value_shared_through_an_alias_is_refused_on_one_line_and_nothing_is_written(
    project: Path, tmp_path: Path
) -> None:
    shared = project / "data" / "programs" / SLUG / "lh-1.yml"
    text = LH_1.replace("lead: Dinas Lingkungan Hidup", "lead: &dlh Dinas Lingkungan Hidup\npartners:\n  - *dlh")
    shared.write_text(text, encoding="utf-8")
    workbook = tmp_path / "plan.xlsx"
    _export(project, workbook)
    _edit(workbook, "Program", "LH-1", "Penanggung jawab", "Bappeda")
    before = data_snapshot(project)
    status, output = run_cli("--root", str(project), "import", SLUG, str(workbook), "--update")
    assert status == 1
    # The one error; warnings (a milestone past its date, as of the fixed day) may stand beside it.
    errors = [line for line in output.splitlines()[:-1] if ": warning: " not in line]
    assert errors == [
        f"data/programs/{SLUG}/lh-1.yml:1:1: (file): cannot be changed safely: data/programs/{SLUG}/lh-1.yml:10:7: "
        "this value is shared through an anchor (`&…`) and its aliases (`*…`); change it by hand"
    ]
    assert data_snapshot(project) == before
