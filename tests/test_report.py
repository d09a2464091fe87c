"""`python -m macros report` on saved issue events: the change it makes, or the comment it writes.

`tests/fixtures/reports/` holds a small project (`project/`, with comments and mixed
quoting in its YAML) and saved GitHub `issues` events beside what each must give:

- `valid/<case>.json` → `valid/<case>.yml`, the program's file after the report, byte for byte;
- `invalid/<case>.json` → `invalid/<case>.md`, the Indonesian comment; no file changes;
- `answered/<case>.json` → `answered/<case>.md`, a comment that is not about mistakes;
- `ignored/<case>.json`: not a report to act on.

Run one by hand: `SOURCE_DATE_EPOCH=1751241600 python -m macros --root <copy of project>
report --event tests/fixtures/reports/invalid/<case>.json`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from macros.data.plan.load import city_files
from macros.data.reports.form import form_fields, read_answers
from macros.publish.feedback_form import REPORT_FORM_PATH
from tests.helpers import REPO, build_site, copy_site_config, macros_here

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


REPORTS = REPO / "tests" / "fixtures" / "reports"
PROJECT = REPORTS / "project"
# "Today" for every case: 2025-06-30, so that dates in the future stay in the future.
TODAY_EPOCH = "1751241600"
GOV_01 = Path("data/programs/contoh/tata-kelola/gov-01.yml")
GOV_02 = Path("data/programs/contoh/tata-kelola/gov-02.yml")


def cases(kind: str) -> list[Path]:
    return sorted((REPORTS / kind).glob("*.json"))


def report(project: Path, event: Path, *options: str, output: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    environment.pop("GITHUB_ACTIONS", None)
    command = ["--root", str(project), "report", "--event", str(event), *options]
    if output is not None:
        command += ["--output", str(output)]
    return macros_here(command, env=environment)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT, tmp_path / "project"))


def written(output: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(output.iterdir())}


# ---------------------------------------------------------------- valid reports


@pytest.mark.parametrize("event", cases("valid"), ids=lambda path: path.stem)
def test_a_valid_report_gives_the_expected_file_byte_for_byte(event: Path, project: Path, tmp_path: Path) -> None:
    before = snapshot(project)
    result = report(project, event, output=tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    files = written(tmp_path / "out")
    assert files["result"] == "pull-request\n"
    (changed,) = files["files.txt"].splitlines()
    assert (project / changed).read_bytes() == event.with_suffix(".yml").read_bytes()
    after = snapshot(project)
    assert [name for name in after if after[name] != before.get(name)] == [changed]
    assert set(after) == set(before)


def test_a_report_updates_status_progress_milestones_indicators_log_review_and_issues(
    project: Path, tmp_path: Path
) -> None:
    result = report(project, REPORTS / "valid" / "gov-01.json", output=tmp_path / "out")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((project / GOV_01).read_text(encoding="utf-8"))
    assert (data["status"], data["progress"]) == ("ongoing", 35)
    assert [m.get("done") for m in data["milestones"]] == ["2024-06-20", "2025-03-02", None]
    assert [i.get("actual") for i in data["indicators"]] == [72.5, None]
    assert data["updates"][-1] == {
        "date": "2025-03-02",
        "text": "Sistem tiket terpadu mulai dipakai di seluruh kelurahan.\n\n"
        "Aduan kini mendapat nomor tiket dan tenggat **5 hari kerja**.",
    }
    assert (data["reviewed"], data["issues"]) == ("2025-03-02", [3, 41])
    text = (project / GOV_01).read_text(encoding="utf-8")
    for comment in ("# Diperbarui oleh Diskominfo", "# angka 2024", "# sebelum peluncuran", "# Diskusi di GitHub"):
        assert comment in text


def test_the_pull_request_names_the_program_and_closes_the_issue(project: Path, tmp_path: Path) -> None:
    result = report(project, REPORTS / "valid" / "gov-01.json", output=tmp_path / "out")
    assert result.returncode == 0, result.stderr
    files = written(tmp_path / "out")
    assert files["title.txt"] == "Laporan kemajuan GOV-01 (#41)\n"
    assert files["branch.txt"] == "laporan-kemajuan/41\n"
    assert files["commit.txt"].startswith("Laporan kemajuan GOV-01 (#41)\n\n")
    body = files["body.md"]
    assert "Laporan kemajuan dari @dinas-kominfo di #41" in body
    assert "| Status | Direncanakan | Berjalan |" in body
    assert "| Progres | 0 % | 35 % |" in body
    assert "| Tahapan: Sistem tiket terpadu | belum | 2025-03-02 |" in body
    assert body.rstrip().endswith("Closes #41")
    assert "comment.md" not in files
    assert result.stdout.strip().endswith("applied to GOV-01")


def test_a_report_that_lowers_progress_asks_the_reviewer_to_make_sure(project: Path, tmp_path: Path) -> None:
    event = json.loads((REPORTS / "valid" / "gov-01.json").read_text(encoding="utf-8"))
    (project / GOV_01).write_text(
        (project / GOV_01)
        .read_text(encoding="utf-8")
        .replace("progress: 0", "progress: 50")
        .replace("status: planned", "status: ongoing"),
        encoding="utf-8",
    )
    saved = tmp_path / "event.json"
    saved.write_text(json.dumps(event), encoding="utf-8")
    result = report(project, saved, output=tmp_path / "out")
    assert result.returncode == 0, result.stdout
    assert "progres turun dari 50 % menjadi 35 %" in written(tmp_path / "out")["body.md"]


def test_hostile_text_is_stored_as_text_and_changes_nothing_else(project: Path, tmp_path: Path) -> None:
    event = REPORTS / "valid" / "hostile.json"
    result = report(project, event, output=tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    answers, _ = read_answers(json.loads(event.read_text(encoding="utf-8"))["issue"]["body"], form_fields(False))
    data = yaml.safe_load((project / GOV_01).read_text(encoding="utf-8"))
    assert data["updates"][-1]["text"] == answers["kegiatan"].text  # the whole text, as written
    assert data["status"] == "ongoing" and len(data["updates"]) == 3  # `status: completed` in the text is text
    # What the workflow passes to git and gh holds nothing of the text.
    files = written(tmp_path / "out")
    for name in ("title.txt", "branch.txt", "commit.txt", "body.md", "files.txt"):
        for fragment in ("$(", "${{", "`whoami`", "<script>", "{{ config", "DROP TABLE"):
            assert fragment not in files[name], (name, fragment)
    # The site shows it as text: no script, no template, no javascript: link.
    copy_site_config(project, "contoh")
    build = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": TODAY_EPOCH})
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site" / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    assert "<p>{{ config.site_name }} {% include 'x' %} {# c #}</p>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script>alert(1)" not in page and "onerror=alert(2)>" not in page
    assert "javascript:" not in page
    assert "${{ github.token }}" in page


# ---------------------------------------------------------------- bad reports


def test_at_least_twelve_kinds_of_bad_report_are_covered() -> None:
    assert len(cases("invalid")) >= 12
    for event in cases("invalid") + cases("answered"):
        assert event.with_suffix(".md").is_file(), event


@pytest.mark.parametrize("event", cases("invalid") + cases("answered"), ids=lambda path: path.stem)
def test_each_bad_report_gets_its_indonesian_comment_and_no_file_changes(
    event: Path, project: Path, tmp_path: Path
) -> None:
    before = snapshot(project)
    result = report(project, event, output=tmp_path / "out")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    files = written(tmp_path / "out")
    assert files["result"] == "comment\n"
    assert files["comment.md"] == event.with_suffix(".md").read_text(encoding="utf-8")
    assert set(files) == {"result", "comment.md"}
    assert snapshot(project) == before


def test_each_problem_is_printed_with_its_line_and_field(project: Path) -> None:
    result = report(project, REPORTS / "invalid" / "several-problems.json")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "issue#50:11:1: progres: 150 di luar rentang 0–100. Tulis angka dari 0 sampai 100.",
        "issue#50:15:1: tanggal: `kemarin` bukan tanggal yang dikenali. Tulis dengan format "
        "tahun-bulan-tanggal (YYYY-MM-DD), misalnya 2025-03-02.",
        "issue#50:17:1: kegiatan: belum diisi. Ceritakan singkat apa yang dikerjakan dan hasilnya.",
    ]
    assert lines[3] == "comment: 3 problem(s) in the report"
    # Without --output the comment is printed, for a maintainer trying a saved event.
    assert "Laporan ini belum dapat diterapkan" in result.stdout


@pytest.mark.parametrize("event", cases("ignored"), ids=lambda path: path.stem)
def test_other_issues_and_closed_reports_are_left_alone(event: Path, project: Path, tmp_path: Path) -> None:
    before = snapshot(project)
    result = report(project, event, output=tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert written(tmp_path / "out") == {"result": "ignore\n"}
    assert snapshot(project) == before


def test_an_unreadable_event_is_one_line_and_exit_2(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "event.json"
    broken.write_text('{"issue": ', encoding="utf-8")
    result = report(project, broken)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"{broken}: not a GitHub issue event (expected JSON with issue.number and issue.body)"
    ]


# ---------------------------------------------------------------- who may report


@pytest.mark.parametrize(
    ("role", "result"), [("triage", "pull-request"), ("write", "pull-request"), ("read", "comment")]
)
def test_triage_rights_or_more_stand_in_for_the_reporters_list(
    role: str, result: str, project: Path, tmp_path: Path
) -> None:
    outcome = report(project, REPORTS / "answered" / "not-a-reporter.json", "--role", role, output=tmp_path / "out")
    assert written(tmp_path / "out")["result"] == result + "\n", outcome.stdout


def test_reporters_are_matched_without_regard_to_case(project: Path, tmp_path: Path) -> None:
    event = json.loads((REPORTS / "valid" / "gov-02.json").read_text(encoding="utf-8"))
    event["issue"]["user"]["login"] = "bappeda-contoh"
    saved = tmp_path / "event.json"
    saved.write_text(json.dumps(event), encoding="utf-8")
    assert report(project, saved).returncode == 0


def test_a_report_on_data_with_errors_asks_the_maintainers_first(project: Path, tmp_path: Path) -> None:
    (project / GOV_02).write_text((project / GOV_02).read_text(encoding="utf-8") + "budget: 12\n", encoding="utf-8")
    before = snapshot(project)
    result = report(project, REPORTS / "valid" / "gov-01.json", output=tmp_path / "out")
    assert result.returncode == 1
    comment = written(tmp_path / "out")["comment.md"]
    assert "Data rencana saat ini tidak lolos pemeriksaan" in comment
    assert "data/programs/contoh/tata-kelola/gov-02.yml:13:9: budget: expected a list" in comment
    assert snapshot(project) == before


def test_a_file_the_editor_cannot_edit_safely_is_left_as_it_was(project: Path, tmp_path: Path) -> None:
    text = (project / GOV_01).read_text(encoding="utf-8")
    flow = text.replace(
        '  - name: Sistem tiket terpadu\n    planned: "2025-03"\n',
        '  - {name: Sistem tiket terpadu, planned: "2025-03"}\n',
    )
    assert flow != text
    (project / GOV_01).write_text(flow, encoding="utf-8")
    before = snapshot(project)
    result = report(project, REPORTS / "valid" / "gov-01.json", output=tmp_path / "out")
    assert result.returncode == 1
    comment = written(tmp_path / "out")["comment.md"]
    assert "tidak dapat disunting otomatis" in comment
    assert "gov-01.yml:27:5: only keys written one per line (block style) can be edited" in comment
    assert snapshot(project) == before


# ---------------------------------------------------------------- several regions


def two_regions(project: Path) -> Path:
    lain = project / "data" / "programs" / "lain"
    lain.mkdir(parents=True)
    own = (project / GOV_02).read_text(encoding="utf-8").replace("related:\n- GOV-01\n", "")
    (lain / "gov-02.yml").write_text(own, encoding="utf-8")
    city = (project / "data" / "cities" / "contoh.yml").read_text(encoding="utf-8")
    (project / "data" / "cities" / "lain.yml").write_text(
        city.replace("Kota Contoh", "Kabupaten Lain").replace("dinas-kominfo", "diskominfo-lain"), encoding="utf-8"
    )
    return project


def region_event(tmp_path: Path, region: str) -> Path:
    event = json.loads((REPORTS / "valid" / "gov-02.json").read_text(encoding="utf-8"))
    event["issue"]["body"] = f"### Daerah\n\n{region}\n\n" + event["issue"]["body"]
    saved = tmp_path / f"event-{region}.json"
    saved.write_text(json.dumps(event), encoding="utf-8")
    return saved


def test_with_several_regions_the_report_names_its_region(project: Path, tmp_path: Path) -> None:
    two_regions(project)
    before = snapshot(project)
    result = report(project, region_event(tmp_path, "Kabupaten Lain"), output=tmp_path / "out")
    assert result.returncode == 0, result.stdout
    assert written(tmp_path / "out")["files.txt"] == "data/programs/lain/gov-02.yml\n"
    after = snapshot(project)
    assert [name for name in after if after[name] != before[name]] == ["data/programs/lain/gov-02.yml"]


def test_with_several_regions_an_unknown_region_is_a_problem(project: Path, tmp_path: Path) -> None:
    two_regions(project)
    result = report(project, region_event(tmp_path, "Kota Entah"), output=tmp_path / "out")
    assert result.returncode == 1
    assert (
        "- **Daerah**: `Kota Entah` bukan daerah dalam rencana ini. Pilih salah satu: Kota Contoh, Kabupaten Lain."
        in written(tmp_path / "out")["comment.md"]
    )


# ---------------------------------------------------------------- the form and the reader agree


def test_the_committed_form_writes_what_the_reader_reads() -> None:
    form = yaml.safe_load((REPO / REPORT_FORM_PATH).read_text(encoding="utf-8"))
    elements = [element for element in form["body"] if element["type"] != "markdown"]
    # The repository's own form: it asks for the region when data/ holds several.
    fields = form_fields(len(city_files(REPO)) > 1)
    assert [element["id"] for element in elements] == [field.id for field in fields]
    body = "\n\n".join(f"### {element['attributes']['label']}\n\nisian {element['id']}" for element in elements)
    answers, problems = read_answers(body.replace("\n", "\r\n"), fields)
    assert problems == []
    assert {key: answer.text for key, answer in answers.items()} == {e["id"]: f"isian {e['id']}" for e in elements}
