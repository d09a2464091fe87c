"""`make site` with several regions: each region's full site at /<slug>/, the portal at the root.

The regions and the portal are built in parallel, one worker process per core
(`macros.site.engine`), largest region first so that no core idles at the end. Once every
region is in place, Pagefind indexes their program pages, all of them, into the portal's
own search bundle: the portal's Cari queries one index, not one per region. The caller
(`macros.site.build`) publishes the folder only when this returns 0, so a data error in
any region publishes nothing; every region's problems are listed at once.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from macros.data.load import city_files, program_files
from macros.data.portal import PORTAL_FOLDER, region_rules
from macros.data.problems import Problem, errors_in, summary
from macros.data.site_config import read_site_config
from macros.publish.portal_data import region_site_url
from macros.site import search_index
from macros.site.engine import JobResult, SiteJob, run, start_worker
from macros.site.state import Role

# What the portal's search indexes: /<region>/<dimension>/<program>/, the program pages.
PORTAL_INDEX_GLOB = "*/*/*/index.html"

# The portal is built beside the regions, not into their common folder: MkDocs empties its
# site folder before it writes, which would remove the regions built there meanwhile.
PORTAL_STAGING = ".portal"


def default_workers() -> int:
    """Every core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def site_jobs(root: Path, out: Path, config_file: Path, engine: str) -> list[SiteJob]:
    """The portal's build and every region's, the portal and the largest regions first."""
    site_url = read_site_config(root).site_url
    regions = sorted(city_files(root), key=lambda slug: (-len(program_files(root, slug)), slug))
    portal = SiteJob(
        root, config_file, out / PORTAL_STAGING, site_url, Role(portal=True), engine, docs_dir=root / PORTAL_FOLDER
    )
    return [portal] + [
        SiteJob(
            root,
            config_file,
            out / slug,
            region_site_url(site_url, slug) if site_url else None,
            Role(region=slug, in_portal=True),
            engine,
        )
        for slug in regions
    ]


def run_jobs(jobs: list[SiteJob], environment: dict[str, str], workers: int) -> Iterator[JobResult]:
    """Each job's result, in the order they finish."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of this one's state
    with ProcessPoolExecutor(
        max_workers=max(1, min(workers, len(jobs))),
        mp_context=context,
        initializer=start_worker,
        initargs=(environment,),
    ) as pool:
        futures = [pool.submit(run, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def _merge_portal(out: Path) -> None:
    """Move the portal's files from its staging folder to the root, beside the regions' folders."""
    staging = out / PORTAL_STAGING
    for entry in sorted(staging.iterdir()):
        entry.rename(out / entry.name)
    staging.rmdir()


def _report(problems: list[Problem], failures: list[JobResult]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors_in(problems):
        print(summary(problems), file=sys.stderr)
        return 1
    for failure in failures:
        print(f"{failure.name}: the build failed: {failure.message}", file=sys.stderr)
    return 1 if failures else 0


def build_portal(
    root: Path, out: Path, config_file: Path, engine: str, environment: dict[str, str], workers: int | None = None
) -> int:
    """Build the portal and every region into the empty folder `out`; 0 when all of it succeeded."""
    started = time.perf_counter()
    rules = region_rules(root)
    if errors_in(rules):
        return _report(rules, [])
    jobs = site_jobs(root, out, config_file, engine)
    workers = workers or default_workers()
    print(f"Building the portal and {len(jobs) - 1} regions on {workers} cores…", file=sys.stderr)
    results = []
    for result in run_jobs(jobs, environment, workers):
        results.append(result)
        if result.ok:
            print(f"  {result.name}: {result.pages} pages in {result.seconds:.1f} s", file=sys.stderr)
    problems = sorted({problem for result in results for problem in result.problems})
    status = _report(problems, [result for result in results if not result.ok])
    if status != 0:
        return status
    _merge_portal(out)
    try:
        index = search_index.build_index(out, glob=PORTAL_INDEX_GLOB)
    except search_index.SearchIndexError as error:
        print(f"search index of the portal: Pagefind failed:\n{error}", file=sys.stderr)
        return 1
    print(
        f"Portal: {len(jobs) - 1} regions, search over {index.pages} programs ({index.seconds:.1f} s); "
        f"all built in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0
