"""What search costs a citizen: the bytes of a first query, Pagefind against Material's lunr.

Usage: python -m scripts.bench_search [--programs 1000] [--query sampah]

For the example city and a synthetic city (scripts/synthetic.py), builds the site
twice: as Rencana builds it (Pagefind), and with Material's own `search` plugin on, to
get the lunr index (`search/search_index.json`) that plugin would make every searcher
download. Then opens the Pagefind site in headless Chromium, runs the first query from
the header and adds up every response it caused. Prints a Markdown table. GitHub Pages
compresses JavaScript, CSS, JSON and wasm, so "gzip" columns estimate the bytes on
the wire (Pagefind's .pf_* files are compressed already and count as they are).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Response, sync_playwright

from scripts.synthetic import write_city
from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.helpers import REPO, copy_sample, copy_site_config


@dataclass
class Fetched:
    url: str
    size: int
    wire: int  # estimated compressed size


@dataclass
class Figures:
    name: str
    pages: int
    build_seconds: float
    pagefind_seconds: float
    first_query: list[Fetched]
    lunr_index: bytes  # search/search_index.json of the same site built with Material's search
    lunr_worker: bytes  # Material's search worker (lunr inside), fetched with it


def wire_size(url: str, body: bytes) -> int:
    if ".pf_" in url:
        return len(body)
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size >= 10_240 else f"{size / 1024:,.1f} KB"


def with_lunr(project: Path) -> Path:
    """A second config in the same project with Material's search plugin on."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # lunr has no Indonesian; English is what that plugin would fall back to.
    config = config.replace("plugins:\n", "plugins:\n  - search:\n      lang: en\n", 1)
    variant = project / "mkdocs-lunr.yml"
    variant.write_text(config, encoding="utf-8")
    return variant


def build(config: Path, site: Path) -> tuple[float, float]:
    """`mkdocs build --strict`; returns its seconds and those Pagefind reported."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr}")
    indexed = re.search(r"Pagefind indexed \d+ pages in ([\d.]+) s", result.stderr)
    return time.perf_counter() - started, float(indexed.group(1)) if indexed else 0.0


def first_query(site: Path, start_page: str, query: str) -> list[Fetched]:
    fetched: list[Fetched] = []
    with serve(site, "/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        # The offline copy (a service worker fetching pages once the site is idle) is no part of a search.
        context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        page = context.new_page()
        page.goto(base + start_page)
        page.wait_for_load_state("networkidle")

        def record(response: Response) -> None:
            if response.url.startswith(base) and response.ok:
                body = response.body()
                fetched.append(Fetched(response.url.removeprefix(base), len(body), wire_size(response.url, body)))

        context.on("response", record)
        page.locator("[data-rc-search-open]").click()
        page.locator("dialog.rc-search-dialog input").fill(query)
        page.locator("dialog.rc-search-dialog .rc-search-status").filter(has_text="Ditemukan").wait_for()
        page.wait_for_load_state("networkidle")
        time.sleep(1)  # results render as they come into view; let the visible ones finish
        page.wait_for_load_state("networkidle")
        context.remove_listener("response", record)
        browser.close()
    return fetched


def measure(name: str, project: Path, query: str) -> Figures:
    site = project.parent / f"{project.name}-site"
    build_seconds, pagefind_seconds = build(project / "mkdocs.yml", site)
    lunr_site = project.parent / f"{project.name}-lunr-site"
    build(with_lunr(project), lunr_site)
    program = next(path for path in sorted(site.glob("*/*/index.html")) if path.parent.parent.name != "pagefind")
    pages = len(list(site.rglob("index.html")))
    start = program.parent.relative_to(site).as_posix() + "/"
    return Figures(
        name,
        pages,
        build_seconds,
        pagefind_seconds,
        first_query(site, start, query),
        (lunr_site / "search" / "search_index.json").read_bytes(),
        next((lunr_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_bytes(),
    )


def report(all_figures: list[Figures], query: str) -> str:
    every_page = (REPO / "docs" / "assets" / "search.js").read_bytes()
    lines = [
        f"Search on every page: assets/search.js, {kb(len(every_page))} ({kb(wire_size('x.js', every_page))} gzip).",
        "",
        f'First query ("{query}") from the header of a program page:',
        "",
        "| city | pages | build (s) | Pagefind indexing (s) | Pagefind first query: files | raw | gzip "
        "| of which index | lunr `search_index.json` raw | gzip | lunr with its worker, gzip |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for figures in all_figures:
        fetched = figures.first_query
        index = [item for item in fetched if ".pf_" in item.url or item.url.endswith("pagefind-entry.json")]
        lunr = figures.lunr_index
        lines.append(
            f"| {figures.name} | {figures.pages} | {figures.build_seconds:.1f} | {figures.pagefind_seconds:.1f} "
            f"| {len(fetched)} | {kb(sum(i.size for i in fetched))} | {kb(sum(i.wire for i in fetched))} "
            f"| {kb(sum(i.wire for i in index))} | {kb(len(lunr))} | {kb(wire_size('x.json', lunr))} "
            f"| {kb(wire_size('x.json', lunr) + wire_size('x.js', figures.lunr_worker))} |"
        )
    lines += ["", "Files of the first query (example city):", ""]
    for item in sorted(all_figures[0].first_query, key=lambda item: -item.wire):
        lines.append(f"- {item.url.split('?')[0]}: {kb(item.size)} ({kb(item.wire)} gzip)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=1000, help="programs of the synthetic city")
    parser.add_argument("--query", default="sampah")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        work = Path(folder)
        example = copy_sample(work / "example")
        synthetic = work / "synthetic"
        copy_site_config(synthetic, "sintetis")
        write_city(synthetic, arguments.programs)
        all_figures = [
            measure("example (Mojokerto)", example, arguments.query),
            measure(f"synthetic, {arguments.programs} programs", synthetic, arguments.query),
        ]
    print(report(all_figures, arguments.query))


if __name__ == "__main__":
    main()
