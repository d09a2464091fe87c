"""Issue 29's figures: a rebuild after one edit with the page cache, a cold build, and the previews.

- **Rebuild:** a lean region of 1,000 programs, one program's summary edited, built with the
  page cache kept from the build before (`macros/site/page_cache.py`), against a full build of
  the same project with the cache off. Target: ≤ 0.5 ×.
- **Cold build:** the same region with the cache off against its plain MkDocs + Material +
  lunr twin (`scripts.baseline`), each side building into a folder that does not exist yet
  (so neither pays for deleting the last site). Target: ≤ 0.8 ×.
- **Previews:** from saving a program's file to the page showing it, median of 5: `mkdocs
  serve` of one region of 100 (target ≤ 0.5 s) and `python -m macros serve` of a portal of
  10 regions × 50 (target ≤ 1 s).

The kinds alternate round after round (who goes first swaps), and ratios are the median of
each round's ratio, as in `scripts.bench`. The portal against one large region is in
`scripts.bench_portal`. Usage: python -m scripts.bench_rebuild [--rounds N] [--work DIR] [--no-serve]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

from scripts.bench import make_projects, serve_rebuild_seconds, timed_build
from scripts.bench_disk import clear_aside, make_room, set_aside
from scripts.bench_portal import serve_seconds
from scripts.bench_samples import Run, Sample, paired_ratio, verdict

PROGRAMS = 1000
SERVE_REGION, SERVE_PORTAL = 100, 10


def _fresh_build(project: Path, site: Path, *, strict: bool, page_cache: bool = False) -> Run:
    """A timed build into `site`, which does not exist when the clock starts; set aside afterwards.

    No removal comes just before a timed build (`scripts.bench_disk`): the file system would make
    the build step over every file the removal freed.
    """
    make_room(site)
    run = timed_build(project, site, strict=strict, page_cache=page_cache)
    set_aside(site)
    return run


def measure_rebuilds(work: Path, rounds: int, programs: int = PROGRAMS) -> tuple[Sample, Sample, Sample]:
    """(full builds, rebuilds after one edit with the cache, plain MkDocs builds), alternating."""
    project, baseline = make_projects(work, programs, profile="lean")
    data_file = sorted((project / "data" / "programs").rglob("*.yml"))[0]
    original = data_file.read_text(encoding="utf-8")
    assert "\nsummary: " in original, data_file
    full, cached, plain = Sample(), Sample(), Sample()
    _fresh_build(project, work / "site-warm", strict=True, page_cache=True)  # the cache of the last commit
    try:
        for number in range(rounds):
            kinds = ["full", "cached", "plain"]
            if number % 2:
                kinds.reverse()
            for kind in kinds:
                site = work / f"site-rebuild-{kind}"
                if kind == "full":
                    run = _fresh_build(project, site, strict=True)
                    full.runs.append(run)
                elif kind == "cached":
                    edited = original.replace("\nsummary: ", f"\nsummary: Suntingan {number + 1}. ", 1)
                    data_file.write_text(edited, encoding="utf-8")
                    run = _fresh_build(project, site, strict=True, page_cache=True)
                    cached.runs.append(run)
                else:
                    run = _fresh_build(baseline, site, strict=False)
                    plain.runs.append(run)
                print(
                    f"  round {number + 1}/{rounds}, {programs} lean programs, {kind}: {run.seconds:.1f} s "
                    f"({run.cpu_seconds:.1f} s CPU)",
                    file=sys.stderr,
                )
    finally:
        data_file.write_text(original, encoding="utf-8")
    return full, cached, plain


def rebuild_report(work: Path, *, rounds: int = 3, serve: bool = True) -> str:
    full, cached, plain = measure_rebuilds(work, rounds)
    rebuild, rebuild_cpu = paired_ratio(cached, full), paired_ratio(cached, full, cpu=True)
    cold, cold_cpu = paired_ratio(full, plain), paired_ratio(full, plain, cpu=True)
    region = serve_rebuild_seconds(work, programs=SERVE_REGION) if serve else []
    portal = serve_seconds(work, regions=SERVE_PORTAL) if serve else []
    load = os.getloadavg()
    lines = [
        f"Page cache and cold build: medians of {rounds} alternating round(s), {PROGRAMS:,} lean programs, "
        f"{os.cpu_count()} cores, load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}.",
        "",
        "| build | wall | CPU |",
        "|---|---:|---:|",
        f"| Rencana, full (cache off, fresh folder) | {full.seconds:.2f} s | {full.cpu_seconds:.2f} s |",
        f"| Rencana, one program edited, with the page cache | {cached.seconds:.2f} s | {cached.cpu_seconds:.2f} s |",
        f"| plain MkDocs + Material + lunr (fresh folder) | {plain.seconds:.2f} s | {plain.cpu_seconds:.2f} s |",
        "",
        "Targets:",
        f"- rebuild after one edit, with the cache, ≤ 0.5 × a full build: {rebuild:.2f} × (CPU {rebuild_cpu:.2f} ×) "
        f"({verdict(rebuild <= 0.5)})",
        f"- full cold build ≤ 0.8 × plain MkDocs + lunr: {cold:.2f} × (CPU {cold_cpu:.2f} ×) ({verdict(cold <= 0.8)})",
    ]
    for name, timings, target in (
        (f"`mkdocs serve`, one region of {SERVE_REGION}", region, 0.5),
        (f"`make serve`, portal of {SERVE_PORTAL} × 50", portal, 1.0),
    ):
        if timings:
            median = statistics.median(timings)
            shown = ", ".join(f"{seconds:.2f}" for seconds in timings)
            lines.append(
                f"- {name}: saved edit shown in {median:.2f} s ({shown}) ≤ {target} s ({verdict(median <= target)})"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--work", type=Path, help="folder for the generated projects (kept and reused)")
    parser.add_argument("--no-serve", action="store_true", help="skip the previews")
    args = parser.parse_args()
    with nullcontext(str(args.work)) if args.work else tempfile.TemporaryDirectory(prefix="rencana-bench-") as folder:
        work = Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        try:
            print(rebuild_report(work, rounds=args.rounds, serve=not args.no_serve))
        finally:
            clear_aside(work)  # the sites set aside, once nothing is timed any more


if __name__ == "__main__":
    main()
