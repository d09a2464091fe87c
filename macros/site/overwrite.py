"""A preview's rebuild writes over the last build's files instead of into an emptied folder.

MkDocs empties the site's folder before every build (`clean_directory`) and makes every folder
and file again. Here a new file in a new folder takes about 0.7 ms, writing over one that is
there a tenth of that: at 100 programs, making them again was a third of a preview's rebuild
(0.16 s of 0.5 s). `clean_directory` leaves names that start with a dot, so the last build's
files are moved into such a folder before it runs (`set_aside`, from `on_pre_build`) and back
once it has (`put_back`, from `on_files`); MkDocs then writes over them. What this build did not
write is removed once it is over (`remove_stale`, from `on_post_build`): a file is this build's
when its time of change is not before the mark `put_back` left, read from the same clock.

Only previews do this (`mkdocs serve`, the portal's `make serve`): their folder is their own and
temporary. A published build still starts from an empty folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

# Inside the site's folder, hidden from `clean_directory`, while MkDocs empties the rest.
ASIDE = ".rencana-last-build"
# Touched as this build begins to write: the file system's clock, which stamps the files written.
MARK = ".rencana-build-mark"


def set_aside(site: Path) -> None:
    """Move the last build's files out of `clean_directory`'s way (names with a dot stay)."""
    if not site.is_dir():
        return
    aside = site / ASIDE
    shutil.rmtree(aside, ignore_errors=True)  # a build stopped between set_aside and put_back
    entries = [entry for entry in site.iterdir() if not entry.name.startswith(".")]
    if not entries:
        return
    aside.mkdir()
    for entry in entries:
        # One that cannot move (held open on Windows) is left to MkDocs' emptying, as without this.
        with contextlib.suppress(OSError):
            entry.replace(aside / entry.name)


def put_back(site: Path) -> None:
    """Return the last build's files where MkDocs will write over them, and mark the time."""
    aside = site / ASIDE
    if aside.is_dir():
        for entry in aside.iterdir():
            target = site / entry.name
            if not target.exists():  # MkDocs wrote nothing before on_files; if it did, its file wins
                with contextlib.suppress(OSError):  # else MkDocs makes it again, as without this
                    entry.replace(target)
        shutil.rmtree(aside, ignore_errors=True)
    site.mkdir(parents=True, exist_ok=True)
    (site / MARK).write_bytes(b"")


def remove_stale(site: Path) -> int:
    """Remove the files this build did not write (changed before the mark) and the folders left
    empty; names starting with a dot are left. Returns how many files went."""
    mark = site / MARK
    try:
        since = mark.stat().st_mtime_ns
    except FileNotFoundError:
        return 0  # not a rebuild over an earlier build's files
    removed, visited = 0, []
    for folder, folders, files in os.walk(site):
        folders[:] = [name for name in folders if not name.startswith(".")]
        here = Path(folder)
        visited.append(here)
        for name in files:
            path = here / name
            if not name.startswith(".") and path.lstat().st_mtime_ns < since:
                path.unlink()
                removed += 1
    for here in reversed(visited[1:]):  # each folder after those inside it
        if not any(here.iterdir()):
            here.rmdir()
    mark.unlink()
    return removed
