"""Each program's history from Git: the Riwayat section, the Perubahan page and feed.xml.

A fixture repository gets a scripted history (status and progress changing over several
commits, in the UTC+7 time zone of Indonesia, a file moved to another folder, commits
that change nothing a citizen sees); a real build of it must show those commits' dates.
The same build from a copy without `.git`, and from a shallow clone, succeeds without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from macros.data.history.log import NoHistory, read_history, read_version
from tests.atom import atom_problems
from tests.helpers import SUBPATH_SITE_URL, build_site, city, commit_all, make_project, program, write_yaml

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


SLUG = "contoh"
PROGRAMS = Path("data/programs") / SLUG
# "Today" of the builds: the day after the last commit below.
TODAY_EPOCH = "1735171200"  # 2024-12-26 00:00 UTC


def edit(project: Path, name: str, **changes: object) -> None:
    path = next((project / PROGRAMS).rglob(f"{name}.yml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    write_yaml(path, data)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose data has a history of six commits (one of them outside the data)."""
    root = tmp_path_factory.mktemp("history") / "project"
    milestones = [{"name": "Uji coba", "planned": "2024-05"}, {"name": "Peluncuran", "planned": "2024-11"}]
    make_project(
        root,
        city(feedback={"repository": "kota-contoh/rencana"}),
        [program("GOV-01", milestones=milestones), program("GOV-02", title="Data terpadu")],
        slug=SLUG,
    )
    commit_all(root, "Rencana awal", "2024-01-10T09:00:00+07:00")
    edit(
        root,
        "gov-01",
        status="ongoing",
        progress=20,
        updates=[{"date": "2024-03-01", "text": "Uji coba **dimulai** di tiga kelurahan."}],
    )
    commit_all(root, "GOV-01 berjalan", "2024-03-02T10:00:00+07:00")
    (root / "docs" / "tentang.md").write_text("# Tentang\n\nDiperbarui.\n", encoding="utf-8")
    commit_all(root, "Halaman tentang", "2024-04-01T08:00:00+07:00")
    milestones[0]["done"] = "2024-06-10"
    edit(root, "gov-01", progress=45, milestones=milestones)
    commit_all(root, "GOV-01 uji coba selesai", "2024-06-15T16:30:00+07:00")
    # The file moves to a sub-folder and changes in the same commit: its history follows it.
    moved = root / PROGRAMS / "tata-kelola" / "gov-02.yml"
    moved.parent.mkdir()
    (root / PROGRAMS / "gov-02.yml").rename(moved)
    edit(root, "gov-02", status="ongoing", progress=10)
    commit_all(root, "GOV-02 pindah folder dan berjalan", "2024-09-01T06:15:00+07:00")
    edit(root, "gov-02", summary="Ringkasan yang lebih jelas.")
    commit_all(root, "GOV-02 ringkasan", "2024-10-01T07:15:00+07:00")
    milestones[1]["done"] = "2024-12-20"
    edit(root, "gov-01", status="completed", progress=100, milestones=milestones)
    commit_all(root, "GOV-01 selesai", "2024-12-20T23:30:00+07:00")
    return root


def build(project: Path, site: Path, site_url: str | None = SUBPATH_SITE_URL) -> subprocess.CompletedProcess[str]:
    if site_url is None:
        config = project / "mkdocs.yml"
        config.write_text(re.sub(r"(?m)^site_url: .*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        config = project / "mkdocs.yml"
        config.write_text(
            re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", config.read_text(encoding="utf-8")),
            encoding="utf-8",
        )
    return build_site(project, site, env={"SOURCE_DATE_EPOCH": TODAY_EPOCH})


@pytest.fixture(scope="module")
def site(repository: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history-site") / "site"
    result = build(repository, folder)
    assert result.returncode == 0, result.stderr
    assert "History:" not in result.stderr
    return folder


def page(site: Path, address: str) -> str:
    """The page's HTML, with the no-break spaces of "20 %" read as spaces."""
    return (site / address / "index.html").read_text(encoding="utf-8").replace("\u00a0", " ")


def riwayat_rows(html: str) -> list[tuple[str, str, str]]:
    """(anchor, date, change) of each row of the Riwayat table, top to bottom."""
    section = html.split('<h2 id="riwayat">', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<time id="([^"]+)" datetime="([^"]+)">[^<]*</time></td><td[^>]*>([^<]*)</td>', section)


def commit_of(repository: Path, message: str) -> str:
    log = subprocess.run(
        ["git", "-C", str(repository), "log", "--format=%H %s"], capture_output=True, text=True, check=True
    ).stdout
    return next(line.split(" ", 1)[0] for line in log.splitlines() if line.split(" ", 1)[1] == message)


# ---------------------------------------------------------------- Riwayat


def test_riwayat_lists_each_change_with_its_commits_date_newest_first(site: Path, repository: Path) -> None:
    rows = riwayat_rows(page(site, "governance/gov-01"))
    assert [(date, text) for _, date, text in rows] == [
        ("2024-12-20", "Status Berjalan → Selesai, progres 45 → 100 %, 1 tahapan tercapai"),
        ("2024-06-15", "Progres 20 → 45 %, 1 tahapan tercapai"),
        ("2024-03-02", "Status Direncanakan → Berjalan, progres 0 → 20 %, 1 kabar baru"),
        ("2024-01-10", "Program baru (Direncanakan, progres 0 %)"),
    ]
    assert rows[0][0] == "riwayat-" + commit_of(repository, "GOV-01 selesai")[:12]


def test_a_figure_and_its_percent_sign_stay_on_one_line(site: Path) -> None:
    html = (site / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    assert "progres 45 → 100\u00a0%, 1 tahapan tercapai" in html


def test_riwayat_dates_are_the_committers_local_dates(site: Path) -> None:
    # GOV-02 moved on 2024-09-01 at 06:15 in UTC+7, still 31 August in UTC: the page says the committer's day.
    html = page(site, "governance/gov-02")
    assert '<time id="riwayat-' in html and 'datetime="2024-09-01">1 September 2024</time>' in html
    assert "2024-08-31" not in html


def test_riwayat_follows_a_file_moved_to_another_folder(site: Path) -> None:
    rows = riwayat_rows(page(site, "governance/gov-02"))
    assert [(date, text) for _, date, text in rows] == [
        ("2024-09-01", "Status Direncanakan → Berjalan, progres 0 → 10 %"),
        ("2024-01-10", "Program baru (Direncanakan, progres 0 %)"),
    ]


def test_riwayat_has_a_step_chart_whose_name_reads_every_point(site: Path) -> None:
    html = page(site, "governance/gov-01")
    chart = re.search(r'<svg class="rc-step" role="img" aria-label="([^"]+)"', html)
    assert chart is not None
    assert chart.group(1) == (
        "Progres GOV-01 dari waktu ke waktu: 10 Januari 2024 0 %; 2 Maret 2024 20 %; "
        "15 Juni 2024 45 %; 20 Desember 2024 100 %"
    )
    assert 'class="rc-step__line" d="M' in html
    assert 'aria-label="Progres GOV-02 dari waktu ke waktu: 10 Januari 2024 0 %; 1 September 2024 10 %"' in page(
        site, "governance/gov-02"
    )


def test_a_program_with_one_version_has_its_row_and_no_chart(site: Path, repository: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repository), str(clone)], check=True)
    shutil.copy(repository / "mkdocs.yml", clone / "mkdocs.yml")
    write_yaml(clone / PROGRAMS / "gov-03.yml", program("GOV-03"))
    commit_all(clone, "GOV-03 baru", "2024-12-24T09:00:00+07:00")
    result = build(clone, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "governance/gov-03")
    assert [(d, text) for _, d, text in riwayat_rows(html)] == [
        ("2024-12-24", "Program baru (Direncanakan, progres 0 %)")
    ]
    assert 'class="rc-step"' not in html


def test_riwayat_sits_in_the_table_of_contents(site: Path) -> None:
    html = page(site, "governance/gov-01")
    assert 'href="#riwayat"' in html


# ---------------------------------------------------------------- Perubahan and the feed


def test_perubahan_lists_the_latest_changes_newest_first_by_day(site: Path) -> None:
    html = page(site, "perubahan")
    days = re.findall(r'<h2 id="tanggal-([0-9-]+)">', html)
    assert days == ["2024-12-20", "2024-09-01", "2024-06-15", "2024-03-02", "2024-01-10"]
    first_day = html.split('id="tanggal-2024-12-20"', 1)[1].split("</ul>", 1)[0]
    assert 'href="../governance/gov-01/#riwayat-' in first_day
    assert "Status Berjalan → Selesai, progres 45 → 100 %, 1 tahapan tercapai." in first_day
    march = html.split('id="tanggal-2024-03-02"', 1)[1].split("</ul>", 1)[0]
    # The new update's text is there too, as the program page shows it.
    assert "Uji coba <strong>dimulai</strong> di tiga kelurahan." in march
    assert 'href="../feed.xml" type="application/atom+xml"' in html


def test_every_page_links_the_feed_and_beranda_points_to_perubahan(site: Path) -> None:
    for address in ("", "perubahan", "governance/gov-01", "governance"):
        assert '<link rel="alternate" type="application/atom+xml" title="Perubahan rencana" href="' in page(
            site, address
        ), address
    home = page(site, "")
    assert '<p class="rc-follow">' in home and 'href="perubahan/"' in home and 'href="feed.xml"' in home
    assert 'href="perubahan/" class="md-nav__link' in home


def test_the_feed_is_valid_atom_with_the_commits_dates_and_absolute_links(site: Path, repository: Path) -> None:
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert atom_problems(feed) == []
    feed = feed.replace("\u00a0", " ")
    entries = re.findall(r"<entry>(.*?)</entry>", feed, re.DOTALL)
    updated = [re.search(r"<updated>([^<]+)</updated>", entry).group(1) for entry in entries]  # type: ignore[union-attr]
    assert updated == [
        "2024-12-20T23:30:00+07:00",
        "2024-09-01T06:15:00+07:00",
        "2024-06-15T16:30:00+07:00",
        "2024-03-02T10:00:00+07:00",
        "2024-01-10T09:00:00+07:00",
        "2024-01-10T09:00:00+07:00",
    ]
    assert "<updated>2024-12-20T23:30:00+07:00</updated>\n  <author>" in feed
    last = commit_of(repository, "GOV-01 selesai")
    assert f"<id>tag:example.github.io,2024:contoh/GOV-01/{last}</id>" in entries[0]
    assert f'href="https://example.github.io/rencana/governance/gov-01/#riwayat-{last[:12]}"' in entries[0]
    assert '<link rel="self" type="application/atom+xml" href="https://example.github.io/rencana/feed.xml" />' in feed
    assert (
        "<title>GOV-01 Program GOV-01: status Berjalan → Selesai, progres 45 → 100 %, 1 tahapan tercapai</title>"
        in (entries[0])
    )


def test_the_atom_checker_finds_what_breaks_a_feed() -> None:
    broken = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><id>relative/id</id><title>T</title>'
        "<updated>2024-01-01 10:00</updated>"
        "<entry><id>tag:a,2024:x</id><title>A</title><updated>2024-01-01T00:00:00Z</updated></entry>"
        "<entry><id>tag:a,2024:x</id><title>B</title><updated>2024-01-01T00:00:00Z</updated>"
        '<link href="/relative/"/></entry></feed>'
    )
    assert atom_problems(broken) == [
        "feed: id 'relative/id' is not an absolute IRI",
        "feed/updated: '2024-01-01 10:00' is not an RFC 3339 date-time",
        "feed: no atom:author, and an entry has none either",
        "feed: no link rel=self (RFC 4287 says a feed SHOULD have one)",
        "entry[0]: neither content nor a link rel=alternate",
        "entry[1]: id 'tag:a,2024:x' is used twice",
        "entry[1]/link: href '/relative/' is not absolute",
    ]


@pytest.mark.slow
def test_the_same_commit_gives_the_same_feed_and_pages_from_another_clone(
    site: Path, repository: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repository), str(clone)], check=True)
    shutil.copy(repository / "mkdocs.yml", clone / "mkdocs.yml")  # the same config, with this checkout's hooks
    result = build(clone, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for name in ("feed.xml", "perubahan/index.html", "governance/gov-01/index.html", "index.html"):
        assert (tmp_path / "site" / name).read_bytes() == (site / name).read_bytes(), name


# ---------------------------------------------------------------- without the history


def assert_no_history(folder: Path, result: subprocess.CompletedProcess[str], reason: str) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("History: ") == 1
    assert f"History: {reason}, so program pages have no Riwayat section" in result.stderr
    assert not (folder / "feed.xml").exists()
    assert not (folder / "perubahan").exists()
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert "rc-follow" not in home and "perubahan/" not in home and "application/atom+xml" not in home
    assert 'id="riwayat"' not in (folder / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_copy_without_git_builds_without_riwayat_perubahan_or_feed(repository: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(repository, tmp_path / "tarball", ignore=shutil.ignore_patterns(".git"))
    result = build(Path(copy), tmp_path / "site")
    assert_no_history(tmp_path / "site", result, "not a Git checkout with commits (no .git folder)")


@pytest.mark.slow
def test_a_shallow_clone_builds_without_riwayat_and_says_why(repository: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True)
    shutil.copy(repository / "mkdocs.yml", clone / "mkdocs.yml")
    result = build(clone, tmp_path / "site")
    assert_no_history(
        tmp_path / "site",
        result,
        "a shallow clone, which lacks the earlier commits (check out with fetch-depth: 0)",
    )


def test_without_site_url_there_is_history_but_no_feed(repository: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repository), str(clone)], check=True)
    shutil.copy(repository / "mkdocs.yml", clone / "mkdocs.yml")
    result = build(clone, tmp_path / "site", site_url=None)
    assert result.returncode == 0, result.stderr
    assert "History: no site_url in mkdocs.yml, so there is no feed.xml" in result.stderr
    assert not (tmp_path / "site" / "feed.xml").exists()
    assert riwayat_rows(page(tmp_path / "site", "governance/gov-01"))
    assert "umpan Atom" not in page(tmp_path / "site", "perubahan")


# ---------------------------------------------------------------- reading versions


def test_a_version_is_read_from_its_lines_not_from_text_inside_values() -> None:
    text = b"""id: GOV-01
description: |
  status: completed
  progress: 99
status: ongoing   # komentar
progress: 40
milestones:
- name: A
  planned: "2024-01"
  done: "2024-02-01"
- name: B
  planned: "2024-05"
updates:
  - date: "2024-03-01"
    text: |
      - date: 2020-01-01
        done: 2020-01-01
  - text: Tanpa tanggal dulu
    date: 2024-04-02
"""
    version = read_version(text, "abc", "2024-05-01T00:00:00+07:00")
    assert (version.status, version.progress) == ("ongoing", 40)
    assert version.update_dates == ("2024-03-01", "2024-04-02")
    assert version.milestones_done == 1


def test_no_history_outside_a_git_checkout(tmp_path: Path) -> None:
    assert read_history(tmp_path, SLUG, {}) == NoHistory("not a Git checkout with commits (no .git folder)")
