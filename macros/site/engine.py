"""One site built inside this process, as `mkdocs build --strict` builds it, in a given role.

`macros.site.portal_build` runs these in worker processes, one region after another in
each: a worker imports MkDocs, Material and the plugins once and keeps the compiled
theme (`macros.site.theme.COMPILED_TEMPLATES`) for every region it builds, where a
child process per region would pay for all of that forty times over. The engine is
MkDocs or ProperDocs (guide/engine.md), imported by name: they share their layout.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.data.plan.problems import Problem
from macros.site import state
from macros.site.state import Role

# Where the engines log (ProperDocs under its own name); `--strict` counts their warnings.
ENGINE_LOGGERS = ("mkdocs", "properdocs")


@dataclass(frozen=True)
class SiteJob:
    root: Path
    config_file: Path
    site_dir: Path
    site_url: str | None
    role: Role
    engine: str = "mkdocs"
    docs_dir: Path | None = None  # the portal's pages are in portal/, not docs/

    @property
    def name(self) -> str:
        return self.role.region or "portal"


@dataclass(frozen=True)
class JobResult:
    name: str
    ok: bool
    seconds: float
    problems: tuple[Problem, ...] = ()  # the data's errors and warnings (a region's build)
    message: str = ""  # what else went wrong
    pages: int = 0


class _RegionName(logging.Filter):
    """Prefixes every log line with the site it comes from: workers build many, interleaved."""

    site = ""

    def filter(self, record: logging.LogRecord) -> bool:
        record.site = _RegionName.site
        return True


def start_worker(environment: dict[str, str]) -> None:
    """Initialise a worker process: the build's environment (SOURCE_DATE_EPOCH), warnings on stderr."""
    os.environ.update(environment)
    # Ctrl+C reaches every process of the terminal: the process that started the workers stops them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(site)s: %(message)s"))
    handler.addFilter(_RegionName())
    handler.setLevel(logging.WARNING)
    for name in ENGINE_LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _engine(name: str) -> tuple[Any, Any, type[BaseException]]:
    if name != "mkdocs":
        # ProperDocs answers the plugins' and hooks' `import mkdocs.*` once this module is loaded,
        # as its own command line does first.
        importlib.import_module(f"{name}.replacement")
    config = importlib.import_module(f"{name}.config")
    build = importlib.import_module(f"{name}.commands.build")
    exceptions = importlib.import_module(f"{name}.exceptions")
    return config.load_config, build.build, exceptions.MkDocsException


_git_asked_once = False


def ask_git_once() -> None:
    """Keep mkdocs-macros' answer from Git for the whole process.

    On every build mkdocs-macros starts 12 `git` processes for facts about the last commit
    (its `git` variable, which no page here uses): a worker building forty regions would start
    480 of them for one answer, and `mkdocs serve` 12 on every save (30 to 40 ms of each
    rebuild). Done after the engine is imported: under ProperDocs the plugin's `import mkdocs`
    needs it first.
    """
    global _git_asked_once
    if not _git_asked_once:
        context: Any = importlib.import_module("mkdocs_macros.context")
        context.get_git_info = functools.cache(context.get_git_info)
        _git_asked_once = True


def run(job: SiteJob) -> JobResult:
    """Build `job`'s site into its folder; failures are returned, never raised.

    The data's problems come back as they are (`macros.site.state.found`, set by the hooks),
    so that the caller can list those of every region together, each once.
    """
    started = time.perf_counter()
    _RegionName.site = job.name
    load_config, build, engine_error = _engine(job.engine)
    ask_git_once()
    state.set_role(job.role)
    overrides: dict[str, Any] = {"site_dir": str(job.site_dir), "site_url": job.site_url, "strict": True}
    if job.docs_dir is not None:
        overrides["docs_dir"] = str(job.docs_dir)
    try:
        config = load_config(config_file=str(job.config_file), **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (engine_error, OSError) as error:
        problems = tuple(state.found())
        return JobResult(job.name, False, time.perf_counter() - started, problems, str(error) or repr(error))
    finally:
        state.set_role(state.ALONE)
    pages = sum(1 for _ in job.site_dir.rglob("index.html"))
    return JobResult(job.name, True, time.perf_counter() - started, tuple(state.found()), pages=pages)
