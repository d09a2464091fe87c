"""Real plans are incomplete and they age: unknown is not zero, late is computed, silence is visible.

One fixture region (no budgets but one recorded zero, no progress figures, ended periods, an
overdue milestone, agencies that stopped reporting), built with a fixed run date, read on
every page kind, in the open data, the workbook and Cetak, and checked by Nu.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser

from macros.data.history.log import Change, Version
from macros.data.plan.agencies import other_names
from macros.data.plan.model import City, Milestone, Program, Update
from macros.data.plan.standing import milestone_overdue, months_before, standing
from macros.data.plan.today import run_date
from macros.render.history import change_parts
from macros.site.build import build_environment
from tests.atom import atom_problems
from tests.browser import serve
from tests.helpers import build_site, city, commit_all, make_portal_project, make_project, program, run_macros
from tests.shared import shared_folder
from tests.site_pages import site_sub_path
from tests.test_accessibility import axe_violations, describe, settle, with_axe
from tests.test_valid_html import nu_errors

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


TODAY = "2026-06-30"

# (id, dimension, status, late, overdue, silent, progress known, budget known): the facts the
# test expects, written by hand from the data below, not computed by the code under test.
EXPECTED: dict[str, dict[str, Any]] = {
    "GOV-01": {"late": True, "silent": True, "progress": None, "budget": None},
    "GOV-02": {"late": True, "silent": True, "progress": 0, "budget": None},
    "ECO-01": {"late": False, "silent": False, "progress": 0, "budget": 0},
    "LIV-01": {"late": False, "silent": False, "progress": 100, "budget": 1_500_000_000},
    "ENV-01": {"late": False, "silent": False, "progress": None, "budget": None},
    "SOC-01": {"late": False, "silent": True, "progress": None, "budget": None},
}
# The Pemantauan page's lists, by hand: category anchor → programs.
LISTS = {
    "sesuai-jadwal": {"ECO-01"},
    "melewati-jadwal": {"GOV-01", "GOV-02", "SOC-01"},
    "selesai": {"LIV-01"},
    "dihentikan": {"ENV-01"},
    "tanpa-laporan": {"GOV-01", "GOV-02", "SOC-01"},
    "progres-belum-dilaporkan": {"GOV-01", "ENV-01", "SOC-01"},
    "anggaran-tidak-tercatat": {"GOV-01", "GOV-02", "ENV-01", "SOC-01"},
}


def fixture_programs() -> list[dict[str, Any]]:
    return [
        program("GOV-01", status="ongoing", period={"start": 2020, "end": 2023}),
        program(
            "GOV-02",
            status="planned",
            period={"start": 2021, "end": 2022},
            lead="Dinas Kebudayaan dan Pariwisata",
            milestones=[{"name": "Kajian selesai", "planned": "2022-03"}],
            updates=[{"date": "2025-01-10", "text": "Kajian dimulai."}],
        ),
        program(
            "ECO-01",
            dimension="economy",
            element="industri",
            status="ongoing",
            progress=0,
            period={"start": 2024, "end": 2030},
            budget=[{"year": 2025, "amount": 0, "source": "APBD"}],
            updates=[{"date": "2026-05-02", "text": "Rapat awal."}],
        ),
        program(
            "LIV-01",
            dimension="living",
            element="kesehatan",
            status="completed",
            lead="Dinas Kesehatan",
            budget=[{"year": 2024, "amount": 1_500_000_000, "source": "APBD"}],
        ),
        program("ENV-01", dimension="environment", element="sampah", status="stopped", lead="Dinas Lingkungan Hidup"),
        program(
            "SOC-01",
            dimension="society",
            element="komunitas",
            status="delayed",
            lead="Dinas Kebudayaan dan Pariwisata",
            updates=[{"date": "2025-08-01", "text": "Tertunda."}],
            indicators=[{"name": "Peserta", "unit": "orang", "target": 100, "year": 2027}],
        ),
    ]


def fixture_city() -> dict[str, Any]:
    return city(
        plan={"title": "Rencana Induk Smart City Kota Contoh 2020–2030", "start": 2020, "end": 2030},
        agencies={"Dinas Kebudayaan dan Pariwisata": ["budpar kota"]},
    )


@pytest.fixture(scope="module")
def honest_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(root: Path) -> None:
        project = make_project(root / "project", fixture_city(), fixture_programs())
        result = build_site(project, root / "site", env={"RENCANA_TODAY": TODAY})
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "honest", make) / "site"


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- pages


def test_unknown_figures_are_said_to_be_unknown_and_a_recorded_zero_stays_zero(honest_site: Path) -> None:
    unknown = text_of(page(honest_site, "governance/gov-01"))
    assert "Progres belum dilaporkan" in unknown
    assert "Total anggaran tidak tercatat" in unknown
    assert "0 %" not in unknown and "Rp 0" not in unknown
    zero = text_of(page(honest_site, "economy/eco-01"))
    assert "Progres 0 %" in zero and "Total anggaran Rp 0" in zero
    indicator = text_of(page(honest_site, "society/soc-01"))
    assert "belum dilaporkan" in indicator


def test_totals_say_what_they_cover(honest_site: Path) -> None:
    home = text_of(page(honest_site, ""))
    assert "Rp 1,5 miliar tercatat untuk 2 dari 6 program total anggaran" in home
    assert "Data per 30 Juni 2026: 3 program melewati jadwal, 3 tanpa laporan baru ( Pemantauan )" in home
    opd = text_of(page(honest_site, "opd"))
    assert "Dinas Kebudayaan dan Pariwisata 2 tidak tercatat" in opd
    assert "Jumlah 6 Rp 1,5 miliar tercatat untuk 2 dari 6 program" in opd
    governance = text_of(page(honest_site, "governance"))
    assert "anggaran tidak tercatat" in governance and "Rp 0" not in governance


def test_late_and_silent_are_computed_and_shown_where_programs_are_listed(honest_site: Path) -> None:
    program_page = text_of(page(honest_site, "governance/gov-02"))
    assert "Melewati jadwal: tahun terakhirnya 2022" in program_page
    assert "1 tahapan melewati jadwal" in program_page
    assert "Belum ada laporan sejak 10 Januari 2025" in program_page
    assert "Belum ada laporan sejak program dimulai (2020)" in text_of(page(honest_site, "governance/gov-01"))
    # A stored `delayed` keeps its label; it is not late by the calendar (its years run to 2026).
    delayed = text_of(page(honest_site, "society/soc-01"))
    assert "Terlambat" in delayed and "Melewati jadwal" not in delayed
    for listing in ("governance", "opd", "peta-jalan", "cetak"):
        assert "Melewati jadwal: tahun terakhirnya 2023" in text_of(page(honest_site, listing)), listing
    quiet = text_of(page(honest_site, "economy/eco-01"))
    assert "Melewati jadwal" not in quiet and "Belum ada laporan" not in quiet


def test_the_late_filter_is_in_the_search_index_of_late_programs_only(honest_site: Path) -> None:
    def monitoring_filters(address: str) -> list[str]:
        return re.findall(r'data-pagefind-filter="Keadaan">([^<]*)<', page(honest_site, address))

    assert "Melewati jadwal" in monitoring_filters("governance/gov-01")
    assert "Progres belum dilaporkan" in monitoring_filters("governance/gov-01")
    assert monitoring_filters("economy/eco-01") == []


def test_cetak_says_unknown_late_and_the_date(honest_site: Path) -> None:
    printed = text_of(page(honest_site, "cetak"))
    assert "Berjalan, progres belum dilaporkan" in printed
    assert "Total anggaran Rp 1,5 miliar tercatat untuk 2 dari 6 program" in printed
    assert "Melewati jadwal 3 program" in printed and "Data per 30 Juni 2026" in printed


def test_an_agency_is_shown_only_with_names_that_name_it(honest_site: Path) -> None:
    opd = page(honest_site, "opd")
    names = re.search(r"Dinas Kebudayaan dan Pariwisata</h2><p class=\"rc-agency__aka\">(.*?)</p>", opd)
    assert names is not None
    assert text_of(names.group(1)).strip() == "Dikenal juga sebagai budpar kota , Disbudpar"
    assert other_names("Dinas Kebudayaan dan Pariwisata") == ("Disbudpar",)
    assert other_names("Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah") == ()
    assert other_names("Dinas Kesehatan Kota Contoh") == ("Dinkes",)


# ---------------------------------------------------------------- Pemantauan


def _lists(html: str) -> dict[str, set[str]]:
    found = {}
    for anchor, body in re.findall(r'<h3 id="([^"]+)">.*?</h3><ul>(.*?)</ul>', html):
        found[anchor] = set(re.findall(r'<span class="rc-id">([^<]+)</span>', body))
    return found


def test_every_count_of_the_monitoring_page_links_to_exactly_its_programs(honest_site: Path) -> None:
    html = page(honest_site, "pemantauan")
    lists = _lists(html)
    for category, expected in LISTS.items():
        assert lists[category] == expected, category
        link = re.search(rf'<a href="#{category}">(\d+)</a>', html)
        assert link is not None and int(link.group(1)) == len(expected), category
    # Every linked count, in every table, equals the length of the list it opens.
    links = re.findall(r'<a href="#([a-z0-9-]+)">(\d+)</a>', html)
    assert len(links) > len(LISTS)
    for anchor, count in links:
        assert len(lists[anchor]) == int(count), anchor
    # Per dimension: governance has both late programs, and its list holds only those.
    assert lists["melewati-jadwal--governance"] == {"GOV-01", "GOV-02"}
    text = text_of(html)
    assert "Dinas Kebudayaan dan Pariwisata 2 0 2 0 0 2 1 2 1 Agustus 2025 0 dari 2" in text
    assert "Dinas Komunikasi dan Informatika 2 1 1 0 0 1 1 1 2 Mei 2026 1 dari 2" in text


def test_the_monitoring_page_of_a_region_without_programs_says_so(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", city(), [])
    result = build_site(project, tmp_path / "site", env={"RENCANA_TODAY": TODAY})
    assert result.returncode == 0, result.stderr
    assert "Belum ada program untuk dipantau." in text_of(page(tmp_path / "site", "pemantauan"))


# ---------------------------------------------------------------- open data and workbook


def test_the_open_data_has_null_for_unknown_and_the_computed_standing(honest_site: Path) -> None:
    document = json.loads((honest_site / "data" / "rencana-contoh.json").read_text(encoding="utf-8"))
    assert document["as_of"] == TODAY
    progress = {entry["id"]: entry["progress"] for entry in document["programs"]}
    for program_id, expected in EXPECTED.items():
        assert progress[program_id] == expected["progress"], program_id
        standing = document["standing"][program_id]
        assert standing["late"] is expected["late"], program_id
        assert standing["silent"] is expected["silent"], program_id
        assert standing["budget_total"] == expected["budget"], program_id
    assert document["standing"]["GOV-02"]["late_milestones"] == ["Kajian selesai"]
    rows = {
        row["id"]: row
        for row in csv.DictReader(io.StringIO((honest_site / "data" / "program-contoh.csv").read_text("utf-8")))
    }
    assert rows["GOV-01"]["progress"] == "" and rows["GOV-01"]["budget_total"] == ""
    assert rows["ECO-01"]["progress"] == "0" and rows["ECO-01"]["budget_total"] == "0"
    assert rows["GOV-01"]["late"] == "true" and rows["ECO-01"]["late"] == "false"
    assert rows["SOC-01"]["last_report"] == "2025-08-01" and rows["SOC-01"]["as_of"] == TODAY


def test_the_workbook_leaves_unknown_cells_empty_and_has_a_monitoring_sheet(honest_site: Path) -> None:
    book = load_workbook(honest_site / "data" / "rencana-contoh.xlsx")
    sheet = book["Program"]
    header = [cell.value for cell in sheet[1]]
    progress = header.index("Progres (%)")
    by_id = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert by_id["GOV-01"][progress].value is None
    assert by_id["ECO-01"][progress].value == 0
    monitoring = {row[0].value: [cell.value for cell in row] for row in book["Pemantauan"].iter_rows(min_row=2)}
    assert monitoring["GOV-01"][2] == "ya" and monitoring["ECO-01"][2] is None
    assert monitoring["GOV-01"][6] is None and monitoring["GOV-01"][7] is None  # unknown: empty
    assert monitoring["ECO-01"][7] == 0  # a recorded zero


def test_the_fixture_site_is_valid_html(honest_site: Path) -> None:
    errors = nu_errors(honest_site)
    assert not errors, "\n".join(errors)


# ---------------------------------------------------------------- check


def test_check_warns_of_late_programs_and_no_longer_demands_progress(tmp_path: Path) -> None:
    project = make_project(tmp_path, fixture_city(), fixture_programs())
    result = run_macros(project, "check", env={"RENCANA_TODAY": TODAY, "RENCANA_LANG": "en"})
    assert "needs `progress" not in result.stdout
    assert (
        "data/programs/contoh/gov-01.yml:9:8: warning: period.end: 2023 has passed and the status is still ongoing; "
        "write the status or the new end year"
    ) in result.stdout
    assert "milestones[0].planned: 2022-03 has passed" in result.stdout
    assert result.returncode == 0, result.stdout


def test_an_error_does_not_hide_the_regions_warnings(tmp_path: Path) -> None:
    broken = [*fixture_programs(), program("GOV-09", status="completed", progress=40)]
    project = make_project(tmp_path, fixture_city(), broken)
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^repo_url: .*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_macros(project, "check", env={"RENCANA_TODAY": TODAY})
    assert "a completed program is at 100" in result.stdout
    assert "feedback.repository: no feedback repository" in result.stdout
    assert result.returncode == 1


def test_a_character_reference_pages_may_not_hold_is_refused() -> None:
    with pytest.raises(ValueError, match=r"`&#14;`.*U\+000E"):
        Update.model_validate({"date": "2024-01-01", "text": "Rapat &#14; awal"})
    assert Update.model_validate({"date": "2024-01-01", "text": "Caf&#233;"}).text == "Caf&#233;"


# ---------------------------------------------------------------- the run's date


def test_check_and_build_take_the_same_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RENCANA_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path, fixture_city(), fixture_programs())
    commit_all(project, "plan", "2026-03-04T06:00:00+07:00")
    # Committed and unchanged: the last commit's day, in the committer's time zone.
    assert run_date(project).day.isoformat() == "2026-03-04"
    # Data being edited: the computer's clock, for check and build alike (build passes it on).
    (project / "data" / "programs" / "contoh" / "gov-01.yml").write_text(
        (project / "data" / "programs" / "contoh" / "gov-01.yml").read_text("utf-8") + "reviewed: 2026-03-05\n",
        encoding="utf-8",
    )
    edited = run_date(project)
    assert "clock" in edited.reason
    environment, note = build_environment(project)
    assert environment["RENCANA_TODAY"] == edited.day.isoformat()
    assert edited.day.isoformat() in note


@pytest.mark.parametrize(
    "address", ["", "pemantauan/", "opd/", "governance/", "governance/gov-01/", "economy/eco-01/", "cetak/"]
)
def test_the_pages_that_say_unknown_late_and_silent_pass_axe(
    honest_site: Path, chromium: Browser, address: str
) -> None:
    with serve(honest_site, site_sub_path(honest_site)) as base:
        browser_page = chromium.new_page()
        with_axe(browser_page.context)
        try:
            settle(browser_page, base + address)
            violations = axe_violations(browser_page)
        finally:
            browser_page.close()
    assert not violations, "\n".join(describe(address, violations))


def test_the_history_says_when_progress_was_not_reported() -> None:
    def change(before: int | None, after: int | None, *, added: bool = False) -> Change:
        when = "2026-01-02T10:00:00+07:00"
        return Change("GOV-01", "a" * 40, when, 1, added, ("ongoing", "ongoing"), (before, after), (), 0)

    assert change_parts(change(None, None, added=True)) == ["program baru (Berjalan, progres belum dilaporkan)"]
    assert change_parts(change(None, 40)) == ["progres belum dilaporkan → 40\u00a0%"]
    assert Version("a" * 40, "2026-01-02T10:00:00+07:00", 1, "ongoing", None, (), 0).progress_percent is None
    assert Version("a" * 40, "2026-01-02T10:00:00+07:00", 1, "planned", None, (), 0).progress_percent == 0


# ---------------------------------------------------------------- following without a server


@pytest.fixture(scope="module")
def followed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture region with a Git history: two commits, the second raising ECO-01's progress."""

    def make(root: Path) -> None:
        project = make_project(root / "project", fixture_city(), fixture_programs())
        commit_all(project, "plan", "2026-01-05T09:00:00+07:00")
        path = project / "data" / "programs" / "contoh" / "eco-01.yml"
        path.write_text(path.read_text("utf-8").replace("progress: 0", "progress: 35"), encoding="utf-8")
        commit_all(project, "ECO-01 reports", "2026-05-03T09:00:00+07:00")
        result = build_site(project, root / "site", env={"RENCANA_TODAY": TODAY})
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "followed", make) / "site"


def _feed_link(html: str) -> str:
    found = re.search(r'<p class="rc-follow"[^>]*>.*?<a href="([^"]+)" type="application/atom\+xml">', html)
    assert found is not None
    return found.group(1)


def test_a_program_and_an_agency_can_be_followed_by_their_own_feeds(followed_site: Path) -> None:
    program_page = page(followed_site, "economy/eco-01")
    assert "Ikuti" in text_of(program_page)
    feed_path = (followed_site / "economy" / "eco-01" / _feed_link(program_page)).resolve()
    assert feed_path == (followed_site / "umpan" / "program" / "eco-01.xml").resolve()
    feed = feed_path.read_text(encoding="utf-8")
    assert atom_problems(feed) == []
    titles = re.findall(r"<title>([^<]*)</title>", feed)
    assert titles[0] == "ECO-01 Program ECO-01"
    assert "ECO-01 Program ECO-01: progres 0 → 35\u00a0%" in titles
    # The agency's feed holds its programs' changes and no other agency's.
    opd = page(followed_site, "opd")
    section = opd.split('<h2 id="dinas-komunikasi-dan-informatika">')[1].split("</section>")[0]
    agency_feed = (followed_site / "opd" / _feed_link(section)).resolve()
    agency_xml = agency_feed.read_text(encoding="utf-8")
    assert atom_problems(agency_xml) == []
    entries = set(re.findall(r"<entry>\s*<id>[^<]*/(\w+-\d+)/[0-9a-f]+</id>", agency_xml))
    assert entries == {"GOV-01", "ECO-01"}


# ---------------------------------------------------------------- the rules, one by one


def test_the_month_arithmetic_of_silence_keeps_to_real_days() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 6) == date(2025, 7, 15)
    assert months_before(date(2024, 8, 29), 6) == date(2024, 2, 29)


def test_silence_is_counted_in_the_city_files_months_and_only_for_programs_under_way() -> None:
    today = date(2026, 6, 30)
    quiet = Program.model_validate(
        program("GOV-01", status="ongoing", updates=[{"date": "2025-10-01", "text": "Mulai."}])
    )
    assert standing(quiet, today).silent  # nine months, more than the default six
    assert not standing(quiet, today, report_months=12).silent
    done = Program.model_validate(program("GOV-02", status="completed"))
    assert not standing(done, today).silent
    not_begun = Program.model_validate(program("GOV-03", status="planned", period={"start": 2027, "end": 2028}))
    assert not standing(not_begun, today).silent
    assert City.model_validate(fixture_city() | {"report_months": 12}).report_months == 12


def test_a_milestone_is_overdue_from_the_month_after_its_month_or_the_day_after_its_day() -> None:
    june = Milestone(name="Uji", planned="2026-06")
    assert not milestone_overdue(june, date(2026, 6, 30))
    assert milestone_overdue(june, date(2026, 7, 1))
    day = Milestone(name="Uji", planned="2026-06-15")
    assert not milestone_overdue(day, date(2026, 6, 15)) and milestone_overdue(day, date(2026, 6, 16))
    assert not milestone_overdue(Milestone(name="Uji", planned="2026-01", done="2026-02"), date(2026, 7, 1))


def test_a_run_date_that_is_no_date_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path, fixture_city(), fixture_programs())
    result = run_macros(project, "check", env={"RENCANA_TODAY": "2025-02-30", "RENCANA_LANG": "en"})
    assert result.returncode == 2
    assert result.stderr == (
        "RENCANA_TODAY='2025-02-30': not a date; write YYYY-MM-DD, e.g. 2025-06-30, or unset the variable\n"
    )
    for command in (["check"], ["build", "--site-dir", str(tmp_path / "site")], ["serve", "--dev-addr", "127.0.0.1:9"]):
        result = run_macros(project, *command, env={"SOURCE_DATE_EPOCH": "2025-06-30", "RENCANA_LANG": "en"})
        assert result.returncode == 2
        assert result.stderr == (
            "SOURCE_DATE_EPOCH='2025-06-30': not a number of seconds since 1970-01-01 UTC; write a whole "
            "number, e.g. 1751241600, or unset the variable\n"
        )
    assert not (tmp_path / "site").exists()
    # `mkdocs build` without `make`: MkDocs' own error line, no traceback (it reads SOURCE_DATE_EPOCH itself).
    odd_epoch = {"RENCANA_TODAY": "2025-06-30", "SOURCE_DATE_EPOCH": "x1", "RENCANA_LANG": "en"}
    result = build_site(project, tmp_path / "site", env=odd_epoch)
    assert result.returncode == 1
    assert "ERROR   -  SOURCE_DATE_EPOCH='x1': not a number of seconds since 1970-01-01 UTC;" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_source_date_epoch_is_as_if_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `export SOURCE_DATE_EPOCH=` in a shell: MkDocs would fail on it (int('')) with a traceback.
    monkeypatch.delenv("RENCANA_TODAY", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " ")
    project = make_project(tmp_path, fixture_city(), fixture_programs())  # no Git: the computer's clock
    assert "clock" in run_date(project).reason
    environment, _ = build_environment(project)
    assert "SOURCE_DATE_EPOCH" not in environment
    assert environment["RENCANA_TODAY"] == run_date(project).day.isoformat()
    # A portal: its regions are built by workers, which used to keep the empty variable.
    portal = make_portal_project(tmp_path / "portal")
    result = run_macros(portal, "build", "--site-dir", str(tmp_path / "site"), env={"SOURCE_DATE_EPOCH": ""})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    result = build_site(project, tmp_path / "region-site", env={"SOURCE_DATE_EPOCH": ""})  # `mkdocs build`
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "region-site" / "index.html").is_file()
