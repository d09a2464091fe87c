"""Lighthouse on a program page, as a phone on mobile data sees it: scores and bytes transferred.

Usage: python -m scripts.lighthouse SITE_DIR [ADDRESS] [--runs N]   (or `make lighthouse`)

Serves SITE_DIR on 127.0.0.1 under its site_url's sub-path, gzipped as GitHub Pages
serves it, and runs Lighthouse's mobile preset (simulated slow 4G, mid-range phone)
N times (3 by default) on ADDRESS (default: the program page with the most content).
Prints the median of each category score and what a first visit transfers.
Lighthouse is not a test: on 2 shared cores its performance score swings by ±10.

Lighthouse 12.2.3 (newer needs Node.js 22) is installed on first use into
.cache/lighthouse/, apart from the checkers `make test` installs (146 packages, 111 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from tests.site_pages import pages_to_check, site_sub_path

VERSION = "12.2.3"
REPO = Path(__file__).resolve().parent.parent
INSTALL = REPO / ".cache" / "lighthouse"
LIGHTHOUSE = INSTALL / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGE_BUDGET = 100 * 1024  # bytes transferred on a first visit to a program page


def ensure_lighthouse() -> Path:
    installed = INSTALL / "node_modules" / "lighthouse" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text())["version"] != VERSION:
        INSTALL.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(INSTALL),
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--save-exact",
                f"lighthouse@{VERSION}",
            ],
            check=True,
        )
    return LIGHTHOUSE


def run_once(url: str, out: Path) -> dict:
    subprocess.run(
        [
            str(ensure_lighthouse()),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM_PATH},
    )
    return json.loads(out.read_text(encoding="utf-8"))


def transferred(report: dict) -> tuple[int, dict[str, int]]:
    """Bytes over the wire for the page and everything it loaded, in all and by kind of resource."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    by_kind: dict[str, int] = {}
    for request in requests:
        kind = request.get("resourceType") or "Other"
        by_kind[kind] = by_kind.get(kind, 0) + int(request.get("transferSize") or 0)
    return sum(by_kind.values()), by_kind


def default_address(site: Path) -> str:
    """The richest program page: the first program page `pages_to_check` picks."""
    return next(address for address in pages_to_check(site) if address.count("/") == 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("address", nargs="?", help="page address relative to the site, e.g. governance/gov-02/")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    address = options.address or default_address(options.site)

    reports = []
    with (
        serve(options.site, site_sub_path(options.site), compress=True) as base,
        tempfile.TemporaryDirectory() as scratch,
    ):
        for run in range(options.runs):
            reports.append(run_once(base + address, Path(scratch) / f"run-{run}.json"))

    print(f"Lighthouse {VERSION}, mobile, median of {len(reports)} runs: {site_sub_path(options.site)}{address}")
    for category in CATEGORIES:
        scores = [round(report["categories"][category]["score"] * 100) for report in reports]
        runs = " ".join(str(score) for score in scores)
        print(f"  {category:<15} {statistics.median(scores):>5g}   (runs: {runs})")
    for audit, unit in (
        ("first-contentful-paint", "ms"),
        ("largest-contentful-paint", "ms"),
        ("total-blocking-time", "ms"),
        ("cumulative-layout-shift", ""),
    ):
        values = [report["audits"][audit]["numericValue"] for report in reports]
        print(f"  {audit:<25} {statistics.median(values):>8.2f} {unit}")
    total, by_kind = transferred(reports[0])
    requests = len(reports[0]["audits"]["network-requests"]["details"]["items"])
    verdict = "within" if total <= PAGE_BUDGET else "OVER"
    print(
        f"First visit: {requests} requests, {total / 1024:.1f} KB transferred with gzip "
        f"({verdict} the {PAGE_BUDGET // 1024} KB budget)"
    )
    for kind, size in sorted(by_kind.items(), key=lambda item: -item[1]):
        print(f"  {kind:<15} {size / 1024:>6.1f} KB")


if __name__ == "__main__":
    main()
