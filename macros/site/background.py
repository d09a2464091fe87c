"""Bytes made by a second process while this one goes on: the build has two cores and uses one.

The plan's Excel workbook takes about a tenth of a build (openpyxl is pure Python) and no
page needs it until its file is copied: a child forked from the build makes it while the
pages render. Forked, the child has the plan already: nothing is pickled or loaded again.

The child runs only the given function on data no other thread touches, writes its answer
to a temporary file and leaves with `os._exit`: none of the parent's threads (the Git
history's reader) or exit handlers run in it. Where there is no `fork` (Windows), or a
child fails, the bytes are made in this process, so a bug raises here as it would without.
"""

from __future__ import annotations

import atexit
import os
import signal
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Children whose answer nobody has asked for yet; a failed build stops them (`cancel_all`).
_running: set[Made] = set()


class Made:
    """Bytes being made by `make` in a child process; `result()` waits for them."""

    def __init__(self, make: Callable[[], bytes]) -> None:
        self._make = make
        self._bytes: bytes | None = None
        self._pid = 0
        self._answer = ""
        if not hasattr(os, "fork"):
            return
        descriptor, self._answer = tempfile.mkstemp(prefix="rencana-", suffix=".part")
        with warnings.catch_warnings():
            # Python 3.12+ warns when a process with threads forks; see the module's docstring.
            warnings.simplefilter("ignore", DeprecationWarning)
            self._pid = os.fork()
        if self._pid == 0:
            _child(make, descriptor)
        os.close(descriptor)
        _running.add(self)

    def result(self) -> bytes:
        if self._bytes is None:
            self._bytes = self._collect()
        return self._bytes

    def _collect(self) -> bytes:
        if not self._pid:
            return self._make()
        _running.discard(self)
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        try:
            with open(self._answer, "rb") as answer:
                made = answer.read()
        finally:
            os.unlink(self._answer)
        if os.waitstatus_to_exitcode(status) != 0:
            return self._make()  # the child's failure, raised here with its traceback
        return made

    def cancel(self) -> None:
        if not self._pid:
            return
        _running.discard(self)
        os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._pid = 0
        os.unlink(self._answer)


def _child(make: Callable[[], bytes], descriptor: int) -> None:
    status = 1
    try:
        made = make()
        with os.fdopen(descriptor, "wb") as answer:
            answer.write(made)
        status = 0
    finally:
        os._exit(status)


def cancel_all() -> None:
    """Stop the children of a build that failed before it needed their bytes."""
    for made in list(_running):
        made.cancel()


atexit.register(cancel_all)  # a serve stopped mid-build leaves no child and no temporary file


# A preview's last step, its search index, still running after its build (`after_build`): set once
# it is over. Not `Thread.join`: a join cut short by Ctrl+C marks the thread as ended while it still
# runs (CPython 3.11), and the preview's end would then remove the folder the search writes into.
_after_build: threading.Event | None = None
_stop: Stop | None = None


class Stopped(Exception):
    """Raised by `Stop.check` in a task asked to stop."""


class Stop:
    """Whether the next build asked the task `after_build` runs to stop, and what stops it at once.

    A preview's search takes about as long as its build: a save within a second of the last one used
    to wait for the last search, whose index the next build makes obsolete. The task stops where it
    can: it checks `asked` between steps, and a step that waits on another process runs inside
    `halted_by`, so that asking kills that process instead of waiting for it."""

    def __init__(self) -> None:
        self._asked = threading.Event()
        self._lock = threading.Lock()
        self._halts: list[Callable[[], None]] = []

    @property
    def asked(self) -> bool:
        return self._asked.is_set()

    def check(self) -> None:
        """Raise Stopped if asked: for a step of Python's own, between its parts."""
        if self._asked.is_set():
            raise Stopped

    def ask(self) -> None:
        with self._lock:
            self._asked.set()
            halts = list(self._halts)
        for halt in halts:  # in the asking thread: each must only make the step return soon
            halt()

    @contextmanager
    def halted_by(self, halt: Callable[[], None]) -> Iterator[None]:
        """Inside, a stop asked (even before) runs `halt`."""
        with self._lock:
            self._halts.append(halt)
            asked = self._asked.is_set()
        if asked:
            halt()
        try:
            yield
        finally:
            with self._lock:
                self._halts.remove(halt)


def after_build(task: Callable[[Stop], None]) -> None:
    """Run `task` in a thread once the build is over: a preview serves the rebuilt pages at once and
    its search follows a moment later. The next build and the preview's end stop it and wait for it to
    end (`stop_after_build`)."""
    global _after_build, _stop
    wait_after_build()
    over, stop = threading.Event(), Stop()

    def run() -> None:
        try:
            task(stop)
        finally:
            over.set()

    _after_build, _stop = over, stop
    threading.Thread(target=run, name="rencana-after-build", daemon=True).start()


def stop_after_build() -> None:
    """Ask the task of the last `after_build` to stop, and return once it is over: the next build
    makes its work again, and the preview's end removes the folder it writes into."""
    if _stop is not None:
        _stop.ask()
    wait_after_build()


def wait_after_build() -> None:
    """Return once the task of the last `after_build` is over (before MkDocs empties the site's folder)."""
    global _after_build, _stop
    if _after_build is not None:
        _after_build.wait()
        _after_build, _stop = None, None
