"""Stopping `make serve` (SIGTERM to make, as a process manager or an IDE does) stops everything it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import REPO, city, make_portal_project, make_project, program

pytestmark = pytest.mark.slow  # starts the preview server and stops it

MAKE = ("make", "--no-print-directory", "-f", str(REPO / "Makefile"), "-o", ".venv/.installed", f"PY={sys.executable}")
DEADLINE_SECONDS = 240  # the whole portal's first build on a busy machine; the tests wait for events, not this


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def session_processes(session: int) -> list[str]:
    """`pid command` of every process still in the session `make serve` was started in."""
    listed = subprocess.run(["ps", "-e", "-o", "sid=,pid=,args="], capture_output=True, text=True, check=True)
    found = []
    for line in listed.stdout.splitlines():
        sid, pid, args = line.split(None, 2)
        if int(sid) == session and int(pid) != os.getpid():
            found.append(f"{pid} {args}")
    return found


def wait_until(condition: object, what: str) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"never happened: {what}")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except urllib.error.HTTPError:
        return True  # a 404 page is an answer: the server is up
    except OSError:
        return False


def port_is_free(port: int) -> bool:
    """Free for the next `make serve`: no socket listens on it (connections closing in TIME_WAIT do not count,
    as for every server that sets SO_REUSEADDR, MkDocs' among them)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.mark.parametrize("kind", ["region", "portal"])
def test_sigterm_to_make_serve_leaves_no_process_and_frees_the_port(tmp_path: Path, kind: str) -> None:
    project = tmp_path / "project"
    if kind == "region":
        make_project(project, city(), [program("GOV-01")])
    else:
        make_portal_project(project)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    make = subprocess.Popen(
        [*MAKE, f"SERVE_ADDR=127.0.0.1:{port}", "serve"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own session: every process it starts can be found, and cleaned up
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        wait_until(lambda: answers(f"http://127.0.0.1:{port}/") or make.poll() is not None, "the preview answers")
        assert make.poll() is None, (tmp_path / "serve.log").read_text()
        assert len(session_processes(make.pid)) >= 2  # make and what it started

        make.send_signal(signal.SIGTERM)
        make.wait(timeout=60)
        wait_until(lambda: not session_processes(make.pid), "every process of make serve stopped")
        assert port_is_free(port)
    finally:
        left = session_processes(make.pid)
        if left:
            os.killpg(make.pid, signal.SIGKILL)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
