"""How soon a preview sees a saved file: told by the kernel where it can, else polling often.

MkDocs' server looks at every watched file each 0.5 s, then waits until 0.1 s pass without a
change before it rebuilds: a save waited 0.35 s on average before its rebuild began, more than
a rebuild of a region of 100 programs takes from the page cache.

- **Events** (Linux's inotify) where every watched path is on a local file system that sends
  them (`EVENT_FILE_SYSTEMS`): a save is seen at once, and watching costs nothing between
  saves. Reading a file is no change: only writes, creations, removals and moves are asked for,
  or every build, which reads the data, would start the next.
- **Polling** everywhere else: other systems, and file systems whose changes send no event
  (WSL's Windows folders over 9p, network and FUSE mounts, Docker Desktop's shared folders),
  or when the kernel's limit of watches is reached. It is made as frequent as its cost allows:
  looking at a file takes about 15 µs here (1,000 program files: 14.6 ms a look), and the
  watcher may take 3 % of one core. A region of 100 programs, with this repository's code and
  pages also watched (about 350 files), is looked at every 0.18 s; one of 1,000 every 0.5 s,
  as before; never more often than every 0.1 s.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

FASTEST, SLOWEST = 0.1, 0.5  # seconds between looks; SLOWEST is MkDocs' own
SECONDS_PER_FILE = 15e-6  # one file's look (os.scandir and stat, in watchdog's snapshot)
SHARE_OF_A_CORE = 0.03
# Changes that come together (an editor writes and renames) arrive in one look when polling;
# the rebuild waits this long for quiet, instead of MkDocs' 0.1 s.
BUILD_DELAY = 0.02

# Local file systems whose changes reach inotify. Others (9p, drvfs, nfs, cifs, fuse.*, virtiofs…)
# may never say a word: they are polled.
EVENT_FILE_SYSTEMS = frozenset(
    {"ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "f2fs", "jfs", "bcachefs", "reiserfs"}
)
_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")
# What a change is; opening and reading a file without writing it are left out.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,  # closed after writing
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


def polling_seconds(paths: Iterable[Path]) -> float:
    """Seconds between looks at `paths` (files or folders, looked into at every depth)."""
    files = 0
    for path in paths:
        if path.is_dir():
            files += sum(len(names) + len(folders) for _, folders, names in os.walk(path))
        else:
            files += 1
    return min(SLOWEST, max(FASTEST, files * SECONDS_PER_FILE / SHARE_OF_A_CORE))


def file_system_type(path: Path, mounts: str) -> str | None:
    """The type of the file system holding `path`, from a mount table (/proc/self/mounts' lines)."""
    target, best, found = os.path.realpath(path), -1, None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # Spaces and the like in a mount point are written as octal escapes (\040); other text is UTF-8.
        point = _OCTAL_ESCAPE.sub(lambda escape: chr(int(escape.group(1), 8)), fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best:
            best, found = len(point), fields[2]
    return found


def sends_events(paths: Iterable[Path], mounts: str | None = None) -> bool:
    """Whether the kernel tells of changes under every one of `paths` (Linux, local file systems)."""
    if mounts is None:
        if not sys.platform.startswith("linux"):
            return False
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return all(file_system_type(path, mounts) in EVENT_FILE_SYSTEMS for path in paths)


def observer_for(paths: Iterable[Path], counted: Iterable[Path] = ()) -> BaseObserver:
    """The watcher for `paths` and `counted` (watched later): events where the kernel sends them and
    can watch them all now, else polling as often as `polling_seconds` allows."""
    everything = [Path(path) for path in [*paths, *counted]]
    if sys.platform.startswith("linux") and sends_events(everything) and _events_available(everything):
        return ChangeObserver()
    return PollingObserver(timeout=polling_seconds(everything))


if sys.platform.startswith("linux"):
    from watchdog.observers.inotify import InotifyObserver

    class ChangeObserver(InotifyObserver):
        """Inotify, told only of changes (`CHANGES`), whoever schedules a watch (MkDocs' server too)."""

        def schedule(
            self,
            event_handler: FileSystemEventHandler,
            path: str | Path,
            *,
            recursive: bool = False,
            event_filter: list[type[FileSystemEvent]] | None = None,
            follow_symlink: bool = False,
        ) -> ObservedWatch:
            return super().schedule(
                event_handler,
                path,
                recursive=recursive,
                event_filter=CHANGES if event_filter is None else event_filter,
                follow_symlink=follow_symlink,
            )

    def _events_available(paths: list[Path]) -> bool:
        """Whether inotify can watch all of `paths` now: a user's instances and watches are limited."""
        trial = ChangeObserver()
        try:
            for path in paths:
                if path.exists():
                    trial.schedule(FileSystemEventHandler(), str(path), recursive=path.is_dir())
            trial.start()
        except OSError:
            return False
        finally:
            if trial.is_alive():
                trial.stop()
                trial.join()
        return True


def quicken(server: Any, watched: Iterable[str], watched_later: Iterable[str] = ()) -> None:
    """Give MkDocs' live-reload `server` the watcher `observer_for` chooses, and a shorter wait for quiet.

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
    server.observer = observer_for([Path(path) for path in moved], counted=[Path(path) for path in watched_later])
    for path in moved:
        server.watch(path)
    server.build_delay = BUILD_DELAY
