"""Peta Jalan: every program is a linked row with its bar on the year axis, its facts in words and in a table."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from macros.render.roadmap import bar_position
from tests.helpers import yaml_city, yaml_programs

STATUS_WORDS = {
    "planned": "Direncanakan",
    "ongoing": "Berjalan",
    "completed": "Selesai",
    "delayed": "Terlambat",
    "stopped": "Dihentikan",
}
DEFAULT_DIMENSIONS = ["governance", "branding", "economy", "living", "society", "environment"]


@pytest.fixture
def roadmap(each_city: tuple[Path, str, Path]) -> tuple[list[dict], dict, str]:
    project, slug, site = each_city
    html = (site / "peta-jalan" / "index.html").read_text(encoding="utf-8")
    return yaml_programs(project, slug), yaml_city(project, slug), html


def charts(html: str) -> dict[str, str]:
    """Dimension key → the HTML of its chart."""
    found = re.findall(
        r'<section class="rc-roadmap" aria-labelledby="([^"]+)".*?(<div class="rc-roadmap__chart.*?</ol></div>)',
        html,
        re.S,
    )
    return dict(found)


def rows(chart: str) -> dict[str, tuple[str, str, str]]:
    """Link address → (its visible text, its bar's class, its bar's style) in `chart`."""
    found = re.findall(
        r'<li><a class="rc-roadmap__link" href="([^"]+)">(.*?)<span class="rc-roadmap__track" aria-hidden="true">'
        r'<span class="([^"]+)" style="([^"]+)"></span></span></a></li>',
        chart,
    )
    return {
        href: (" ".join(html_module.unescape(re.sub(r"<[^>]+>", "", text)).split()), css, style)
        for href, text, css, style in found
    }


def years_text(entry: dict) -> str:
    start, end = entry["period"]["start"], entry["period"]["end"]
    return str(start) if start == end else f"{start}–{end}"


def test_one_chart_per_dimension_with_every_program_as_a_row_named_by_its_text(
    roadmap: tuple[list[dict], dict, str],
) -> None:
    programs, city, html = roadmap
    shown = charts(html)
    assert list(shown) == (list(city["dimensions"]) if city.get("dimensions") else DEFAULT_DIMENSIONS)
    for entry in programs:
        chart_rows = rows(shown[entry["dimension"]])
        href = f"../{entry['dimension']}/{entry['id'].lower()}/"
        assert href in chart_rows, entry["id"]
        text, css, _ = chart_rows[href]
        # The whole title, the status in words (not colour alone) and the years: all visible, all the link's name.
        assert text == f"{entry['id']} {entry['title']} {STATUS_WORDS[entry['status']]} · {years_text(entry)}"
        assert css == f"rc-roadmap__bar rc-roadmap__bar--{entry['status']}"
    assert "aria-label=" not in "".join(re.findall(r'<a class="rc-roadmap__link"[^>]*>', html))
    assert "<svg" not in html.split('<div class="rc-roadmap-page">', 1)[1].split("</article>", 1)[0]


def test_each_chart_is_named_and_has_a_table_with_the_same_facts(roadmap: tuple[list[dict], dict, str]) -> None:
    programs, _, html = roadmap
    for key, chart in charts(html).items():
        count = sum(1 for entry in programs if entry["dimension"] == key)
        assert re.search(rf'<ol class="rc-roadmap__rows" aria-label="Peta jalan [^"]+: {count} program, ', chart)
        assert len(rows(chart)) == count
    for entry in programs:
        row = (
            f'<tr><td data-label="Program"><a href="../{entry["dimension"]}/{entry["id"].lower()}/">'
            f'<span class="rc-id">{entry["id"]}'
            f"</span> "
        )
        assert row in html, entry["id"]
        after = html[html.index(row) :]
        cells = (
            f'<td data-label="Tahun">{years_text(entry)}</td>'
            f'<td data-label="Status">{STATUS_WORDS[entry["status"]]}</td>'
        )
        assert after.split("</tr>")[0].count(cells) == 1


def test_bars_sit_on_a_shared_year_axis_widened_to_every_program(small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    shown = charts((site / "peta-jalan" / "index.html").read_text(encoding="utf-8"))

    def bar(key: str, program_id: str) -> tuple[float, float]:
        for href, (_, _, style) in rows(shown[key]).items():
            if href.endswith(f"/{program_id.lower()}/"):
                left, width = re.fullmatch(r"left:([\d.]+)%;width:([\d.]+)%", style).groups()
                return float(left), float(width)
        raise AssertionError(program_id)

    # The plan runs 2024–2033; TK-2 starts in 2022 (a warning), so the axis starts there.
    for chart in shown.values():
        labels = re.findall(r"<span>(\d{4})</span>", chart.split('class="rc-roadmap__years', 1)[1].split("</div>")[0])
        assert labels == [str(year) for year in range(2022, 2034)]
        assert "--rc-years:12" in chart
    one_year_x, one_year = bar("tata-kelola", "TK-1")  # 2024
    six_years_x, six_years = bar("tata-kelola", "TK-2")  # 2022–2027
    assert six_years == pytest.approx(6 * one_year, abs=0.05)
    assert one_year_x - six_years_x == pytest.approx(2 * one_year, abs=0.05)
    lh2_x, lh2 = bar("lingkungan", "LH-2")  # 2029–2033, in the other dimension's chart
    assert lh2_x - six_years_x == pytest.approx(7 * one_year, abs=0.05) and lh2 == pytest.approx(5 * one_year, abs=0.05)
    assert lh2_x + lh2 == pytest.approx(100, abs=0.05)  # the last year ends the axis


def test_bar_positions_are_shares_of_the_axis() -> None:
    assert bar_position(2024, 2024, 2022, 2033) == ("16.67%", "8.33%")
    assert bar_position(2022, 2033, 2022, 2033) == ("0%", "100%")


def test_legend_explains_every_status_with_its_pattern(sample_site: Path) -> None:
    html = (sample_site / "peta-jalan" / "index.html").read_text(encoding="utf-8")
    legend = re.search(r'<ul class="rc-roadmap__legend".*?</ul>', html).group(0)
    for status, word in STATUS_WORDS.items():
        assert f"rc-roadmap__bar--{status}" in legend and word in legend
    assert "Hari ini" in legend
    assert "</section></p>" not in html  # block HTML, not wrapped by Markdown


def test_text_from_the_data_is_escaped_in_the_chart(small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    html = (site / "peta-jalan" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Peta jalan Lingkungan &amp; Air: 2 program, 2022–2033"' in html
    assert '<span class="rc-id">TK-2</span> =HYPERLINK(&quot;http://contoh.test&quot;)</span>' in html
