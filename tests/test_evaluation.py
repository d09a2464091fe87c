"""Evaluasi: the yearly index overall and per dimension, only for a city that has evaluations."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from macros.data.plan.assemble import load_plan
from macros.render.evaluation import change, evaluation_page, scale, series
from tests.helpers import SAMPLE, SAMPLE_SLUG, city, program, write_yaml, yaml_city


def two_decimals(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def test_every_score_of_every_year_is_on_the_page(sample_site: Path) -> None:
    evaluations = sorted(yaml_city(SAMPLE, SAMPLE_SLUG)["evaluations"], key=lambda e: e["year"])
    page = (sample_site / "evaluasi" / "index.html").read_text(encoding="utf-8")
    table = re.search(r"<table><caption[^>]*>Indeks per tahun.*?</table>", page, re.S).group(0)
    rows = {
        re.sub(r"<[^>]+>", "", cells[0]): cells[1:]
        for cells in (re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table))
        if cells
    }
    assert rows["Indeks keseluruhan"][:-1] == [two_decimals(e["index"]) for e in evaluations]
    assert rows["Smart Governance"][:-1] == [two_decimals(e["dimensions"]["governance"]) for e in evaluations]
    assert rows["Smart Environment"][-1] == change(
        evaluations[-1]["dimensions"]["environment"] - evaluations[0]["dimensions"]["environment"]
    )
    latest = evaluations[-1]
    assert f"Indeks Smart City {latest['year']}: <strong>{two_decimals(latest['index'])}</strong> dari 5" in page
    # Each chart is an image whose name reads out every figure.
    named = "; ".join(f"{e['year']} {two_decimals(e['dimensions']['living'])}" for e in evaluations)
    assert f'role="img" aria-label="Smart Living: {named}"' in page


def test_a_city_without_evaluations_has_no_evaluasi_page_or_link(small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    assert not (site / "evaluasi").exists()
    for page in ("index.html", "peta-jalan/index.html", "data/index.html"):
        assert "evaluasi/" not in (site / page).read_text(encoding="utf-8")


def test_one_evaluation_without_dimension_scores_still_reads_well(tmp_path: Path) -> None:
    write_yaml(tmp_path / "data" / "cities" / "satu.yml", city(evaluations=[{"year": 2025, "index": 2.5}]))
    write_yaml(tmp_path / "data" / "programs" / "satu" / "gov-01.yml", program())
    plan, _ = load_plan(tmp_path, None, date(2026, 1, 1))
    page = evaluation_page(plan)
    assert "Indeks Smart City 2025: <strong>2,50</strong> dari 5." in page
    assert "Per dimensi" not in page
    assert page.count('role="img"') == 1


def test_changes_use_a_true_minus_and_the_scale_stays_within_zero_to_five(tmp_path: Path) -> None:
    assert change(-0.054) == "−0,05"
    assert change(0.3) == "+0,30"
    assert change(0.001) == "0"
    evaluations = [
        {"year": 2024, "index": 4.9, "dimensions": {"governance": 5}},
        {"year": 2025, "index": 4.7, "dimensions": {"governance": 4.95}},
    ]
    write_yaml(tmp_path / "data" / "cities" / "tinggi.yml", city(evaluations=evaluations))
    plan, _ = load_plan(tmp_path, None, date(2026, 1, 1))
    assert scale(series(plan)) == (4.5, 5.0)
