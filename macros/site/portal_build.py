"""`make site` with several regions: each region's full site at /<slug>/, the portal at the root.

The regions are built in parallel, one worker process per core (`macros.site.engine`),
largest region first so that no core idles at the end. Once every region is in place, the
portal is built (its figures read every region's data, valid by then) while Pagefind
indexes the regions' program pages, all of them, into the portal's own search bundle:
the portal's Cari queries one index, not one per region. The caller
(`macros.site.build`) publishes the folder only when this returns 0, so a data error in
any region publishes nothing; every region's problems are listed at once.
`macros.site.preview` (`make serve`) rebuilds the same way, only the regions that changed.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path

from macros.data.language.catalog import Catalog
from macros.data.plan.assemble import reference_date
from macros.data.plan.load import city_files, program_files, shown_path
from macros.data.plan.problems import Problem, errors_in, summary
from macros.data.portal.fetch import fetch_regions
from macros.data.portal.regions import PORTAL_FOLDER, repository_rules
from macros.data.portal.remote import read_sources, remote_regions
from macros.data.settings.config import read_site_config
from macros.publish.portal_data import COMBINED_JSON, region_site_url
from macros.render.html import absolute_url
from macros.site import offline, search_index
from macros.site.background import Stop, Stopped
from macros.site.engine import JobResult, SiteJob, run, start_worker
from macros.site.portal_search import build_portal_index, join_region_bundles
from macros.site.state import Role

# What the portal's search indexes: /<region>/<dimension>/<program>/, the program pages.
PORTAL_INDEX_GLOB = "*/*/*/index.html"

# Regions per job when the build is shared out over machines (`python -m macros groups`), and
# GitHub Actions' limit on the jobs of one matrix.
REGIONS_PER_JOB = 10
MAX_JOBS = 256

# The portal is built beside the regions, not into their common folder: MkDocs empties its
# site folder before it writes, which would remove the regions built there meanwhile.
PORTAL_STAGING = ".portal"


_SAY = Catalog(
    "site.portal_build",
    {
        "fetch_warning": ("peringatan: {line}", "warning: {line}"),
        "fetched": (
            "  {fetched} dari {total} daerah jarak jauh diambil dalam {seconds} detik",
            "  fetched {fetched} of {total} remote regions in {seconds} s",
        ),
        "region_built": ("  {name}: {pages} halaman dalam {seconds} detik", "  {name}: {pages} pages in {seconds} s"),
        "search_failed": (
            "indeks pencarian portal: Pagefind gagal:\n{error}",
            "search index of the portal: Pagefind failed:\n{error}",
        ),
        "search_built": (
            "  pencarian: {programs} program dari setiap daerah dalam {seconds} detik",
            "  search: {programs} programs of every region in {seconds} s",
        ),
        "failed": ("{name}: build gagal: {message}", "{name}: the build failed: {message}"),
        "not_built": (
            "tidak ada situs hasil build di {folder}/; bangun dulu",
            "no built site in {folder}/; build it first",
        ),
        "building_regions": (
            "Membangun {count} daerah dengan {workers} inti prosesor…",
            "Building {count} regions on {workers} cores…",
        ),
        "building_all": (
            "Membangun {count} daerah, lalu portal, dengan {workers} inti prosesor…",
            "Building {count} regions, then the portal, on {workers} cores…",
        ),
        "built": ("Selesai dalam {seconds} detik", "Built in {seconds} s"),
    },
)


def default_workers() -> int:
    """Every core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_pool(environment: dict[str, str], workers: int, *, once: bool = False) -> ProcessPoolExecutor:
    """Worker processes that build sites; each keeps MkDocs and the compiled theme between builds.

    `once`: one worker that ends after one build, giving its memory back (`build_sites`).
    """
    return ProcessPoolExecutor(
        max_workers=1 if once else max(1, workers),
        mp_context=multiprocessing.get_context("spawn"),  # a fresh interpreter: nothing of this one's state
        initializer=start_worker,
        initargs=(environment,),
        max_tasks_per_child=1 if once else None,
    )


def site_jobs(
    root: Path,
    out: Path,
    config_file: Path,
    engine: str,
    *,
    site_url: str | None,
    regions: Iterable[str] | None = None,
) -> tuple[SiteJob, list[SiteJob]]:
    """The portal's build, and the regions' (every one, or those given), largest first."""
    chosen = city_files(root) if regions is None else list(regions)
    ordered = sorted(chosen, key=lambda slug: (-len(program_files(root, slug)), slug))
    portal = SiteJob(
        root, config_file, out / PORTAL_STAGING, site_url, Role(portal=True), engine, docs_dir=root / PORTAL_FOLDER
    )
    regions_jobs = [
        SiteJob(
            root,
            config_file,
            out / slug,
            region_site_url(site_url, slug) if site_url else None,
            Role(region=slug, in_portal=True),
            engine,
        )
        for slug in ordered
    ]
    return portal, regions_jobs


def _finished(result: JobResult) -> JobResult:
    if result.ok:
        print(
            _SAY.say("region_built", name=result.name, pages=result.pages, seconds=f"{result.seconds:.1f}"),
            file=sys.stderr,
        )
    return result


def build_sites(
    pool: Executor,
    out: Path,
    portal: SiteJob,
    regions: list[SiteJob],
    rules: list[Problem],
    *,
    eager: bool = False,
    portal_pool: ProcessPoolExecutor | None = None,
) -> tuple[int, list[Problem]]:
    """The regions on every worker, then Pagefind over their program pages while the portal is built:
    0 when all of it succeeded, and every data problem found (they are printed too).

    The portal reads every region's data, so it is built once the regions' builds found it valid;
    `eager` (the preview, rebuilding a region or two) starts it alongside them instead, and returns
    once the pages are in place: the preview shows them, then makes the search (`index_preview`). `rules`:
    the repository's own warnings (`repository_rules`), listed with the regions' problems.
    `portal_pool` (`worker_pool(once=True)`): the portal is built there instead, and Pagefind writes
    its index only once that worker has ended. With remote regions the portal's worker holds every
    region's plan (500 MB at 25,000 programs) and Pagefind's peak comes as it writes (1 GB): one
    after the other, not both at once (guide/portal.md, "Limits, measured").
    """
    building = pool.submit(run, portal) if eager else None
    futures = [pool.submit(run, job) for job in regions]
    results = [_finished(future.result()) for future in as_completed(futures)]
    found = sorted({problem for result in results for problem in result.problems} | set(rules))
    status = _report(found, results)
    if status != 0:
        if building is not None:
            building.result()
        return status, found
    building = building or (portal_pool or pool).submit(run, portal)
    if eager:
        result = _finished(building.result())
        if _report(list(result.problems), [result]) != 0:
            return 1, found + list(result.problems)
        _move_portal(out)
        return 0, found
    finished = building  # narrowed for the closure

    def portal_done() -> None:
        finished.exception()  # its failure is reported below, with its result
        if portal_pool is not None:
            portal_pool.shutdown(wait=True)

    try:
        index = _portal_index(portal.root, out, before_write=portal_done)
    except search_index.SearchIndexError as error:
        building.result()
        print(_SAY.say("search_failed", error=error), file=sys.stderr)
        return 1, found
    finally:
        search_index.drop_documents(out)
    result = _finished(building.result())
    if _report(list(result.problems), [result]) != 0:
        return 1, found + list(result.problems)
    _move_portal(out)
    offline.finish_portal(out)
    print(_SAY.say("search_built", programs=index.pages, seconds=f"{index.seconds:.1f}"), file=sys.stderr)
    return 0, found


def index_preview(root: Path, out: Path, regions: Collection[str], stop: Stop) -> set[str]:
    """The preview's search, once it shows the rebuilt pages: each rebuilt region's own index from the
    documents its build kept (its pages in the preview have no index of their own), then the portal's.
    Stopped by the next save, it gives back the regions whose index it did not make, their documents
    kept: the next search makes them (the next save may rebuild only another region)."""
    started = time.perf_counter()
    indexed: set[str] = set()

    def index_region(slug: str) -> None:
        if stop.asked:
            return
        bundle = out / slug / search_index.BUNDLE_DIR
        shutil.rmtree(bundle, ignore_errors=True)
        search_index.index_folder(out / slug / search_index.DOCUMENTS_DIR, bundle, stop=stop)
        indexed.add(slug)

    try:
        # Pagefind runs in processes of its own: one per core (the first preview indexes every region).
        with ThreadPoolExecutor(max_workers=default_workers()) as pool:
            list(pool.map(index_region, regions))
        stop.check()
        index = _portal_index(root, out, before_write=lambda: None, check=stop.check)
    except (search_index.SearchIndexError, Stopped) as error:
        if stop.asked:
            return set(regions) - indexed
        print(_SAY.say("search_failed", error=error), file=sys.stderr)
        return set()
    finally:
        if not stop.asked:
            search_index.drop_documents(out)
    print(
        _SAY.say("search_built", programs=index.pages, seconds=f"{time.perf_counter() - started:.1f}"), file=sys.stderr
    )
    return set()


def _portal_index(
    root: Path, out: Path, before_write: Callable[[], None], check: Callable[[], None] = lambda: None
) -> search_index.IndexReport:
    """Pagefind over the regions' program pages; with remote regions, their records too (one index),
    written once `before_write` returns."""
    local = bool(city_files(root))
    cached = any(isinstance(found, tuple) for found in remote_regions(root, reference_date()))
    if not cached:
        if local:
            # The regions' own indexes hold these pages already: joined, not indexed a second time.
            joined = join_region_bundles(out, sorted(city_files(root)), check)
            if joined is not None:
                return joined
            # What each region's Pagefind read of its pages, not the whole pages (macros.site.search_input).
            with search_index.portal_documents(out, PORTAL_INDEX_GLOB) as documents:
                return search_index.index_folder(documents, out / search_index.BUNDLE_DIR, PORTAL_INDEX_GLOB)
        return search_index.IndexReport(pages=0, seconds=0.0)  # no region fetched yet: nothing to search
    search_index.drop_documents(out)  # Pagefind reads the local regions' pages themselves there
    regions = (found for found in remote_regions(root, reference_date()) if isinstance(found, tuple))
    return build_portal_index(out, regions, PORTAL_INDEX_GLOB if local else None, before_write)


def fetch_remote_regions(root: Path, site_url: str | None) -> None:
    """Bring the regions of data/regions.yml into the cache; one warning line per region that failed.

    A failed region the cache never had is looked for in the combined JSON of the portal's published
    site, at `site_url`: the previous deploy."""
    if not read_sources(root)[0]:
        return
    started = time.perf_counter()
    previous = absolute_url(site_url, COMBINED_JSON)
    results, warnings = fetch_regions(root, reference_date(), previous=previous)
    for line in warnings:
        print(_SAY.say("fetch_warning", line=line), file=sys.stderr)
    fetched = sum(1 for result in results if result.failure is None)
    seconds = f"{time.perf_counter() - started:.1f}"
    print(_SAY.say("fetched", fetched=fetched, total=len(results), seconds=seconds), file=sys.stderr)


def _report(problems: list[Problem], results: list[JobResult]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors_in(problems):
        print(summary(problems), file=sys.stderr)
        return 1
    failures = [result for result in results if not result.ok]
    for failure in failures:
        print(_SAY.say("failed", name=failure.name, message=failure.message), file=sys.stderr)
    return 1 if failures else 0


def _move_portal(out: Path) -> None:
    """Move the portal's files to the root, beside the regions' folders."""
    staging = out / PORTAL_STAGING
    for entry in sorted(staging.iterdir()):
        target = out / entry.name
        if target.is_dir():  # a rebuild (make serve): the portal's previous files go
            shutil.rmtree(target)
        entry.replace(target)
    staging.rmdir()


def region_groups(root: Path, per_group: int = REGIONS_PER_JOB, most: int = MAX_JOBS) -> list[list[str]]:
    """The regions shared out over parallel jobs (a GitHub Actions matrix): about `per_group` programs'
    worth of regions each, at most `most` groups; none with one region (no portal to build)."""
    regions = sorted(city_files(root))
    if len(regions) < 2:
        return []
    count = min(most, -(-len(regions) // per_group))
    return [regions[index::count] for index in range(count)]


def _copy_prebuilt(prebuilt: Path, out: Path, root: Path) -> list[Problem]:
    """Put the regions built elsewhere (`--regions` in parallel jobs) into `out`; a missing one is an error."""
    problems = []
    for slug, file in city_files(root).items():
        built = prebuilt / slug
        if not (built / "index.html").is_file():
            problems.append(
                Problem(shown_path(file, root), 1, 1, "(build)", _SAY.say("not_built", folder=f"{prebuilt}/{slug}"))
            )
            continue
        shutil.copytree(built, out / slug)
    return problems


def build_portal(
    root: Path,
    out: Path,
    config_file: Path,
    engine: str,
    environment: dict[str, str],
    workers: int | None = None,
    *,
    regions: list[str] | None = None,
    prebuilt: Path | None = None,
) -> int:
    """Build the portal and every region into the empty folder `out`; 0 when all of it succeeded.

    `regions`: build only those, each into `out/<slug>/`, without the portal (one part of a build
    shared out over several machines). `prebuilt`: every region is already built there; build
    the portal and its search over them.
    """
    started = time.perf_counter()
    rules = repository_rules(root)
    if errors_in(rules):
        return _report(rules, [])
    site_url = read_site_config(root, config_file).site_url
    if regions is None:
        fetch_remote_regions(root, site_url)
    portal, jobs = site_jobs(root, out, config_file, engine, site_url=site_url, regions=regions)
    if prebuilt is not None:
        missing = _copy_prebuilt(prebuilt, out, root)
        if missing:
            return _report(missing, [])
        jobs = []
    workers = min(workers or default_workers(), max(1, len(jobs)))
    building = "building_regions" if regions is not None else "building_all"
    print(_SAY.say(building, count=len(jobs), workers=workers), file=sys.stderr)
    federated = regions is None and bool(read_sources(root)[0])
    with worker_pool(environment, workers) as pool, worker_pool(environment, 1, once=True) as portal_pool:
        if regions is not None:
            found = [_finished(future.result()) for future in as_completed([pool.submit(run, job) for job in jobs])]
            status = _report(sorted({p for result in found for p in result.problems} | set(rules)), found)
        else:
            status, _ = build_sites(pool, out, portal, jobs, rules, portal_pool=portal_pool if federated else None)
    if status == 0:
        print(_SAY.say("built", seconds=f"{time.perf_counter() - started:.1f}"), file=sys.stderr)
    return status
