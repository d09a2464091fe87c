"""Peta Jalan: every program is a linked bar on the year axis, with its facts in words and in a table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import yaml_city, yaml_programs

SVG = "{http://www.w3.org/2000/svg}"
STATUS_WORDS = {
    "planned": "Direncanakan",
    "ongoing": "Berjalan",
    "completed": "Selesai",
    "delayed": "Terlambat",
    "stopped": "Dihentikan",
}


@pytest.fixture
def roadmap(each_city: tuple[Path, str, Path]) -> tuple[list[dict], dict, str]:
    project, slug, site = each_city
    html = (site / "peta-jalan" / "index.html").read_text(encoding="utf-8")
    return yaml_programs(project, slug), yaml_city(project, slug), html


def charts(html: str) -> dict[str, ET.Element]:
    """Dimension key → its chart, parsed as XML (the charts are written as well-formed SVG)."""
    found = {}
    for match in re.finditer(r'<svg class="rc-roadmap__chart".*?</svg>', html, re.S):
        svg = ET.fromstring(match.group(0))
        key = re.match(r"rc-roadmap-(.+)-title", svg.get("aria-labelledby", "")).group(1)
        found[key] = svg
    return found


def years_text(entry: dict) -> str:
    start, end = entry["period"]["start"], entry["period"]["end"]
    return str(start) if start == end else f"{start}–{end}"


def test_one_chart_per_dimension_with_every_program_as_a_link(roadmap: tuple[list[dict], dict, str]) -> None:
    programs, city, html = roadmap
    shown = charts(html)
    dimensions = (
        list(city["dimensions"])
        if city.get("dimensions")
        else ["governance", "branding", "economy", "living", "society", "environment"]
    )
    assert list(shown) == dimensions
    for entry in programs:
        svg = shown[entry["dimension"]]
        href = f"../{entry['dimension']}/{entry['id'].lower()}/"
        links = [a for a in svg.iter(f"{SVG}a") if a.get("href") == href]
        assert len(links) == 1, entry["id"]
        link = links[0]
        assert link.get("aria-label") == (
            f"{entry['id']} {entry['title']}, {STATUS_WORDS[entry['status']]}, {years_text(entry)}"
        )
        visible = "".join(link.find(f"{SVG}text").itertext())
        assert visible.startswith(entry["id"] + " ")
        assert visible.endswith(f" · {STATUS_WORDS[entry['status']]}")  # the status in words, not colour alone
        bar = link.find(f"{SVG}rect[@class='rc-roadmap__bar rc-roadmap__bar--{entry['status']}']")
        assert bar is not None, entry["id"]


def test_each_chart_is_named_and_has_a_table_with_the_same_facts(roadmap: tuple[list[dict], dict, str]) -> None:
    programs, _, html = roadmap
    for key, svg in charts(html).items():
        assert svg.get("role") == "group"
        title = svg.find(f"{SVG}title")
        assert title is not None and title.get("id") == svg.get("aria-labelledby")
        count = sum(1 for entry in programs if entry["dimension"] == key)
        assert f": {count} program, " in title.text
    for entry in programs:
        row = (
            f'<tr><td><a href="../{entry["dimension"]}/{entry["id"].lower()}/"><span class="rc-id">{entry["id"]}'
            f"</span> "
        )
        assert row in html, entry["id"]
        after = html[html.index(row) :]
        cells = f"<td>{years_text(entry)}</td><td>{STATUS_WORDS[entry['status']]}</td>"
        assert after.split("</tr>")[0].count(cells) == 1


def test_bars_sit_on_a_shared_year_axis_widened_to_every_program(small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    shown = charts((site / "peta-jalan" / "index.html").read_text(encoding="utf-8"))

    def bar(key: str, program_id: str) -> tuple[float, float]:
        for link in shown[key].iter(f"{SVG}a"):
            if link.get("href", "").endswith(f"/{program_id.lower()}/"):
                rect = link.find(f"{SVG}rect[@rx]")
                return float(rect.get("x")), float(rect.get("width"))
        raise AssertionError(program_id)

    # The plan runs 2024–2033; TK-2 starts in 2022 (a warning), so the axis starts there.
    for svg in shown.values():
        labels = [text.text for text in svg.iter(f"{SVG}text") if text.get("class") == "rc-roadmap__year"]
        assert labels == [str(year) for year in range(2022, 2034)]
    one_year_x, one_year = bar("tata-kelola", "TK-1")  # 2024
    six_years_x, six_years = bar("tata-kelola", "TK-2")  # 2022–2027
    assert six_years == pytest.approx(6 * one_year, abs=0.2)
    assert one_year_x - six_years_x == pytest.approx(2 * one_year, abs=0.2)
    lh2_x, lh2 = bar("lingkungan", "LH-2")  # 2029–2033, in the other dimension's chart
    assert lh2_x - six_years_x == pytest.approx(7 * one_year, abs=0.2) and lh2 == pytest.approx(5 * one_year, abs=0.2)


def test_legend_explains_every_status_with_its_pattern(sample_site: Path) -> None:
    html = (sample_site / "peta-jalan" / "index.html").read_text(encoding="utf-8")
    legend = re.search(r'<ul class="rc-roadmap__legend".*?</ul>', html).group(0)
    for status, word in STATUS_WORDS.items():
        assert f"rc-roadmap__bar--{status}" in legend and word in legend
    assert html.count('<pattern id="rc-pattern-ongoing"') == 1  # defined once, used by every chart
    assert "<p><svg" not in html and "</section></p>" not in html  # block HTML, not wrapped by Markdown


def test_text_from_the_data_is_escaped_inside_the_svg(small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    html = (site / "peta-jalan" / "index.html").read_text(encoding="utf-8")
    assert "Peta jalan Lingkungan &amp; Air" in html
    assert 'aria-label="TK-2 =HYPERLINK(&quot;http://contoh.test&quot;), Terlambat, 2022–2027"' in html
