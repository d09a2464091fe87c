"""Folders made once per test run and shared by every pytest-xdist worker.

A built fixture site costs seconds of CPU; with the suite spread over several worker processes,
a session fixture would build it once per worker. `shared_folder` builds it once for the whole
run: the first worker to ask takes a file lock and makes it, the others wait for the lock and
find it made. The folder lives beside the workers' own temporary folders (pytest's base temp
for the run), so it goes when pytest cleans its old runs, like every other temporary folder.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

_DONE = ".made"  # written last: a folder without it was left half made by a failed attempt


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this run, shared by its workers (each worker's own folder is inside it)."""
    base = factory.getbasetemp()
    # A worker's own folder is `popen-<worker>` inside the run's. The variable alone is not enough:
    # a pytest started by a test (test_adoption's) inherits it, and must not share this run's sites.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return base.parent if worker and base.name == f"popen-{worker}" else base


def shared_folder(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`make(folder)` once per run, whichever worker asks first; the folder for every worker."""
    shared = run_folder(factory) / "shared"
    shared.mkdir(exist_ok=True)
    folder = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if `make` fails
        if not (folder / _DONE).exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / _DONE).touch()
    return folder
