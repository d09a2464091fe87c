"""The federated portal's figures for `make bench`: a portal over regions that publish their own sites.

- 500 regions × 50 programs (25,000), each region's `rencana.json` and plan JSON served from
  local servers (four origins on 127.0.0.1), exactly the files a region's build publishes;
- a portal repository listing them in `data/regions.yml`, built by `python -m macros build`
  (all of `make site`: fetching, validating, the portal's pages, its search over every program):
  wall time, CPU, peak memory of every process of the build together, size of the site;
- the first search on the portal against the first search in one region's own site of 50
  programs: bytes transferred.

Targets (issue 27): ≤ 2 minutes on 2 cores, ≤ 1 GB peak memory, portal ≤ 100 MB, first search
≤ 1.5 × a region's. Figures are printed, never asserted.

Usage: python -m scripts.bench_federation [--regions 500] [--work DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path

from macros.data.plan.assemble import load_region
from macros.data.plan.load import city_files
from macros.publish.manifest import MANIFEST_FILE, manifest_json
from macros.publish.opendata import file_paths, plan_json
from scripts.bench_portal import search_bytes, timed_make_site
from scripts.bench_samples import verdict
from scripts.synthetic import TODAY, write_city, write_regions
from tests.helpers import copy_site_config, write_yaml

SEED = 20231
PER_REGION = 50
ORIGINS = 4


def remote_sites(work: Path, regions: int) -> Path:
    """Each region's published manifest and plan JSON, in `<folder>/<slug>/`, made by the build's own code."""
    sites = work / f"remote-{regions}x{PER_REGION}"
    if sites.is_dir():
        return sites
    project = write_regions(work / f"remote-data-{regions}", regions, PER_REGION, seed=SEED)
    for slug in city_files(project):
        plan, _ = load_region(project, slug, TODAY)
        folder = sites / slug
        (folder / "data").mkdir(parents=True)
        (folder / MANIFEST_FILE).write_text(manifest_json(plan), encoding="utf-8")
        (folder / file_paths(slug)[0]).write_text(plan_json(plan, ""), encoding="utf-8")
    return sites


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def origins(folder: Path, count: int) -> Iterator[list[str]]:
    """`count` web servers on 127.0.0.1, each serving every region's files; their base addresses."""
    with ExitStack() as stack:
        bases = []
        for _ in range(count):
            server = http.server.ThreadingHTTPServer(
                ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder))
            )
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            stack.callback(server.server_close)
            stack.callback(server.shutdown)
            bases.append(f"http://127.0.0.1:{server.server_address[1]}/")
        yield bases


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def federation_report(work: Path, regions: int = 500) -> str:
    sites = remote_sites(work, regions)
    slugs = sorted(entry.name for entry in sites.iterdir())
    portal = work / f"federated-{regions}"
    copy_site_config(portal, "portal")
    shutil.rmtree(portal / ".cache", ignore_errors=True)  # a cold first fetch
    with origins(sites, ORIGINS) as bases:
        write_yaml(
            portal / "data" / "regions.yml",
            [{"url": f"{bases[index % ORIGINS]}{slug}/"} for index, slug in enumerate(slugs)],
        )
        run = timed_make_site(portal, work / f"site-federated-{regions}")
    portal_site = work / f"site-federated-{regions}"
    region = write_city(work / "region-50", PER_REGION, seed=SEED)
    copy_site_config(region, "sintetis")
    timed_make_site(region, work / "site-region-50")
    region_site = work / "site-region-50"
    program = next(path for path in sorted(region_site.glob("*/*/index.html")) if path.parent.parent.name != "pagefind")
    one_search = search_bytes(region_site, program.parent.relative_to(region_site).as_posix() + "/")
    all_search = search_bytes(portal_site, "")
    size = folder_size(portal_site)
    programs = regions * PER_REGION
    return "\n".join(
        [
            f"Federated portal: {regions} regions × {PER_REGION} programs ({programs:,}) fetched from {ORIGINS} "
            "local origins, one `python -m macros build` with a cold cache.",
            "",
            "| what | figure | target |",
            "|---|---:|---|",
            f"| build | {run.seconds:.1f} s ({run.cpu_seconds:.1f} s CPU) | ≤ 120 s ({verdict(run.seconds <= 120)}) |",
            f"| peak memory | {run.peak_rss_mb:.0f} MB | ≤ 1,000 MB ({verdict(run.peak_rss_mb <= 1000)}) |",
            f"| portal site | {size / 1e6:.1f} MB | ≤ 100 MB ({verdict(size <= 100e6)}) |",
            f"| first search for 'sampah' | {all_search / 1024:.0f} KB against {one_search / 1024:.0f} KB in one "
            f"region: {all_search / one_search:.2f} × | ≤ 1.5 × ({verdict(all_search <= 1.5 * one_search)}) |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=500)
    parser.add_argument("--work", type=Path, help="folder for the generated data and sites (kept and reused)")
    args = parser.parse_args()
    with nullcontext(str(args.work)) if args.work else tempfile.TemporaryDirectory(prefix="rencana-bench-") as folder:
        work = Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        print(federation_report(work, args.regions))


if __name__ == "__main__":
    main()
