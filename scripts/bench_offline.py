"""What reading offline costs a citizen: the worker's shell, the whole plan saved, the first visit.

Usage: python -m scripts.bench_offline [--sizes 50,1000] [--work DIR]

For a synthetic city of each size (scripts/synthetic.py), builds the site and reads its
offline.json (guide/offline.md): the shell the worker downloads once it is installed, and
what "Simpan untuk dibaca luring" downloads (every page and the whole search index), both
gzipped as GitHub Pages sends them. Then opens a program page of the smallest city in
headless Chromium, with service workers allowed and gzip on, and adds up what the first
visit transfers until the page has loaded, the worker not yet registered (it registers after).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

from playwright.sync_api import Response, sync_playwright

from macros.publish.offline import MANIFEST_FILE, wire_size
from scripts.synthetic import write_city
from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.helpers import build_site, copy_site_config

SLUG = "sintetis"
SIZES = (50, 1000)
FIRST_VISIT_BUDGET = 100 * 1024


def built_site(work: Path, programs: int) -> Path:
    project, site = work / f"offline-{programs}", work / f"offline-site-{programs}"
    if not (project / "data").is_dir():
        write_city(project, programs, seed=1, slug=SLUG)
    # Built every run, with this run's code and templates: a site kept from an earlier run would
    # give that code's figures.
    copy_site_config(project, SLUG)
    result = build_site(project, site)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return site


def shell_bytes(site: Path) -> tuple[int, int]:
    """What installing the worker fetches: offline.json and the shell it lists (gzipped on the wire),
    and the part of it a first visit to the home page has loaded already (the browser's HTTP cache)."""
    manifest_path = site / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    home = (site / "index.html").read_text(encoding="utf-8")
    total, loaded = wire_size(manifest_path), 0
    for address in manifest["shell"]:
        path = site / (address.split("?")[0] or ".")
        size = wire_size(path / "index.html" if path.is_dir() else path)
        total += size
        if not address or f'"{address}"' in home:
            loaded += size
    return total, loaded


def first_visit_bytes(site: Path) -> tuple[int, int]:
    """(requests, bytes transferred gzipped) of a first visit to a program page, until its load event."""
    program = next(path for path in sorted(site.glob("*/*/index.html")) if path.parent.parent.name != "pagefind")
    address = program.parent.relative_to(site).as_posix() + "/"
    seen: list[int] = []

    def count(response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        encoded = response.headers.get("content-encoding") == "gzip"
        seen.append(len(gzip.compress(body, mtime=0)) if encoded else len(body))

    with serve(site, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        context = browser.new_context(service_workers="allow")
        page = context.new_page()
        page.on("response", count)
        page.goto(base + address, wait_until="load")
        page.wait_for_function("navigator.serviceWorker.controller !== null")  # the worker did install
        browser.close()
    return len(seen), sum(seen)


def report(work: Path, sizes: tuple[int, ...] = SIZES) -> str:
    lines = ["Reading offline (guide/offline.md), gzipped as sent:"]
    for programs in sizes:
        site = built_site(work, programs)
        manifest = json.loads((site / MANIFEST_FILE).read_text(encoding="utf-8"))
        shell, loaded = shell_bytes(site)
        lines.append(
            f"- {programs:,} programs: the worker's shell {shell / 1024:.0f} KB "
            f"({(shell - loaded) / 1024:.0f} KB more than the first visit to the home page loaded), "
            f"the whole plan saved {manifest['size']} ({len(manifest['pages']):,} pages)"
        )
    requests, sent = first_visit_bytes(built_site(work, min(sizes)))
    verdict = "ok" if sent <= FIRST_VISIT_BUDGET else "OVER"
    lines.append(
        f"- first visit to a program page with the worker: {requests} requests, {sent / 1024:.1f} KB until load "
        f"(≤ 100 KB: {verdict}); the shell follows in the background once the worker is installed"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated program counts")
    parser.add_argument("--work", type=Path, help="folder for the generated projects and sites (kept and reused)")
    args = parser.parse_args()
    sizes = tuple(int(size) for size in args.sizes.split(","))
    with nullcontext(str(args.work)) if args.work else tempfile.TemporaryDirectory(prefix="rencana-offline-") as folder:
        print(f"Generating and building in {folder} …", file=sys.stderr)
        print(report(Path(folder), sizes))


if __name__ == "__main__":
    main()
