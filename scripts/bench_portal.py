"""The portal's figures for `make bench`: many regions in one site, against one region of the same programs.

- 40 regions × 50 programs built by `python -m macros build` (all of `make site`), against one
  region of the same 2,000 programs built the same way, in alternating rounds: the ratio of their
  times (target ≤ 1.3) and the peak memory of all the build's processes together (≤ 2 GB);
- the first search on the portal (the header's dialog on its home page, over every region) against
  the first search in that one region (from a program page): bytes transferred (≤ 1.2 ×);
- the portal's home page gzipped, alone and with the stylesheets and scripts it loads (≤ 100 KB);
- `make serve` of 3 regions × 50 programs: from saving a program's file to its page showing it (≤ 2 s);
- with --full: 200 regions × 50 programs (10,000): time and peak memory.

Usage: python -m scripts.bench_portal [--rounds N] [--full] [--work DIR]
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import nullcontext
from pathlib import Path

import yaml

from scripts.bench_disk import clear_aside, make_room
from scripts.bench_samples import Run, Sample, build_environment, paired_ratio, verdict
from scripts.bench_search import first_query
from scripts.synthetic import write_regions
from tests.helpers import copy_site_config

SEED = 20231
QUERY = "sampah"
PER_REGION = 50


def _tree_rss(root: int) -> int:
    """Resident bytes of process `root` and every process below it."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    family, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    total = 0
    for pid in family:
        try:
            total += int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def timed_make_site(project: Path, site: Path) -> Run:
    """`python -m macros build` (what `make site` runs) of `project`: wall time, CPU time and peak memory,
    that of every process of the build together (the workers, Pagefind), sampled every 0.1 s."""
    command = [sys.executable, "-m", "macros", "--root", str(project), "build", "--site-dir", str(site)]
    peak = [0]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=build_environment(), stdout=log, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _tree_rss(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)  # CPU of the build and of every process it waited for
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            sys.exit(f"build of {project} failed:\n{log.read().decode(errors='replace')}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak[0] / 1e6)


def make_project(work: Path, regions: int) -> Path:
    """The same seeded programs, in one region or shared out over `regions` (50 each)."""
    name = f"regions-{regions}x{PER_REGION}" if regions > 1 else f"region-{PER_REGION * 40}"
    project = work / name
    if not (project / "data").is_dir():
        write_regions(project, regions, PER_REGION if regions > 1 else PER_REGION * 40, seed=SEED)
    copy_site_config(project, "daerah-001")  # every run: a kept work folder must not build old templates
    return project


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def home_weight(site: Path) -> tuple[int, int]:
    """The portal's home page gzipped: alone, and with the stylesheets and scripts it loads."""
    html = (site / "index.html").read_bytes()
    assets = re.findall(rb'<(?:link rel="stylesheet" href|script src)="([^"#?]+)"', html)
    total = _gzipped(html) + sum(_gzipped((site / asset.decode()).read_bytes()) for asset in assets)
    return _gzipped(html), total


def search_bytes(site: Path, start_page: str) -> int:
    """Bytes transferred by a first search from `start_page` (`scripts.bench_search.first_query`)."""
    return sum(item.wire for item in first_query(site, start_page, QUERY))


def serve_seconds(work: Path, edits: int = 5, regions: int = 3) -> list[float]:
    """`python -m macros serve` of `regions` × 50 programs: seconds from saving a file to its page changing."""
    project = make_project(work, regions)
    port = _free_port()
    files = sorted((project / "data" / "programs" / "daerah-002").rglob("*.yml"))
    data_file = files[0]
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    original = data_file.read_text(encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    mount = urllib.parse.urlsplit(config.get("site_url") or "/").path.rstrip("/")  # served where site_url says
    page = f"http://127.0.0.1:{port}{mount}/daerah-002/{data['dimension']}/{data['id'].lower()}/"
    timings = []
    command = [sys.executable, "-m", "macros", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, env=build_environment(page_cache=True), stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(page, data["title"], 600)
            for edit in range(edits):
                title = f"Judul suntingan nomor {edit + 1}"
                time.sleep(1.0)  # let the watcher settle after the previous rebuild
                data_file.write_text(
                    yaml.safe_dump({**data, "title": title}, allow_unicode=True, sort_keys=False), encoding="utf-8"
                )
                timings.append(_wait_for(page, title, 120))
        finally:
            data_file.write_text(original, encoding="utf-8")
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
    return timings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, text: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.02)
    sys.exit(f"{url} did not show {text!r} within {timeout:.0f} s")


def portal_report(work: Path, *, rounds: int = 3, full: bool = False, serve: bool = True) -> str:
    single, portal = make_project(work, 1), make_project(work, 40)
    samples = (Sample(), Sample())
    for round_number in range(rounds):
        order = ((0, single), (1, portal)) if round_number % 2 == 0 else ((1, portal), (0, single))
        for kind, project in order:
            site = work / f"site-{project.name}"
            make_room(site)
            run = timed_make_site(project, site)
            samples[kind].runs.append(run)
            print(
                f"  round {round_number + 1}/{rounds}, {project.name}: {run.seconds:.1f} s "
                f"({run.cpu_seconds:.1f} s CPU), {run.peak_rss_mb:.0f} MB",
                file=sys.stderr,
            )
    ratio, cpu = paired_ratio(samples[1], samples[0]), paired_ratio(samples[1], samples[0], cpu=True)
    single_site, portal_site = work / f"site-{single.name}", work / f"site-{portal.name}"
    program = next(path for path in sorted(single_site.glob("*/*/index.html")) if path.parent.parent.name != "pagefind")
    one_search = search_bytes(single_site, program.parent.relative_to(single_site).as_posix() + "/")
    all_search = search_bytes(portal_site, "")
    html, loaded = home_weight(portal_site)
    lines = [
        f"Portal: medians of {rounds} alternating round(s) of `python -m macros build` (all of `make site`), "
        f"{os.cpu_count()} cores; peak memory: every process of the build together.",
        "",
        "| site | build | CPU | peak memory |",
        "|---|---:|---:|---:|",
        f"| one region of {PER_REGION * 40:,} programs | {samples[0].seconds:.1f} s | {samples[0].cpu_seconds:.1f} s "
        f"| {samples[0].peak_rss_mb:.0f} MB |",
        f"| 40 regions × {PER_REGION} programs (portal) | {samples[1].seconds:.1f} s | "
        f"{samples[1].cpu_seconds:.1f} s | {samples[1].peak_rss_mb:.0f} MB |",
    ]
    if full:
        large_project, large_site = make_project(work, 200), work / "site-regions-200"
        make_room(large_site)
        large = timed_make_site(large_project, large_site)
        lines.append(
            f"| 200 regions × {PER_REGION} programs (portal) | {large.seconds:.1f} s | {large.cpu_seconds:.1f} s "
            f"| {large.peak_rss_mb:.0f} MB |"
        )
    lines += [
        "",
        f"First search for {QUERY!r}: {one_search / 1024:.0f} KB transferred in the one region, "
        f"{all_search / 1024:.0f} KB on the portal (over every region).",
        f"Portal home at 40 regions, gzipped: {html / 1024:.1f} KB, {loaded / 1024:.1f} KB with its CSS and JS.",
    ]
    timings = serve_seconds(work) if serve else []
    if timings:
        lines.append(
            f"`make serve` of 3 regions × {PER_REGION}: from saving a program file to its page showing it, median "
            f"{statistics.median(timings):.2f} s ({', '.join(f'{t:.2f}' for t in timings)} s)."
        )
    lines += [
        "",
        "Targets:",
        f"- 40 × {PER_REGION} ≤ 1.3 × one region of {PER_REGION * 40:,}: {ratio:.2f} × (CPU {cpu:.2f} ×) "
        f"({verdict(ratio <= 1.3)})",
        f"- peak memory ≤ 2 GB at 40 regions: {samples[1].peak_rss_mb:.0f} MB "
        f"({verdict(samples[1].peak_rss_mb <= 2000)})",
        f"- portal's first search ≤ 1.2 × one region's: {all_search / one_search:.2f} × "
        f"({verdict(all_search <= 1.2 * one_search)})",
        f"- portal home ≤ 100 KB gzipped with what it loads: {loaded / 1024:.1f} KB ({verdict(loaded <= 100 * 1024)})",
    ]
    if timings:
        median = statistics.median(timings)
        lines.append(f"- serve rebuild ≤ 2 s at 3 regions × {PER_REGION}: {median:.2f} s ({verdict(median <= 2)})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also 200 regions × 50 programs")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--work", type=Path, help="folder for the generated projects and sites (kept and reused)")
    args = parser.parse_args()
    with nullcontext(str(args.work)) if args.work else tempfile.TemporaryDirectory(prefix="rencana-bench-") as folder:
        work = Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        try:
            print(portal_report(work, rounds=args.rounds, full=args.full, serve=not args.no_serve))
        finally:
            clear_aside(work)  # the sites set aside, once nothing is timed any more


if __name__ == "__main__":
    main()
