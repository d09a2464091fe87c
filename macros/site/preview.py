"""`make serve`: a live preview, of one region as `mkdocs serve` gives it, or of the portal and every region.

With several regions the whole portal is built once into a temporary folder, served by
MkDocs' own live-reload server (the browser reloads after each rebuild), and rebuilt in
part on every change: an edit to one region's data rebuilds that region, the portal's
pages (their figures) and the portal's search, in the worker processes kept warm
between rebuilds; a change to the pages, templates or code rebuilds everything.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from macros.data.language.catalog import Catalog
from macros.data.plan.load import DATA_SUFFIXES, city_files
from macros.data.plan.problems import Problem, errors_in
from macros.data.plan.today import date_from_environment
from macros.data.portal.regions import PORTAL_FOLDER, repository_rules
from macros.data.settings.config import read_site_config
from macros.render.problem_page import problem_document
from macros.site import background, watcher
from macros.site.build import publishes_portal
from macros.site.offline import PREVIEW_ENV
from macros.site.portal_build import build_sites, default_workers, index_preview, site_jobs, worker_pool
from macros.site.search_merge import keep_reads

log = logging.getLogger("mkdocs.rencana.preview")

# What a preview watches, beside mkdocs.yml: the data, the pages, the templates, the code.
WATCHED = ("data", "docs", PORTAL_FOLDER, "overrides", "macros")
# Beside the sites in the preview's folder: a region's slug never starts with a dot.
PROBLEMS_FOLDER = ".problems"
# How often the preview looks whether `make` (its parent) is still there.
PARENT_POLLING_SECONDS = 0.5
# How long `mkdocs serve` may take to stop before it is killed.
STOP_SECONDS = 20

_SAY = Catalog(
    "site.preview",
    {
        "as_before": (
            "Pratinjau menampilkan situs seperti sebelumnya; perbaiki masalah di atas.",
            "The preview shows the site as it was before; fix the problems above.",
        ),
        "rebuilt": ("Pratinjau dibangun ulang dalam {seconds} detik", "Preview rebuilt in {seconds} s"),
        "problems_shown": (
            "Pratinjau menampilkan masalah ini di setiap alamat sampai diperbaiki.",
            "The preview shows these problems at every address until they are fixed.",
        ),
        "building": (
            "Membangun portal dan {regions} daerah dengan {workers} inti prosesor…",
            "Building the portal and {regions} regions on {workers} cores…",
        ),
        "serving": ("Portal tersedia di {url}", "Serving the portal on {url}"),
        "stopping": ("Menghentikan…", "Shutting down…"),
    },
)


class ChangedFiles:
    """The paths changed since the last rebuild, recorded by the file watcher's thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[Path] = set()

    def dispatch(self, event: Any) -> None:  # a watchdog event handler
        if event.is_directory:
            return
        with self._lock:
            for attribute in ("src_path", "dest_path"):
                if getattr(event, attribute, None):
                    self._paths.add(Path(getattr(event, attribute)))

    def take(self) -> set[Path]:
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


def regions_to_rebuild(root: Path, changed: set[Path], known: set[str]) -> set[str] | None:
    """The regions whose data changed, or None when everything must be rebuilt (pages, templates, code,
    a region added or removed). An empty set: only the portal's own pages changed."""
    regions: set[str] = set()
    for path in changed:
        try:
            parts = path.resolve().relative_to(root).parts
        except ValueError:
            return None
        if parts[:1] == (PORTAL_FOLDER,):
            continue
        if parts[:2] == ("data", "cities") and len(parts) == 3 and path.suffix in DATA_SUFFIXES:
            regions.add(path.stem)
        elif parts[:2] == ("data", "programs") and len(parts) > 3:
            regions.add(parts[2])
        else:
            return None
    return regions if regions <= known and set(city_files(root)) == known else None


class PortalPreview:
    """Builds the portal into `out` on demand; the live-reload server calls `rebuild` after changes.

    While the data has errors the preview serves `problems` instead, a folder whose one page
    lists them (like `mkdocs serve` of one region): `showing` is the folder to serve.
    """

    def __init__(self, root: Path, out: Path, config_file: Path, engine: str, site_url: str, pool: Any) -> None:
        self.root, self.out, self.config_file, self.engine = root, out, config_file, engine
        self.site_url, self.pool = site_url, pool
        self.changed = ChangedFiles()
        self.regions = set(city_files(root))
        self.problems = out / PROBLEMS_FOLDER
        self.showing = out
        self.unindexed: set[str] = set()  # regions whose search a newer save stopped before it was made

    def build(self, regions: set[str] | None) -> None:
        background.stop_after_build()  # the last build's search: obsolete, and in the folders written again
        started = time.perf_counter()
        rules = repository_rules(self.root)
        if errors_in(rules):
            for problem in rules:
                print(problem, file=sys.stderr)
            self._show_problems(rules)
            return
        if regions is None:
            self.regions = set(city_files(self.root))
        portal, jobs = site_jobs(
            self.root, self.out, self.config_file, self.engine, site_url=self.site_url, regions=regions
        )
        status, problems = build_sites(self.pool, self.out, portal, jobs, rules, eager=True)
        if status != 0:
            shutil.rmtree(portal.site_dir, ignore_errors=True)
            if errors_in(problems):
                self._show_problems(problems)
            else:
                print(_SAY.say("as_before"), file=sys.stderr)
            return
        self.showing = self.out
        print(_SAY.say("rebuilt", seconds=f"{time.perf_counter() - started:.1f}"), file=sys.stderr)
        # The pages are shown as this returns (the server reloads the browser); the search follows.
        rebuilt = {job.role.region for job in jobs if job.role.region} | (self.unindexed & self.regions)
        background.after_build(lambda stop: self._search(sorted(rebuilt), stop))

    def _search(self, regions: list[str], stop: background.Stop) -> None:
        self.unindexed = index_preview(self.root, self.out, regions, stop)

    def _show_problems(self, problems: list[Problem]) -> None:
        """Every address of the preview shows the problems until the next good build."""
        self.problems.mkdir(exist_ok=True)
        page = problem_document(problems)
        for name in ("index.html", "404.html"):
            (self.problems / name).write_text(page, encoding="utf-8")
        self.showing = self.problems
        print(_SAY.say("problems_shown"), file=sys.stderr)

    def rebuild(self) -> None:
        self.build(regions_to_rebuild(self.root, self.changed.take(), self.regions))


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    """Ctrl+C (SIGINT) and SIGTERM stop the preview and everything it started.

    SIGINT's own handler is set again: a shell without job control starts a background command
    with SIGINT ignored, and so would everything it starts (a script's `make serve &`, a tool
    running the tests in the background), which left a preview that Ctrl+C could not stop.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop)


def _stop_with_parent() -> None:
    """Stop as after Ctrl+C when the process that started the preview goes away.

    `make` passes no SIGTERM on to what it runs: a `make serve` stopped by another program
    would leave the preview (and its server, holding the port) behind with parent 1.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLLING_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="rencana-parent-watch", daemon=True).start()


def serve_region(command: list[str], root: Path) -> int:
    """`<engine> serve` of one region, stopped with the preview (Ctrl+C, SIGTERM, or `make` gone)."""
    _stop_on_signals()
    _stop_with_parent()
    with subprocess.Popen(command, cwd=root) as server:
        try:
            return server.wait()
        except KeyboardInterrupt:
            # Ctrl+C reached the server too (same process group); a SIGTERM to this process did not.
            server.terminate()
            try:
                server.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                server.kill()
            return 0


def serve_portal(root: Path, config_file: Path, host: str, port: int, engine: str) -> int:
    livereload = importlib.import_module(f"{engine}.livereload")
    mount_path = urlsplit(read_site_config(root, config_file).site_url or "/").path or "/"
    serve_url = f"http://{host}:{port}{mount_path.rstrip('/')}/"
    out = Path(tempfile.mkdtemp(prefix="rencana-serve-"))
    _stop_on_signals()  # stopped by another program: clean up as after Ctrl+C
    _stop_with_parent()
    workers = default_workers()
    keep_reads()  # the portal's search is joined again after every edit, mostly from the same bundles
    try:
        # No offline worker in the preview: its sites get the kill switch (macros.site.offline).
        with worker_pool({**os.environ, PREVIEW_ENV: "1"}, workers) as pool:
            preview = PortalPreview(root, out, config_file, engine, serve_url, pool)
            print(_SAY.say("building", regions=len(preview.regions), workers=workers), file=sys.stderr)
            preview.build(None)

            watched = [root / name for name in WATCHED if (root / name).is_dir()] + [config_file]

            def rebuild() -> None:
                preview.rebuild()
                server.root = str(preview.showing)  # read on every request

            server = livereload.LiveReloadServer(
                builder=rebuild,
                host=host,
                port=port,
                root=str(preview.showing),
                mount_path=mount_path,
            )
            server.observer = watcher.observer_for(watched)  # before any watch: none is moved
            server.build_delay = watcher.BUILD_DELAY
            server.error_handler = lambda code: (preview.showing / "404.html").read_bytes() if code == 404 else None
            for path in watched:
                server.watch(str(path))
                server.observer.schedule(preview.changed, str(path), recursive=path.is_dir())
            print(_SAY.say("serving", url=serve_url), file=sys.stderr)
            try:
                server.serve()
            except KeyboardInterrupt:
                print(_SAY.say("stopping"), file=sys.stderr)
            finally:
                server.shutdown()
                background.stop_after_build()
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


def serve(root: Path, config_file: Path, dev_addr: str, engine: str = "mkdocs") -> int:
    """One region (or CITY): `<engine> serve`, as ever. Several: the portal and every region."""
    # A date that is none (RENCANA_TODAY, SOURCE_DATE_EPOCH): one line here, before MkDocs starts; an
    # empty SOURCE_DATE_EPOCH goes, or MkDocs would stop on it.
    date_from_environment(os.environ)
    if not publishes_portal(root):
        command = [sys.executable, "-m", engine, "serve", "--dev-addr", dev_addr, "--config-file", str(config_file)]
        return serve_region(command, root)
    host, _, port = dev_addr.rpartition(":")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        return serve_portal(root, config_file, host or "127.0.0.1", int(port), engine)
    except KeyboardInterrupt:  # stopped while the first build ran: the pool and folder are cleaned up
        return 0
