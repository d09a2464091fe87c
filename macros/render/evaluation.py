"""Evaluasi: the national yearly evaluation, overall and per dimension, as small SVG charts and a table.

Each chart is an image whose name reads out every figure; the table holds the same
figures for those who prefer to read them side by side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from macros.data.plan.assemble import Plan
from macros.render.charts import svg_number
from macros.render.html import esc, table
from macros.render.text import decimal

WIDTH, HEIGHT = 320, 150  # every chart; CSS shows the overall one larger
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 22, 24
INSET = 22  # keeps the first and last points (and their figures) off the axis labels


@dataclass(frozen=True)
class Series:
    key: str  # "index" for the overall index, else a dimension key
    label: str
    points: tuple[tuple[int, float], ...]  # (year, score), oldest first
    accent: str | None = None


def score(value: float) -> str:
    """Two decimals always, as the evaluation publishes them: 3,40 not 3,4."""
    return f"{value:.2f}".replace(".", ",")


def change(value: float) -> str:
    """+0,27 / −0,05 / 0 (a real minus sign, read out correctly)."""
    rounded = round(value, 2)
    if rounded == 0:
        return "0"
    return ("+" if rounded > 0 else "−") + score(abs(rounded))


def series(plan: Plan) -> list[Series]:
    evaluations = plan.evaluations
    found = [Series("index", "Indeks keseluruhan", tuple((e.year, float(e.index)) for e in evaluations))]
    for key, dimension in plan.dimensions.items():
        points = tuple((e.year, float(e.dimensions[key])) for e in evaluations if key in e.dimensions)
        if points:
            found.append(Series(key, dimension.label, points, dimension.color))
    return found


def scale(all_series: list[Series]) -> tuple[float, float]:
    """One vertical scale for every chart, in half points, within 0–5: equal heights mean equal scores."""
    values = [value for item in all_series for _, value in item.points]
    low = max(0.0, math.floor(min(values) * 2) / 2)
    high = min(5.0, math.ceil(max(values) * 2) / 2)
    if high - low < 0.5:
        low, high = max(0.0, high - 0.5), max(high, 0.5)
    return low, high


def line_chart(item: Series, low: float, high: float, years: list[int]) -> str:
    width, height = WIDTH, HEIGHT

    def x(year: int) -> float:
        if len(years) == 1:
            return (LEFT + width - RIGHT) / 2
        return LEFT + INSET + (year - years[0]) * (width - LEFT - RIGHT - 2 * INSET) / (years[-1] - years[0])

    def y(value: float) -> float:
        return TOP + (high - value) * (height - TOP - BOTTOM) / (high - low)

    parts = []
    steps = round((high - low) / 0.5)
    for step in range(steps + 1):
        level = low + step * 0.5
        parts.append(
            f'<line class="rc-eval__grid" x1="{LEFT}" x2="{width - RIGHT}" '
            f'y1="{svg_number(y(level))}" y2="{svg_number(y(level))}"/>'
            f'<text class="rc-eval__tick" x="{LEFT - 6}" y="{svg_number(y(level) + 4)}" '
            f'text-anchor="end">{decimal(level, 1)}</text>'
        )
    for year in years:
        parts.append(
            f'<text class="rc-eval__tick" x="{svg_number(x(year))}" y="{height - 6}" text-anchor="middle">{year}</text>'
        )
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{svg_number(x(year))} {svg_number(y(value))}"
        for i, (year, value) in enumerate(item.points)
    )
    parts.append(f'<path class="rc-eval__line" d="{path}"/>')
    for year, value in item.points:
        parts.append(
            f'<circle class="rc-eval__point" cx="{svg_number(x(year))}" cy="{svg_number(y(value))}" r="4"/>'
            f'<text class="rc-eval__value" x="{svg_number(x(year))}" y="{svg_number(y(value) - 9)}" '
            f'text-anchor="middle">{score(value)}</text>'
        )
    name = f"{item.label}: " + "; ".join(f"{year} {score(value)}" for year, value in item.points)
    style = f' style="--rc-accent:{esc(item.accent)}"' if item.accent else ""
    return (
        f'<svg class="rc-eval__chart" role="img" aria-label="{esc(name)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"{style}>{"".join(parts)}</svg>'
    )


def _table(all_series: list[Series], years: list[int]) -> str:
    rows = []
    for item in all_series:
        by_year = dict(item.points)
        cells = [score(by_year[year]) if year in by_year else "–" for year in years]
        difference = change(item.points[-1][1] - item.points[0][1]) if len(item.points) > 1 else "–"
        rows.append([esc(item.label), *cells, difference])
    head = ["Indeks", *[str(year) for year in years], "Perubahan"]
    return table("Indeks per tahun (skala 0–5)", head, rows, numeric=range(1, len(years) + 2))


def _headline(overall: Series) -> str:
    year, value = overall.points[-1]
    text = f"Indeks Smart City {year}: <strong>{score(value)}</strong> dari 5"
    if len(overall.points) > 1:
        previous_year, previous = overall.points[-2]
        text += f" ({change(value - previous)} dibanding {previous_year})"
    return f'<p class="rc-eval__headline">{text}.</p>'


def evaluation_page(plan: Plan) -> str:
    if not plan.evaluations:
        return '<p class="rc-empty">Belum ada hasil evaluasi.</p>'
    all_series = series(plan)
    low, high = scale(all_series)
    years = [evaluation.year for evaluation in plan.evaluations]
    overall, dimensions = all_series[0], all_series[1:]
    parts = [_headline(overall), f'<div class="rc-eval__overall">{line_chart(overall, low, high, years)}</div>']
    if dimensions:
        cards = "".join(
            f'<li class="rc-eval__card" style="--rc-accent:{esc(item.accent)}"><h3>{esc(item.label)}</h3>'
            f"{line_chart(item, low, high, years)}</li>"
            for item in dimensions
        )
        parts.append(f'<h2 id="per-dimensi">Per dimensi</h2><ul class="rc-eval__cards">{cards}</ul>')
    parts.append(f'<h2 id="tabel">Tabel</h2>{_table(all_series, years)}')
    return "".join(parts)
