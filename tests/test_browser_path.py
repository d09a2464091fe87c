"""The maintainer's path from GitHub's web pages, replayed from recorded events and upload folders.

*Mulai daerah* (`new-city --event`) on a workflow_dispatch event, then *Impor Excel*
(`import-uploads`) on a folder `impor/` holding what a person uploaded, then what *Publish*
runs (`make check`, `make site`). The written files and the comments are compared whole with
the files in tests/fixtures/browser/ (regenerate them by hand, reading every line).
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from macros.data.plan.assemble import national_dimensions
from macros.data.workbook.write import template_workbook
from tests.helpers import REPO, build_site, copy_repository, copy_template, run_macros

FIXTURES = REPO / "tests" / "fixtures" / "browser"
START = "2025"  # the workflow takes this year; the tests fix it, so that they never depend on the date
PROGRAM_HEADERS = (
    "Kode",
    "Nama program",
    "Dimensi",
    "Elemen",
    "Ringkasan",
    "Horizon",
    "Tahun mulai",
    "Tahun selesai",
    "Penanggung jawab",
    "Status",
    "Progres (%)",
)
GOOD_ROWS = [
    (
        "GOV-01",
        "Mal Pelayanan Publik digital",
        "Smart Governance",
        "Layanan Publik",
        "Semua izin dan layanan kependudukan dalam satu aplikasi.",
        "Jangka pendek",
        2025,
        2026,
        "Dinas Penanaman Modal dan PTSP",
        "Berjalan",
        30,
    ),
    (
        "ENV-01",
        "Bank sampah desa",
        "Smart Environment",
        "Tata Kelola Sampah dan Limbah",
        "Setiap desa memilah sampah dan menabung hasilnya.",
        "Quick win",
        2025,
        2025,
        "Dinas Lingkungan Hidup",
        "Direncanakan",
        None,
    ),
]


def workbook(
    rows: Sequence[tuple[object, ...]], budget: Sequence[tuple[object, ...]] = (), template: bytes | None = None
) -> bytes:
    """The empty template (by default the national one, as the site's Data page offers it), filled in."""
    book = openpyxl.load_workbook(io.BytesIO(template or template_workbook(national_dimensions())))
    sheet = book["Program"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for row_number, row in enumerate(rows, start=2):
        for header, value in zip(PROGRAM_HEADERS, row, strict=True):
            sheet.cell(row=row_number, column=columns[header], value=value)
    for row_number, row in enumerate(budget, start=2):
        for column, value in enumerate(row, start=1):
            book["Anggaran"].cell(row=row_number, column=column, value=value)
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def expected(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def started(tmp_path: Path) -> Path:
    """This repository as a region's maintainer has it after *Mulai daerah* on the recorded event."""
    project = copy_template(tmp_path / "repository")
    out = tmp_path / "out"
    result = run_macros(
        project, "new-city", "--event", str(FIXTURES / "mulai-daerah.json"), "--start", START, "--output", str(out)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "result").read_text() == "pull-request\n"
    return project


def test_mulai_daerah_writes_the_region_with_the_repositorys_own_addresses(started: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (started / "data" / "cities" / "banyuwangi.yml").read_text(encoding="utf-8") == expected("banyuwangi.yml")
    assert sorted(path.name for path in (started / "data" / "cities").iterdir()) == ["banyuwangi.yml"]
    config = (started / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: https://diskominfo-banyuwangi.github.io/rencana/\n" in config
    assert "repo_url: https://github.com/diskominfo-banyuwangi/rencana\n" in config
    assert "  city: banyuwangi" in config
    assert (out / "title.txt").read_text() == "Mulai daerah Kabupaten Banyuwangi\n"
    assert (out / "branch.txt").read_text() == "mulai-daerah/banyuwangi\n"
    assert (out / "body.md").read_text() == expected("mulai-daerah-body.md")
    # The workflows stay as they were: the workflow token may not change them, and need not.
    for workflow in (REPO / ".github" / "workflows").iterdir():
        assert (started / ".github" / "workflows" / workflow.name).read_bytes() == workflow.read_bytes()
    checked = run_macros(started, "check")
    assert checked.returncode == 0, checked.stdout
    forms = run_macros(started, "feedback-form", "--check")
    assert forms.returncode == 0, forms.stdout


def test_a_user_site_repository_is_published_at_its_root(tmp_path: Path) -> None:
    project = copy_template(tmp_path / "repository")
    event = FIXTURES / "mulai-daerah-user-site.json"
    result = run_macros(project, "new-city", "--event", str(event), "--start", START, "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: https://pemkotbatu.github.io/\n" in config
    assert "repo_name: PemkotBatu/pemkotbatu.github.io\n" in config
    # The examples stay (replace_examples: false): a portal of four.
    assert len(list((project / "data" / "cities").iterdir())) == 4


def test_mulai_daerah_with_a_mistake_writes_nothing_and_says_why_in_the_summary(tmp_path: Path) -> None:
    project = copy_repository(tmp_path / "repository")
    before = sorted(path.name for path in (project / "data" / "cities").iterdir())
    out = tmp_path / "out"
    event = FIXTURES / "mulai-daerah-wrong-type.json"
    result = run_macros(project, "new-city", "--event", str(event), "--output", str(out))
    assert result.returncode == 1
    assert (out / "result").read_text() == "comment\n"
    assert (out / "comment.md").read_text() == expected("mulai-daerah-wrong-type.md")
    assert sorted(path.name for path in (project / "data" / "cities").iterdir()) == before


def test_an_uploaded_workbook_replaces_the_example_program_and_is_removed(started: Path, tmp_path: Path) -> None:
    """The whole browser path: Mulai daerah, Publish, the template from the site's Data page, Impor Excel, Publish."""
    first = build_site(started, tmp_path / "first-site")
    assert first.returncode == 0, first.stdout + first.stderr
    template = (tmp_path / "first-site" / "data" / "templat-rencana.xlsx").read_bytes()
    uploads = started / "impor"
    (uploads / "rencana-banyuwangi.xlsx").write_bytes(
        workbook(GOOD_ROWS, [("GOV-01", None, 2025, "APBD", "1,5 miliar")], template)
    )
    comment = tmp_path / "comment.md"
    result = run_macros(started, "import-uploads", "--comment", str(comment))
    assert result.returncode == 0, result.stdout + result.stderr
    assert comment.read_text(encoding="utf-8") == expected("impor-berhasil.md")
    programs = started / "data" / "programs" / "banyuwangi"
    assert sorted(path.relative_to(programs).as_posix() for path in programs.rglob("*.yml")) == [
        "environment/env-01.yml",
        "governance/gov-01.yml",
    ]
    assert (programs / "governance" / "gov-01.yml").read_text(encoding="utf-8") == expected("gov-01.yml")
    assert sorted(path.name for path in uploads.iterdir()) == ["README.md"]
    checked = run_macros(started, "check")
    assert checked.returncode == 0, checked.stdout
    # Publish: the site is built from what the browser user did, and shows their programs.
    site = tmp_path / "site"
    built = build_site(started, site)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (site / "environment" / "env-01" / "index.html").read_text(encoding="utf-8")
    assert "Bank sampah desa" in page
    assert "https://github.com/diskominfo-banyuwangi/rencana/issues/new" in page


def test_a_workbook_with_mistakes_writes_nothing_and_the_comment_names_each_cell(started: Path, tmp_path: Path) -> None:
    uploads = started / "impor"
    wrong = [(*GOOD_ROWS[0][:9], "Jalan", 30), (*GOOD_ROWS[1][:6], 2026, 2025, *GOOD_ROWS[1][8:])]
    (uploads / "rencana.xlsx").write_bytes(workbook(wrong, [("GOV-01", None, 2025, "Dana desa", "banyak")]))
    before = {path: path.read_bytes() for path in (started / "data").rglob("*") if path.is_file()}
    comment = tmp_path / "comment.md"
    result = run_macros(started, "import-uploads", "--comment", str(comment))
    assert result.returncode == 1
    assert comment.read_text(encoding="utf-8") == expected("impor-gagal.md")
    assert {path: path.read_bytes() for path in (started / "data").rglob("*") if path.is_file()} == before
    assert (uploads / "rencana.xlsx").is_file()
    assert "Traceback" not in result.stderr


def test_an_edited_example_program_is_kept_and_the_import_says_what_to_do(started: Path, tmp_path: Path) -> None:
    example = started / "data" / "programs" / "banyuwangi" / "governance" / "gov-01.yml"
    example.write_text(
        example.read_text(encoding="utf-8").replace("status: planned", "status: ongoing\nprogress: 10"),
        encoding="utf-8",
    )
    (started / "impor" / "rencana.xlsx").write_bytes(workbook(GOOD_ROWS[1:]))
    result = run_macros(started, "import-uploads")
    assert result.returncode == 0, result.stdout + result.stderr
    assert example.is_file()
    assert (started / "data" / "programs" / "banyuwangi" / "environment" / "env-01.yml").is_file()


def test_no_upload_is_nothing_to_do(started: Path) -> None:
    result = run_macros(started, "import-uploads")
    assert (result.returncode, result.stdout) == (0, "impor/: tidak ada buku kerja untuk diimpor\n")


def test_publish_and_check_say_to_run_mulai_daerah_while_only_the_examples_exist(tmp_path: Path) -> None:
    project = copy_template(tmp_path / "repository")
    note = run_macros(project, "start-note", "--repository", "diskominfo-banyuwangi/rencana")
    assert note.returncode == 0
    assert note.stdout.startswith("### Repositori ini masih berisi daerah contoh saja\n")
    assert "**Mulai daerah**" in note.stdout
    # Not in the template's own repository, nor once a region of one's own exists.
    assert run_macros(project, "start-note", "--repository", "rencana-id/rencana-mojokerto").stdout == ""
    event = str(FIXTURES / "mulai-daerah-user-site.json")
    assert run_macros(project, "new-city", "--event", event, "--output", str(tmp_path / "out")).returncode == 0
    assert run_macros(project, "start-note", "--repository", "PemkotBatu/pemkotbatu.github.io").stdout == ""


def test_an_out_of_date_issue_form_is_rewritten_by_the_workflows_check_and_blocks_only_terminal_users(
    started: Path,
) -> None:
    """A region renamed on GitHub's web pages: Check and Publish (`make check FORMS=write`) rewrite the form
    instead of failing; only a mistake that rewriting cannot fix (a region with errors) fails them."""
    make = ["make", "--no-print-directory", "-f", str(REPO / "Makefile"), "-o", ".venv/.installed"]
    make.append(f"PY={sys.executable}")
    city_file = started / "data" / "cities" / "banyuwangi.yml"
    city_file.write_text(city_file.read_text(encoding="utf-8").replace("Kabupaten Banyuwangi", "Kab. Banyuwangi"))
    terminal = subprocess.run([*make, "check"], cwd=started, capture_output=True, text=True, check=False)
    assert terminal.returncode != 0
    assert "tidak sesuai lagi dengan data" in terminal.stdout  # Indonesian, the default
    workflow = subprocess.run([*make, "check", "FORMS=write"], cwd=started, capture_output=True, text=True, check=False)
    assert workflow.returncode == 0, workflow.stdout + workflow.stderr
    assert run_macros(started, "feedback-form", "--check").returncode == 0
    city_file.write_text(city_file.read_text(encoding="utf-8").replace("start: 2025", "start: dua ribu"))
    broken = subprocess.run([*make, "check", "FORMS=write"], cwd=started, capture_output=True, text=True, check=False)
    assert broken.returncode != 0
    assert "data/cities/banyuwangi.yml:" in broken.stdout
