"""Feedback links: where they point, what they pre-fill, and the block on a program page."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from macros.data.plan.model import City, Program
from macros.data.settings.rules import feedback_repository, repository_from_url
from macros.render.feedback import (
    channel_list,
    general_feedback,
    issues_search_url,
    new_issue_url,
    page_address,
    program_feedback,
    program_issues_query,
)
from tests.helpers import TEST_REPOSITORY, TEST_SITE_URL, build_site, city, macros_here, make_project, program

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


def make_program(**overrides: object) -> Program:
    return Program.model_validate(program(**overrides))


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)


def hrefs(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]


def run_cli(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return macros_here(["--root", str(root), *arguments])


@pytest.mark.parametrize(
    "title",
    [
        "Parkir & pasar: tata ulang",
        "Kanal #aduan warga 100% terjawab",
        "Program \"Kampung Pintar\" dan 'Desa Digital'",
        "Jalur sepeda Majapahit – fase 2 (é, ñ, 漢字, 🚲)",
        "Tanda + tambah = sama / garis ? tanya",
    ],
)
def test_new_issue_url_carries_the_title_and_program_exactly(title: str) -> None:
    url = new_issue_url(
        "kota/rencana", make_program(id="GOV-01", title=title), "https://kota.github.io/rencana/governance/gov-01/"
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/kota/rencana/issues/new")
    assert parts.fragment == ""  # a `#` in the title must not cut the URL short
    assert query_of(url) == {
        "template": ["masukan.yml"],
        "title": [f"[GOV-01] {title}"],
        "program": ["GOV-01"],
        "halaman": ["https://kota.github.io/rencana/governance/gov-01/"],
    }
    assert " " not in url and '"' not in url and "'" not in url
    assert url.isascii()


def test_new_issue_url_without_a_program_opens_the_plain_form() -> None:
    assert new_issue_url("kota/rencana") == "https://github.com/kota/rencana/issues/new?template=masukan.yml"


def test_program_search_finds_its_label_or_its_code_in_the_title() -> None:
    query = program_issues_query(make_program(id="LIV-03"))
    assert query == 'is:issue (label:"program:LIV-03" OR (in:title "[LIV-03]"))'
    url = issues_search_url("kota/rencana", query)
    assert url.startswith("https://github.com/kota/rencana/issues?q=")
    assert query_of(url) == {"q": [query]}


@pytest.mark.parametrize(
    ("repo_url", "expected"),
    [
        ("https://github.com/kota-mojokerto/rencana", "kota-mojokerto/rencana"),
        ("https://github.com/kota-mojokerto/rencana/", "kota-mojokerto/rencana"),
        ("https://github.com/kota-mojokerto/rencana.git", "kota-mojokerto/rencana"),
        ("https://www.github.com/Kota_X/rencana.id", "Kota_X/rencana.id"),
        ("https://gitlab.com/kota/rencana", None),
        ("https://github.com/kota", None),
        ("https://github.com/kota/rencana/tree/main", None),
        ("", None),
        (None, None),
    ],
)
def test_repository_is_read_from_a_github_repo_url_only(repo_url: str | None, expected: str | None) -> None:
    assert repository_from_url(repo_url) == expected


def test_city_setting_wins_over_repo_url() -> None:
    own = City.model_validate(city(feedback={"repository": "diskominfo/masukan"}))
    plain = City.model_validate(city())
    assert feedback_repository(own, "https://github.com/kota/rencana") == "diskominfo/masukan"
    assert feedback_repository(plain, "https://github.com/kota/rencana") == "kota/rencana"
    assert feedback_repository(plain, None) is None


def test_page_address_is_absolute_when_the_site_address_is_known() -> None:
    assert (
        page_address("https://kota.github.io/rencana/", "living/liv-01/")
        == "https://kota.github.io/rencana/living/liv-01/"
    )
    assert (
        page_address("https://kota.github.io/rencana", "living/liv-01/")
        == "https://kota.github.io/rencana/living/liv-01/"
    )
    assert page_address(None, "living/liv-01/") == "/living/liv-01/"


def test_program_block_has_both_links_and_the_linked_issues() -> None:
    block = program_feedback(make_program(id="GOV-01", issues=[25, 7, 7]), "kota/rencana", "/governance/gov-01/")
    links = hrefs(block)
    assert links[0].startswith("https://github.com/kota/rencana/issues/new?")
    assert links[1].startswith("https://github.com/kota/rencana/issues?q=")
    assert links[2] == "../../masukan/"
    assert links[3:] == ["https://github.com/kota/rencana/issues/7", "https://github.com/kota/rencana/issues/25"]
    assert ">Beri masukan<" in block and ">Lihat masukan<" in block
    assert re.findall(r"#(\d+)</a>", block) == ["7", "25"]


def test_program_block_escapes_data_in_its_links() -> None:
    block = program_feedback(make_program(title='"><script>alert(1)</script>'), "kota/rencana", None)
    assert "<script>" not in block
    assert hrefs(block)[0].startswith("https://github.com/kota/rencana/issues/new?")


def test_without_a_repository_there_is_no_button_only_the_other_channels() -> None:
    block = program_feedback(make_program(issues=[12]), None, "/governance/gov-01/")
    assert "github.com" not in block
    assert "rc-button" not in block
    assert hrefs(block) == ["../../masukan/"]
    assert "rc-button" not in general_feedback(None)


def test_channels_are_listed_with_their_notes_and_only_safe_links() -> None:
    data = city(
        feedback={
            "channels": [
                {"name": "SP4N-LAPOR!", "url": "https://www.lapor.go.id", "note": "Kanal <nasional>."},
                {"name": "Surel", "url": "mailto:info@example.go.id"},
            ]
        }
    )
    html = channel_list(City.model_validate(data))
    assert hrefs(html) == ["https://www.lapor.go.id", "mailto:info@example.go.id"]
    assert "Kanal &lt;nasional&gt;." in html
    assert "rc-empty" in channel_list(City.model_validate(city()))


def test_the_example_city_gets_its_feedback_block(sample_site: Path) -> None:
    html = (sample_site / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section class="rc-section" aria-labelledby="masukan">.*?</section>', html, re.DOTALL)
    assert section, "no Masukan section"
    links = hrefs(section[0])
    new_issue = query_of(links[0])
    assert new_issue["program"] == ["GOV-01"]
    assert new_issue["title"] == ["[GOV-01] Curhat Ning Ita: layanan pengaduan satu pintu"]
    assert new_issue["halaman"] == [TEST_SITE_URL + "governance/gov-01/"]
    assert f"https://github.com/{TEST_REPOSITORY}/issues/12" in links
    assert '<a href="#masukan"' in html  # listed in the page's table of contents


def test_every_program_page_has_the_block(sample_site: Path) -> None:
    pages = sorted(sample_site.glob("*/*/index.html"))
    assert len(pages) >= 36
    for page in pages:
        html = page.read_text(encoding="utf-8")
        program_id = re.search(r'<h1><span class="rc-id">([^<]+)</span>', html)[1]
        assert f"program={program_id}&amp;" in html, page
        assert "Lihat masukan" in html, page


def test_the_masukan_page_lists_the_other_channels(sample_site: Path) -> None:
    html = (sample_site / "masukan" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.lapor.go.id"' in html
    assert 'href="mailto:diskominfo@example.go.id"' in html
    assert "Beri masukan umum" in html
    assert "label%3A%22masukan%22" in html


def test_built_page_pre_fills_the_form_of_the_city_repository(tmp_path: Path) -> None:
    title = 'Parkir & pasar #1: "Alun-alun" – tahap é'
    project = make_project(
        tmp_path / "p",
        city(feedback={"repository": "diskominfo/masukan"}),
        [program("LIV-01", dimension="living", element="mobilitas", title=title, issues=[3])],
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "living" / "liv-01" / "index.html").read_text(encoding="utf-8")
    new_issue = next(href for href in hrefs(html) if "/issues/new?" in href)
    assert new_issue.startswith("https://github.com/diskominfo/masukan/issues/new?")
    assert query_of(new_issue)["title"] == [f"[LIV-01] {title}"]
    assert "daerah" not in query_of(new_issue)  # one region in the repository: no region field, as ever
    assert query_of(new_issue)["halaman"] == [TEST_SITE_URL + "living/liv-01/"]
    assert "https://github.com/diskominfo/masukan/issues/3" in hrefs(html)


def test_without_any_repository_no_button_is_shown_and_check_warns(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", city(), [program()])
    config = project / "mkdocs.yml"
    settings = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^(repo_url|repo_name|edit_uri):.*\n", "", settings), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    assert 'aria-labelledby="masukan"' in html
    assert "rc-button" not in html and "github.com" not in html
    assert "no feedback repository" in result.stderr

    check = run_cli(project, "check")
    assert check.returncode == 0, check.stdout
    assert (
        "data/cities/contoh.yml:1:1: warning: feedback.repository: no feedback repository: "
        "there is no repo_url in mkdocs.yml"
    ) in check.stdout


def test_search_skips_the_block_that_every_program_page_repeats() -> None:
    for repository in ("kota/rencana", None):
        block = program_feedback(make_program(), repository, None)
        assert block.startswith('<div class="rc-feedback" data-pagefind-ignore>')
