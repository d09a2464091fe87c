"""Open data made in the build: JSON, CSV and the schema, checked against the YAML files themselves."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft7Validator

from macros.publish.opendata import file_size
from tests.helpers import REPO, SAMPLE_SLUG, TEST_SITE_URL, build_site, built_on, copy_sample, yaml_programs

PROGRAM_COLUMNS = [
    "id",
    "title",
    "dimension",
    "dimension_label",
    "element",
    "element_label",
    "horizon",
    "status",
    "progress",
    "start",
    "end",
    "lead",
    "partners",
    "budget_total",
    "summary",
    "sdgs",
    "tags",
    "related",
    "reviewed",
    "url",
    "late",
    "late_milestones",
    "last_report",
    "silent",
    "as_of",
]
BUDGET_COLUMNS = ["program_id", "program_title", "dimension", "lead", "year", "source", "amount"]


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "plain UTF-8, no byte order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_json_and_csv_hold_every_program_with_its_budget(each_city: tuple[Path, str, Path]) -> None:
    project, slug, site = each_city
    programs = {entry["id"]: entry for entry in yaml_programs(project, slug)}
    budgets = {key: sum(line["amount"] for line in entry.get("budget", [])) for key, entry in programs.items()}

    document = json.loads((site / "data" / f"rencana-{slug}.json").read_text(encoding="utf-8"))
    assert {entry["id"] for entry in document["programs"]} == set(programs)
    for entry in document["programs"]:
        assert entry["budget"] == programs[entry["id"]].get("budget", [])
        assert entry["lead"] == programs[entry["id"]]["lead"]

    rows = read_csv(site / "data" / f"program-{slug}.csv")
    assert sorted(row["id"] for row in rows) == sorted(programs)
    for row in rows:
        # Unknown is not zero: a program without budget lines has an empty cell.
        recorded = programs[row["id"]].get("budget")
        assert row["budget_total"] == (str(budgets[row["id"]]) if recorded else "")
        assert row["status"] == programs[row["id"]]["status"]
        assert row["url"].endswith(f"/{programs[row['id']]['dimension']}/{row['id'].lower()}/")

    lines = read_csv(site / "data" / f"anggaran-{slug}.csv")
    assert len(lines) == sum(len(entry.get("budget", [])) for entry in programs.values())
    for key, total in budgets.items():
        assert sum(int(line["amount"]) for line in lines if line["program_id"] == key) == total


def test_every_exported_program_and_the_city_validate_against_the_schemas(each_city: tuple[Path, str, Path]) -> None:
    _, slug, site = each_city
    document = json.loads((site / "data" / f"rencana-{slug}.json").read_text(encoding="utf-8"))
    program_schema = json.loads((site / "data" / "schema" / "program.schema.json").read_text(encoding="utf-8"))
    city_schema = json.loads((site / "data" / "schema" / "city.schema.json").read_text(encoding="utf-8"))
    assert program_schema == json.loads((REPO / "data" / "schema" / "program.schema.json").read_text(encoding="utf-8"))
    for entry in document["programs"]:
        errors = [error.message for error in Draft7Validator(program_schema).iter_errors(entry)]
        assert errors == [], f"{entry['id']}: {errors}"
    assert list(Draft7Validator(city_schema).iter_errors(document["city"])) == []


def test_csv_columns_keep_their_documented_order(each_city: tuple[Path, str, Path]) -> None:
    _, slug, site = each_city
    header = (site / "data" / f"program-{slug}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == PROGRAM_COLUMNS
    header = (site / "data" / f"anggaran-{slug}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == BUDGET_COLUMNS
    # Macro output spells Markdown characters as references (`_` as &#95;): the browser shows the same.
    page = html.unescape((site / "data" / "index.html").read_text(encoding="utf-8"))
    assert re.findall(r"<td><code>([a-z_]+)</code></td>", page) == PROGRAM_COLUMNS + BUDGET_COLUMNS


def test_defaults_of_the_format_are_filled_in(small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    document = json.loads((site / "data" / "rencana-kecil.json").read_text(encoding="utf-8"))
    progress = {entry["id"]: entry["progress"] for entry in document["programs"]}
    assert progress == {"TK-1": 100, "TK-2": 40, "LH-1": 60, "LH-2": 0}
    assert list(document["city"]["dimensions"]) == ["tata-kelola", "lingkungan"]
    assert document["pages"]["LH-2"] == f"{TEST_SITE_URL}lingkungan/lh-2/"


def test_a_title_that_a_spreadsheet_would_run_is_defused_in_csv_only(small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    rows = {row["id"]: row for row in read_csv(site / "data" / "program-kecil.csv")}
    assert rows["TK-2"]["title"] == '\'=HYPERLINK("http://contoh.test")'
    document = json.loads((site / "data" / "rencana-kecil.json").read_text(encoding="utf-8"))
    assert [p["title"] for p in document["programs"] if p["id"] == "TK-2"] == ['=HYPERLINK("http://contoh.test")']


def test_data_page_links_every_file_with_its_true_size(each_city: tuple[Path, str, Path]) -> None:
    _, slug, site = each_city
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<a href="([^"]+)" download>[^<]+</a> <span class="rc-download__meta">[^,]+, ([^<]+)</span>', page
    )
    assert [href for href, _ in links] == [
        f"rencana-{slug}.json",
        f"program-{slug}.csv",
        f"anggaran-{slug}.csv",
        f"rencana-{slug}.xlsx",
        "templat-rencana.xlsx",
        "schema/program.schema.json",
        "schema/city.schema.json",
    ]
    for href, size in links:
        assert size == file_size((site / "data" / href).stat().st_size)


@pytest.mark.slow
def test_two_builds_write_the_same_bytes(sample_site: Path, tmp_path: Path) -> None:
    # Dated the day the shared site was built (by the clock): midnight may have passed since.
    epoch = int(datetime.fromisoformat(built_on(sample_site)).replace(tzinfo=UTC).timestamp())
    result = build_site(sample_site.parent / "project", tmp_path / "again", env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.returncode == 0, result.stderr
    for path in [
        "data/rencana-mojokerto.json",
        "data/program-mojokerto.csv",
        "data/anggaran-mojokerto.csv",
        "data/rencana-mojokerto.xlsx",
        "data/templat-rencana.xlsx",
        "data/schema/program.schema.json",
        "peta-jalan/index.html",
        "opd/index.html",
        "evaluasi/index.html",
        "cetak/index.html",
        "index.html",
    ]:
        assert (tmp_path / "again" / path).read_bytes() == (sample_site / path).read_bytes(), path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_mkdocs_serve_offers_the_data_files_too(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        url = f"http://127.0.0.1:{port}{urlsplit(TEST_SITE_URL).path}data/rencana-{SAMPLE_SLUG}.json"
        body = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    body = response.read()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(log.read_text())
                time.sleep(0.25)
        assert body is not None, log.read_text()
        assert len(json.loads(body)["programs"]) == len(yaml_programs(project, SAMPLE_SLUG))
    finally:
        server.terminate()
        server.wait(timeout=20)
