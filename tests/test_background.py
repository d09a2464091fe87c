"""Bytes made by a second process while the build goes on (macros.site.background)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from macros.site import background

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="made in the build's own process without fork")


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The children's temporary files in a folder of this test's own: builds running beside it
    (other workers of the suite, other programs) make and remove theirs in the shared one."""
    folder = tmp_path / "temporary"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def _parts() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("rencana-*.part"))


def test_the_bytes_are_made_by_another_process_and_kept() -> None:
    before = _parts()
    # The maker's process id, padded past what a pipe holds (a workbook is megabytes).
    made = background.Made(lambda: str(os.getpid()).encode().ljust(200_000, b"."))
    answer = made.result()
    assert len(answer) == 200_000
    assert int(answer.rstrip(b".")) != os.getpid()
    assert made.result() is answer  # asked again: the same bytes, no second child
    assert _parts() == before  # the child's temporary file is gone


def test_the_parent_goes_on_while_the_child_works(tmp_path: Path) -> None:
    go = tmp_path / "go"

    def waits_for_the_parent() -> bytes:
        # Made in this process, it would wait in vain: the parent writes `go` only once Made returns.
        for _ in range(200):
            if go.exists():
                return b"the parent went on"
            time.sleep(0.05)
        return b"the parent waited"

    made = background.Made(waits_for_the_parent)
    go.write_text("")
    assert made.result() == b"the parent went on"


def test_a_failing_child_raises_its_error_here() -> None:
    def failing() -> bytes:
        raise ValueError("a bug in the workbook")

    with pytest.raises(ValueError, match="a bug in the workbook"):
        background.Made(failing).result()


def test_a_failed_build_stops_its_children(tmp_path: Path) -> None:
    flag = tmp_path / "finished"

    def long() -> bytes:
        time.sleep(2)
        flag.write_text("the child was not stopped")
        return b""

    before = _parts()
    made = background.Made(long)
    assert made in background._running
    background.cancel_all()
    assert not background._running
    time.sleep(2.5)
    assert not flag.exists()
    assert _parts() == before


class _Interrupted(Exception):
    """Raised in the main thread by a signal, as Ctrl+C raises KeyboardInterrupt there."""


def test_a_wait_cut_short_by_ctrl_c_still_leaves_the_next_wait_to_wait() -> None:
    # `mkdocs serve` stopped while the next build waits for the last one's search: MkDocs then calls
    # on_shutdown, which waits again before it removes the preview's folder. A `Thread.join` cut short
    # by a signal marks the thread as ended while it runs (CPython 3.11), so the removal used to race
    # the search still writing there: "Directory not empty".
    release, finished = threading.Event(), threading.Event()

    def search(stop: background.Stop) -> None:
        release.wait(30)
        finished.set()

    def interrupt(*_: object) -> None:
        raise _Interrupted

    background.after_build(search)
    previous = signal.signal(signal.SIGUSR1, interrupt)
    try:
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGUSR1)).start()
        with pytest.raises(_Interrupted):
            background.wait_after_build()  # the next build's first step
    finally:
        signal.signal(signal.SIGUSR1, previous)
    threading.Timer(0.2, release.set).start()
    background.wait_after_build()  # on_shutdown
    assert finished.is_set()


def test_the_next_build_stops_the_last_search_and_kills_the_process_it_waits_on() -> None:
    # A save within a second of the last one used to wait for the last search, which the new build
    # makes again: the preview's rebuild waited 1.6 s for it in a portal of 10 × 50.
    seen: dict[str, object] = {}

    def search(stop: background.Stop) -> None:
        with (
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as pagefind,
            stop.halted_by(pagefind.kill),
        ):
            seen["status"] = pagefind.wait()
        seen["asked"] = stop.asked

    background.after_build(search)
    background.stop_after_build()  # the next build's first step
    assert seen == {"status": -signal.SIGKILL, "asked": True}


def test_a_step_that_begins_after_the_stop_is_halted_as_it_begins() -> None:
    stop = background.Stop()
    halted: list[str] = []
    with stop.halted_by(lambda: halted.append("early")):
        pass
    stop.ask()
    assert halted == []  # a step over before the stop is not halted
    with stop.halted_by(lambda: halted.append("late")):
        assert halted == ["late"]
    stop.ask()
    assert halted == ["late"]  # nor once it is over


def test_the_preview_end_waits_for_a_search_that_stops_only_between_steps() -> None:
    # A step that cannot be halted (writing the bundle) runs to its end: the folder stays until then.
    written = threading.Event()

    def search(stop: background.Stop) -> None:
        time.sleep(0.3)
        written.set()

    background.after_build(search)
    background.stop_after_build()  # on_shutdown
    assert written.is_set()
