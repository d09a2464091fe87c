"""How soon a preview sees a saved file: polling as often as a small share of a core allows.

MkDocs' server looks at every watched file each 0.5 s, then waits until 0.1 s pass without a
change before it rebuilds: a save waited 0.35 s on average before its rebuild began, more than
a rebuild of a region of 100 programs takes from the page cache. Polling stays (it sees
changes on every file system, where events do not reach WSL from a Windows folder); it is
only made as frequent as its cost allows: looking at a file takes about 15 µs here (1,000
program files: 14.6 ms a look), and the watcher may take 3 % of one core. A region of 100
programs, with this repository's code and pages also watched (about 350 files), is looked at
every 0.18 s; one of 1,000 every 0.5 s, as before; never more often than every 0.1 s.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.observers.polling import PollingObserver

FASTEST, SLOWEST = 0.1, 0.5  # seconds between looks; SLOWEST is MkDocs' own
SECONDS_PER_FILE = 15e-6  # one file's look (os.scandir and stat, in watchdog's snapshot)
SHARE_OF_A_CORE = 0.03
# Changes that come together (an editor writes and renames) arrive in one look when polling;
# the rebuild waits this long for quiet, instead of MkDocs' 0.1 s.
BUILD_DELAY = 0.02


def polling_seconds(paths: Iterable[Path]) -> float:
    """Seconds between looks at `paths` (files or folders, looked into at every depth)."""
    files = 0
    for path in paths:
        if path.is_dir():
            files += sum(len(names) + len(folders) for _, folders, names in os.walk(path))
        else:
            files += 1
    return min(SLOWEST, max(FASTEST, files * SECONDS_PER_FILE / SHARE_OF_A_CORE))


def quicken(server: Any, watched: Iterable[str], watched_later: Iterable[str] = ()) -> None:
    """Give MkDocs' live-reload `server` a watcher that looks as often as `polling_seconds` allows.

    Called from `on_serve`, before the server starts. `watched`: the paths MkDocs may be watching
    by then (the docs, mkdocs.yml, the theme's folders with `--watch-theme`); those it is watching
    move to the new watcher, through the server's own `unwatch` (which raises for a path it does
    not watch) and `watch`. `watched_later`: what MkDocs watches after `on_serve` (`watch:` in
    mkdocs.yml), counted in the cost.
    """
    moved = []
    for path in dict.fromkeys(os.path.abspath(path) for path in watched):
        try:
            server.unwatch(path)
        except KeyError:
            continue
        moved.append(path)
    server.observer = PollingObserver(timeout=polling_seconds(Path(path) for path in [*moved, *watched_later]))
    for path in moved:
        server.watch(path)
    server.build_delay = BUILD_DELAY
