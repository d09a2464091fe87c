"""The progress report form and the "Laporkan kemajuan" link that opens it, pre-filled."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from macros.data.plan.load import city_files
from macros.data.plan.model import City, Program
from macros.data.reports.report import STATUS_OPTIONS
from macros.publish.feedback_form import REPORT_FORM_PATH, issue_template_files, write_files
from macros.render.report_link import report_link
from macros.render.text import STATUS_LABELS
from tests.helpers import REPO, TEST_REPOSITORY, build_site, city, macros_here, make_project, program, write_yaml

BIN = Path(sys.executable).parent


def valid_issue_form(path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_committed_report_form_is_a_valid_issue_form() -> None:
    valid_issue_form(REPO / REPORT_FORM_PATH)
    form = yaml.safe_load((REPO / REPORT_FORM_PATH).read_text(encoding="utf-8"))
    assert form["labels"] == ["laporan-kemajuan"]
    several_regions = len(city_files(REPO)) > 1  # the repository's own data: the form asks for the region then
    assert [e["id"] for e in form["body"] if e["type"] != "markdown"] == ["daerah"] * several_regions + [
        "program",
        "status",
        "progres",
        "tanggal",
        "kegiatan",
        "tahapan",
        "capaian",
    ]


def test_the_form_offers_the_statuses_citizens_read_on_the_site() -> None:
    assert STATUS_OPTIONS == STATUS_LABELS
    form = yaml.safe_load((REPO / REPORT_FORM_PATH).read_text(encoding="utf-8"))
    status = next(e for e in form["body"] if e.get("id") == "status")
    assert status["attributes"]["options"] == list(STATUS_LABELS.values())


def test_with_several_regions_the_form_asks_for_the_region_first(tmp_path: Path) -> None:
    cities = {"a": City.model_validate(city(name="Kota A")), "b": City.model_validate(city(name="Kabupaten B"))}
    write_files(tmp_path, issue_template_files(cities, "https://example.github.io/rencana/"))
    valid_issue_form(tmp_path / REPORT_FORM_PATH)
    form = yaml.safe_load((tmp_path / REPORT_FORM_PATH).read_text(encoding="utf-8"))
    fields = [e for e in form["body"] if e["type"] != "markdown"]
    assert fields[0]["id"] == "daerah" and fields[0]["attributes"]["options"] == ["Kota A", "Kabupaten B"]
    assert "Kota A dan Kabupaten B" in form["description"]


def test_make_check_fails_while_the_report_form_is_out_of_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RENCANA_LANG", raising=False)  # the default language, Indonesian
    project = make_project(tmp_path / "p", city(), [program()])

    def form(*options: str) -> subprocess.CompletedProcess[str]:
        return macros_here(["--root", str(project), "feedback-form", *options])

    assert form().returncode == 0
    assert form("--check").returncode == 0
    (project / REPORT_FORM_PATH).write_text("name: lama\n", encoding="utf-8")
    result = form("--check")
    assert result.returncode == 1
    assert ".github/ISSUE_TEMPLATE/laporan-kemajuan.yml: tidak sesuai lagi dengan data" in result.stdout


# ---------------------------------------------------------------- the link


def link_query(html: str) -> dict[str, str]:
    href = unescape(re.search(r'<p class="rc-report"[^>]*>.*?<a href="([^"]+)"', html).group(1))  # type: ignore[union-attr]
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/kota/rencana/issues/new")
    return {key: values[0] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}


def full_program() -> Program:
    return Program.model_validate(
        program(
            status="ongoing",
            progress=40,
            milestones=[
                {"name": "Uji coba", "planned": "2024-05", "done": "2024-05-20"},
                {"name": "Peluncuran & sosialisasi", "planned": "2025-01"},
            ],
            indicators=[{"name": "Aduan selesai", "unit": "persen", "target": 90, "year": 2026}],
        )
    )


def test_the_link_pre_fills_code_status_progress_open_milestones_and_indicators() -> None:
    query = link_query(report_link("kota/rencana", full_program()))
    assert query == {
        "template": "laporan-kemajuan.yml",
        "title": "Laporan kemajuan GOV-01",
        "program": "GOV-01",
        "status": "Berjalan",
        "progres": "40",
        "tahapan": "- [ ] Peluncuran & sosialisasi",
        "capaian": "Aduan selesai: ",
    }


def test_the_link_names_the_region_where_there_are_several() -> None:
    assert link_query(report_link("kota/rencana", full_program(), "Kota Contoh"))["daerah"] == "Kota Contoh"


def test_no_link_without_a_github_repository() -> None:
    assert report_link(None, full_program()) == ""


def test_program_pages_have_the_link_apart_from_the_feedback_block(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", city(), [program(status="ongoing", progress=25)])
    write_yaml(project / "data" / "cities" / "lain.yml", city(name="Kota Lain"))
    result = build_site(project, tmp_path / "site", env={"CITY": "contoh"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    feedback = html.split('<div class="rc-feedback"', 1)[1].split("</section>", 1)[0]
    assert "laporan-kemajuan.yml" not in feedback
    report = re.search(r'<p class="rc-report" data-pagefind-ignore>.*?</p>', html)
    assert report is not None and "Laporkan kemajuan" in report.group()
    href = unescape(re.search(r'href="([^"]+)"', report.group()).group(1))  # type: ignore[union-attr]
    query = parse_qs(urlsplit(href).query)
    # This repository's repo_url (mkdocs.yml), where the data lives; two regions: the region is named.
    assert href.startswith(f"https://github.com/{TEST_REPOSITORY}/issues/new?")
    assert query["daerah"] == ["Kota Contoh"] and query["progres"] == ["25"]
