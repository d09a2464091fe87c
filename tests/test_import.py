"""A plan from a workbook and back: round trips change no byte, one edited cell changes one field."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from macros.data.plan.assemble import check_data, reference_date
from macros.data.plan.problems import errors_in
from scripts.synthetic import TODAY_EPOCH, write_city
from tests.helpers import (
    SAMPLE_SLUG,
    copy_sample,
    data_snapshot,
    make_project,
    rich_city_programs,
    run_cli,
    small_city_data,
    yaml_programs,
)

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Today" of the synthetic data, so that its dates give no warnings."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(TODAY_EPOCH))


def _rich_project(root: Path) -> Path:
    return make_project(root, small_city_data(), rich_city_programs(), slug="kecil")


def _export(project: Path, slug: str, workbook: Path) -> None:
    status, output = run_cli("--root", str(project), "export", slug, str(workbook))
    assert status == 0, output


def _import(project: Path, slug: str, workbook: Path, *options: str) -> str:
    status, output = run_cli("--root", str(project), "import", slug, str(workbook), *options)
    assert status == 0, output
    return output


def _without_programs(project: Path, slug: str) -> None:
    shutil.rmtree(project / "data" / "programs" / slug)


@pytest.mark.parametrize("city", ["sample", "rich", "synthetic"])
def test_export_then_import_with_update_changes_no_byte(tmp_path: Path, city: str) -> None:
    if city == "sample":
        project, slug = copy_sample(tmp_path / "project"), SAMPLE_SLUG
    elif city == "rich":
        project, slug = _rich_project(tmp_path / "project"), "kecil"
    else:
        project, slug = write_city(tmp_path / "project", 60, seed=7, slug="sintetis"), "sintetis"
    before = data_snapshot(project)
    _export(project, slug, tmp_path / "plan.xlsx")
    output = _import(project, slug, tmp_path / "plan.xlsx", "--update")
    assert data_snapshot(project) == before
    assert f"0 program file(s) written, 0 changed, {len(yaml_programs(project, slug))} unchanged" in output


def test_importing_the_sample_into_an_empty_city_writes_the_hand_written_files_again(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    before, count = data_snapshot(project), len(yaml_programs(project, SAMPLE_SLUG))
    _export(project, SAMPLE_SLUG, tmp_path / "plan.xlsx")
    _without_programs(project, SAMPLE_SLUG)
    output = _import(project, SAMPLE_SLUG, tmp_path / "plan.xlsx")
    assert data_snapshot(project) == before  # the same style, byte for byte: comment line, key order, folding
    assert f"{count} program file(s) written, 0 changed, 0 unchanged" in output


@pytest.mark.parametrize("city", ["rich", "synthetic"])
def test_every_field_comes_back_from_the_workbook(tmp_path: Path, city: str) -> None:
    if city == "rich":
        project, slug = _rich_project(tmp_path / "project"), "kecil"
    else:
        project, slug = write_city(tmp_path / "project", 60, seed=7, slug="sintetis"), "sintetis"
    before = {entry["id"]: entry for entry in yaml_programs(project, slug)}
    _export(project, slug, tmp_path / "plan.xlsx")
    _without_programs(project, slug)
    _import(project, slug, tmp_path / "plan.xlsx")
    after = {entry["id"]: entry for entry in yaml_programs(project, slug)}
    assert after == before
    for entry in after.values():  # each in the folder of its dimension, named by its id
        assert (project / "data" / "programs" / slug / entry["dimension"] / f"{entry['id'].lower()}.yml").is_file()
    _, problems = check_data(project, slug, reference_date())
    assert [str(problem) for problem in errors_in(problems)] == []


def _edit(workbook: Path, sheet: str, program_id: str, header: str, value: Any, occurrence: int = 0) -> None:
    """Set the cell under `header` in the `occurrence`-th row of `program_id` on `sheet`."""
    book = openpyxl.load_workbook(workbook)
    rows = list(book[sheet].iter_rows())
    column = [cell.value for cell in rows[0]].index(header)
    matching = [row for row in rows[1:] if row[0].value == program_id]
    matching[occurrence][column].value = value
    book.save(workbook)


def _changed_lines(before: bytes, after: bytes) -> list[tuple[str, str]]:
    old, new = before.decode().splitlines(), after.decode().splitlines()
    assert len(old) == len(new), "a single value changes in its line"
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@pytest.mark.parametrize(
    ("sheet", "header", "value", "occurrence", "expected"),
    [
        ("Program", "Status", "Terlambat", 0, [("status: ongoing", "status: delayed")]),
        ("Program", "Progres (%)", "60%", 0, [("progress: 45", "progress: 60")]),
        ("Anggaran", "Jumlah (Rp)", "1,5 miliar", 1, [("    amount: 1250000000", "    amount: 1500000000")]),
        ("Indikator", "Target", "92,5", 0, [("  target: 90.5", "  target: 92.5")]),
        ("Program", "SDGs", "11; 17", 0, [("- 16", "- 17")]),
    ],
)
def test_editing_one_cell_changes_exactly_that_value(
    tmp_path: Path, sheet: str, header: str, value: Any, occurrence: int, expected: list[tuple[str, str]]
) -> None:
    project = _rich_project(tmp_path / "project")
    before = data_snapshot(project)
    workbook = tmp_path / "plan.xlsx"
    _export(project, "kecil", workbook)
    _edit(workbook, sheet, "TK-1", header, value, occurrence)
    output = _import(project, "kecil", workbook, "--update")
    after = data_snapshot(project)
    changed = [name for name in after if after[name] != before[name]]
    assert changed == ["programs/kecil/tk-1.yml"], output
    lines = _changed_lines(before["programs/kecil/tk-1.yml"], after["programs/kecil/tk-1.yml"])
    assert [(a.strip(), b.strip()) for a, b in lines] == [(a.strip(), b.strip()) for a, b in expected]


def test_update_keeps_comments_key_order_and_the_fields_the_workbook_lacks(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    planned = [
        file
        for file in sorted((project / "data" / "programs" / SAMPLE_SLUG).rglob("*.yml"))
        if yaml.safe_load(file.read_text(encoding="utf-8"))["status"] == "planned"
    ]
    file = planned[0]  # without `progress:`, which the import adds after `status:`
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert "progress" not in data
    text = file.read_text(encoding="utf-8").replace("\nstatus:", "\n# Diperiksa Bappeda.\nstatus:")
    text = text.replace(f"lead: {data['lead']}", f"lead: {data['lead']}  # sejak 2023")
    file.write_text(text, encoding="utf-8")
    csv_file = tmp_path / "status.csv"
    csv_file.write_text(f"Kode;Status;Progres (%)\n{data['id']};Berjalan;35\n", encoding="utf-8")
    output = _import(project, SAMPLE_SLUG, csv_file, "--update")
    assert "changed: status, progress" in output
    new_text = file.read_text(encoding="utf-8")
    assert "# Diperiksa Bappeda.\nstatus: ongoing\nprogress: 35\n" in new_text
    assert f"lead: {data['lead']}  # sejak 2023\n" in new_text
    changed = yaml.safe_load(new_text)
    assert {key: value for key, value in changed.items() if key not in ("status", "progress")} == {
        key: value for key, value in data.items() if key not in ("status", "progress")
    }
    keys = [key for key in data if key != "progress"]
    assert list(changed) == [*keys[: keys.index("status") + 1], "progress", *keys[keys.index("status") + 1 :]]


def test_a_csv_as_an_indonesian_excel_saves_it_is_read(tmp_path: Path) -> None:
    """UTF-8 with a byte order mark, `;` between cells, decimal commas and rupiah as written."""
    project = make_project(tmp_path / "project", small_city_data(), [], slug="kecil")
    rows = [
        "Kode;Nama program;Dimensi;Elemen;Ringkasan;Horizon;Tahun mulai;Tahun selesai;Penanggung jawab;Status;"
        "Progres (%);Mitra;Kata kunci",
        'TK-9;"Data terpadu; satu pintu";Tata Kelola;Data;Ringkasan program.;Jangka pendek;2024;2026;'
        "Badan Perencanaan ;Berjalan;60 %;Dinas A; sampah",
        "",
        ";;;;;;;;;;;;",
    ]
    csv_file = tmp_path / "program.csv"
    csv_file.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8"))
    _import(project, "kecil", csv_file)
    written = (project / "data" / "programs" / "kecil" / "tata-kelola" / "tk-9.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(written) == {
        "id": "TK-9",
        "title": "Data terpadu; satu pintu",
        "dimension": "tata-kelola",
        "element": "data",
        "summary": "Ringkasan program.",
        "horizon": "short",
        "period": {"start": 2024, "end": 2026},
        "lead": "Badan Perencanaan",
        "partners": ["Dinas A"],
        "status": "ongoing",
        "progress": 60,
        "tags": ["sampah"],
    }
    assert written.startswith("# yaml-language-server: $schema=../../../schema/program.schema.json\nid: TK-9\n")


@pytest.mark.external
def test_a_workbook_saved_again_by_libreoffice_imports_without_a_change(tmp_path: Path) -> None:
    project = _rich_project(tmp_path / "project")
    before = data_snapshot(project)
    _export(project, "kecil", tmp_path / "plan.xlsx")
    converted = subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", "lo", "plan.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert converted.returncode == 0, converted.stderr
    _import(project, "kecil", tmp_path / "lo" / "plan.xlsx", "--update")
    assert data_snapshot(project) == before


@pytest.mark.slow
def test_the_commands_run_as_commands(tmp_path: Path) -> None:
    """The real `python -m macros`: exit status 0, then 1 with one line per problem and no traceback."""
    project = _rich_project(tmp_path / "project")
    workbook = tmp_path / "plan.xlsx"

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "macros", "--root", str(project), *arguments],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )

    exported = run("export", "kecil", "plan.xlsx")
    assert (exported.returncode, exported.stdout) == (0, "wrote plan.xlsx: 4 programs of Kabupaten Kecil\n")
    _edit(workbook, "Program", "TK-1", "Status", "Jalan")
    refused = run("import", "kecil", "plan.xlsx", "--update")
    assert refused.returncode == 1
    assert refused.stdout.splitlines() == [
        "plan.xlsx:Program!N2: status: `Jalan` is not a status; choose one of: Direncanakan, Berjalan, Selesai, "
        "Terlambat, Dihentikan (did you mean `Berjalan`?)",
        "1 error(s), 0 warning(s): no file was written; fix the errors above, then import again.",
    ]
    assert "Traceback" not in refused.stderr
    template = run("template", "templat.xlsx")
    assert (template.returncode, template.stdout) == (
        0,
        "wrote templat.xlsx: an empty workbook with the six national dimensions\n",
    )
    wrong_name = run("export", "kecil", "plan.ods")
    assert (wrong_name.returncode, wrong_name.stderr) == (1, "plan.ods: the workbook's name must end in .xlsx\n")


def test_a_program_whose_file_has_errors_is_told_to_fix_that_file_not_taken_for_another(tmp_path: Path) -> None:
    project = _rich_project(tmp_path / "project")
    first = sorted((project / "data" / "programs" / "kecil").rglob("*.yml"))[0]
    program = yaml.safe_load(first.read_text(encoding="utf-8"))
    program_id = program["id"]
    # Where the import writes a new program: the file of the same program, were it not broken.
    broken = project / "data" / "programs" / "kecil" / program["dimension"] / f"{program_id.lower()}.yml"
    broken.parent.mkdir(exist_ok=True)
    first.rename(broken)
    _export(project, "kecil", tmp_path / "plan.xlsx")
    broken.write_text(broken.read_text(encoding="utf-8") + "foo: 1\n", encoding="utf-8")
    before = data_snapshot(project)
    status, output = run_cli("--root", str(project), "import", "kecil", str(tmp_path / "plan.xlsx"), "--update")
    assert status == 1, output
    shown = broken.relative_to(project).as_posix()
    assert f"id: `{program_id}` is in {shown}" in output and "which has errors; fix that file first" in output
    assert "holds another program" not in output
    assert f"{shown}:" in output and "unknown key `foo`" in output
    assert data_snapshot(project) == before
