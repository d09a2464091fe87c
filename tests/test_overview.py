"""Beranda: the key figures match the YAML files, for the example city and another one."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from macros.render.text import rupiah
from tests.helpers import yaml_city, yaml_programs

STATUS_WORDS = {
    "planned": "Direncanakan",
    "ongoing": "Berjalan",
    "completed": "Selesai",
    "delayed": "Terlambat",
    "stopped": "Dihentikan",
}
SOURCE_WORDS = {
    "APBD": "APBD",
    "APBD-Provinsi": "APBD Provinsi",
    "APBN": "APBN",
    "KPBU": "KPBU",
    "CSR": "CSR",
    "Lainnya": "Lainnya",
}


@pytest.fixture
def home(each_city: tuple[Path, str, Path]) -> tuple[list[dict], dict, str]:
    """(programs and city read from YAML, the built home page) for each city."""
    project, slug, site = each_city
    return yaml_programs(project, slug), yaml_city(project, slug), (site / "index.html").read_text(encoding="utf-8")


def figure(html: str, label: str) -> str:
    found = re.search(
        rf'<strong class="rc-figure__value">([^<]+)</strong> '
        rf'<span class="rc-figure__label">{label}</span>',
        html,
    )
    assert found, label
    return found.group(1)


def bars(html: str, title: str) -> dict[str, str]:
    """Label → figure of one bar chart, tags stripped."""
    section = re.search(rf"<h3>{title}</h3><ul class=\"rc-bars\">(.*?)</ul>", html)
    assert section, title
    pairs = re.findall(
        r'<span class="rc-bars__label">(.*?)</span> <span class="rc-bars__value">(.*?)</span>', section.group(1)
    )
    return {re.sub(r"<[^>]+>", "", label): value for label, value in pairs}


def test_program_totals_quick_wins_and_share_completed(home: tuple[list[dict], dict, str]) -> None:
    programs, _, html = home
    assert figure(html, "program") == str(len(programs))
    assert figure(html, "quick win") == str(sum(1 for p in programs if p["horizon"] == "quick-win"))
    completed = sum(1 for p in programs if p["status"] == "completed")
    assert figure(html, "program selesai") == f"{round(100 * completed / len(programs))} %"
    budgeted = [p for p in programs if p.get("budget")]
    total = sum(line["amount"] for p in budgeted for line in p["budget"])
    covers = "" if len(budgeted) == len(programs) else f" tercatat untuk {len(budgeted)} dari {len(programs)} program"
    assert figure(html, "total anggaran") == rupiah(total) + covers


def test_programs_per_status(home: tuple[list[dict], dict, str]) -> None:
    programs, _, html = home
    counts = Counter(p["status"] for p in programs)
    for status, word in STATUS_WORDS.items():
        assert f'<span class="rc-status rc-status--{status}">{word}</span> <strong>{counts[status]}</strong>' in html


def test_programs_per_dimension_in_the_citys_order(home: tuple[list[dict], dict, str]) -> None:
    programs, city, html = home
    counts = Counter(p["dimension"] for p in programs)
    shown = bars(html, "Program per dimensi")
    if city.get("dimensions"):
        labels = {key: d["label"].replace("&", "&amp;") for key, d in city["dimensions"].items()}
    else:
        labels = {
            "governance": "Smart Governance",
            "branding": "Smart Branding",
            "economy": "Smart Economy",
            "living": "Smart Living",
            "society": "Smart Society",
            "environment": "Smart Environment",
        }
    assert list(shown) == list(labels.values())
    for key, label in labels.items():
        assert shown[label] == f"{counts[key]} program"


def test_budget_by_source_and_by_year(home: tuple[list[dict], dict, str]) -> None:
    programs, _, html = home
    by_source: dict[str, int] = defaultdict(int)
    by_year: dict[int, int] = defaultdict(int)
    for entry in programs:
        for line in entry.get("budget", []):
            by_source[line["source"]] += line["amount"]
            by_year[line["year"]] += line["amount"]
    total = sum(by_source.values())
    sources = bars(html, "Anggaran per sumber dana")
    assert set(sources) == {SOURCE_WORDS[source] for source in by_source}
    for source, amount in by_source.items():
        assert sources[SOURCE_WORDS[source]] == f"{rupiah(amount)} ({round(100 * amount / total)} %)"
    assert bars(html, "Anggaran per tahun") == {str(year): rupiah(amount) for year, amount in sorted(by_year.items())}


def test_home_links_the_glance_pages(sample_site: Path) -> None:
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    for href in ('href="peta-jalan/"', 'href="opd/"', 'href="cetak/"'):
        assert href in html
    about = (sample_site / "tentang" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cetak/"' in about and 'href="../data/"' in about


def test_no_page_keeps_a_marker_of_a_deferred_block(each_city: tuple[Path, str, Path]) -> None:
    _, _, site = each_city
    for page in site.rglob("*.html"):
        assert "rc-deferred" not in page.read_text(encoding="utf-8"), page
