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

from macros.data.plan.load import DATA_SUFFIXES, city_files
from macros.data.plan.problems import Problem, errors_in
from macros.data.portal.regions import PORTAL_FOLDER, repository_rules
from macros.data.settings.config import read_site_config
from macros.render.problem_page import problem_document
from macros.site.build import publishes_portal
from macros.site.offline import PREVIEW_ENV
from macros.site.portal_build import build_sites, default_workers, site_jobs, worker_pool

log = logging.getLogger("mkdocs.rencana.preview")

# What a preview watches, beside mkdocs.yml: the data, the pages, the templates, the code.
WATCHED = ("data", "docs", PORTAL_FOLDER, "overrides", "macros")
# How often the watcher looks for changes (MkDocs' own: 0.5 s); a saved file shows within 2 s.
POLLING_SECONDS = 0.25
# Beside the sites in the preview's folder: a region's slug never starts with a dot.
PROBLEMS_FOLDER = ".problems"


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

    def build(self, regions: set[str] | None) -> None:
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
                print("The preview shows the site as it was before; fix the problems above.", file=sys.stderr)
            return
        self.showing = self.out
        print(f"Preview rebuilt in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    def _show_problems(self, problems: list[Problem]) -> None:
        """Every address of the preview shows the problems until the next good build."""
        self.problems.mkdir(exist_ok=True)
        page = problem_document(problems)
        for name in ("index.html", "404.html"):
            (self.problems / name).write_text(page, encoding="utf-8")
        self.showing = self.problems
        print("The preview shows these problems at every address until they are fixed.", file=sys.stderr)

    def rebuild(self) -> None:
        self.build(regions_to_rebuild(self.root, self.changed.take(), self.regions))


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def serve_portal(root: Path, config_file: Path, host: str, port: int, engine: str) -> int:
    livereload = importlib.import_module(f"{engine}.livereload")
    mount_path = urlsplit(read_site_config(root).site_url or "/").path or "/"
    serve_url = f"http://{host}:{port}{mount_path.rstrip('/')}/"
    out = Path(tempfile.mkdtemp(prefix="rencana-serve-"))
    signal.signal(signal.SIGTERM, _stop)  # stopped by another program: clean up as after Ctrl+C
    workers = default_workers()
    try:
        # No offline worker in the preview: its sites get the kill switch (macros.site.offline).
        with worker_pool({**os.environ, PREVIEW_ENV: "1"}, workers) as pool:
            preview = PortalPreview(root, out, config_file, engine, serve_url, pool)
            print(f"Building the portal and {len(preview.regions)} regions on {workers} cores…", file=sys.stderr)
            preview.build(None)

            def rebuild() -> None:
                preview.rebuild()
                server.root = str(preview.showing)  # read on every request

            server = livereload.LiveReloadServer(
                builder=rebuild,
                host=host,
                port=port,
                root=str(preview.showing),
                mount_path=mount_path,
                polling_interval=POLLING_SECONDS,
            )
            server.error_handler = lambda code: (preview.showing / "404.html").read_bytes() if code == 404 else None
            watched = [root / name for name in WATCHED if (root / name).is_dir()] + [config_file]
            for path in watched:
                server.watch(str(path))
                server.observer.schedule(preview.changed, str(path), recursive=path.is_dir())
            print(f"Serving the portal on {serve_url}", file=sys.stderr)
            try:
                server.serve()
            except KeyboardInterrupt:
                print("Shutting down…", file=sys.stderr)
            finally:
                server.shutdown()
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


def serve(root: Path, config_file: Path, dev_addr: str, engine: str = "mkdocs") -> int:
    """One region (or CITY): `<engine> serve`, as ever. Several: the portal and every region."""
    if not publishes_portal(root):
        command = [sys.executable, "-m", engine, "serve", "--dev-addr", dev_addr, "--config-file", str(config_file)]
        return subprocess.call(command, cwd=root)
    host, _, port = dev_addr.rpartition(":")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    return serve_portal(root, config_file, host or "127.0.0.1", int(port), engine)
