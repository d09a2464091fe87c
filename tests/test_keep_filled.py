"""`template` and `export` never write over a workbook that holds data (`--force`, or FORCE=1, to do so)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from tests.helpers import REPO, city, make_project, program, run_macros

PYTHON = (f"PY={sys.executable}",)


def make(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """This repository's Makefile run in `project`, with the Python of the tests as its venv's."""
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(REPO / "Makefile"), "-o", ".venv/.installed", *PYTHON, *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def fill(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book["Program"]
    sheet["A2"], sheet["B2"] = "GOV-01", "Layanan pengaduan warga"
    book.save(workbook)


def test_make_template_over_a_filled_workbook_leaves_it_byte_identical_and_fails(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", city(), [program("GOV-01")])
    first = make(project, "template")
    assert first.returncode == 0, first.stdout + first.stderr
    workbook = project / "templat-rencana.xlsx"
    fill(workbook)
    filled = workbook.read_bytes()

    again = make(project, "template")
    assert again.returncode != 0
    assert workbook.read_bytes() == filled
    refusal = [line for line in again.stderr.splitlines() if "templat-rencana.xlsx" in line]
    assert refusal == [
        "templat-rencana.xlsx: berkas ini sudah ada dan berisi data, jadi tidak ditimpa; simpan dengan nama lain, "
        "atau tambahkan --force (make … FORCE=1) untuk menimpanya"
    ]
    assert "Traceback" not in again.stderr

    forced = make(project, "template", "FORCE=1")
    assert forced.returncode == 0, forced.stderr
    assert workbook.read_bytes() != filled


def test_the_same_template_again_is_no_mistake(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", city(), [program("GOV-01")])
    assert run_macros(project, "template", str(tmp_path / "t.xlsx")).returncode == 0
    again = run_macros(project, "template", str(tmp_path / "t.xlsx"))
    assert again.returncode == 0, again.stderr


def test_export_keeps_a_workbook_that_holds_other_data(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", city(), [program("GOV-01")])
    target = tmp_path / "rencana.xlsx"
    target.write_bytes(b"a workbook someone filled")
    refused = run_macros(project, "export", "contoh", str(target), env={"RENCANA_LANG": "en"})
    assert refused.returncode == 1
    assert refused.stderr == (
        f"{target}: exists and holds data, so it was not overwritten; write to another name, "
        "or add --force (make … FORCE=1) to overwrite it\n"
    )
    assert target.read_bytes() == b"a workbook someone filled"
    assert run_macros(project, "export", "contoh", str(target), "--force").returncode == 0
    assert target.read_bytes().startswith(b"PK")


def test_make_export_and_import_take_the_region_and_the_file(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", city(), [program("GOV-01")])
    exported = make(project, "export", "CITY=contoh")
    assert exported.returncode == 0, exported.stderr
    assert (project / "rencana-contoh.xlsx").is_file()
    imported = make(project, "import", "CITY=contoh", "FILE=rencana-contoh.xlsx", "UPDATE=1")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "1 tidak berubah" in imported.stdout  # Indonesian, the default
