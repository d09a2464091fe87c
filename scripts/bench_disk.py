"""Benchmarks build each site into a folder of its own, set the last one aside, and delete them at the end.

Why not delete the last site before the next build: on ext4 without a journal (the development
machine's disk), the kernel does not hand out an inode freed in the last 5 seconds, or in the
last 300 while its inode table block is not yet written back (`recently_deleted()` in
fs/ext4/ialloc.c). Every file made after a large removal first steps over the inodes that
removal freed, a block lookup each. Seen in a rebuild of 1,000 programs that followed the
removal of the last round's site: `recently_deleted` and `find_get_block_common` were among the
build's busiest functions (perf), and writing Pagefind's 1,070 files took 0.42 to 1.5 s against
0.07 to 0.3 s with the old site renamed instead. Alone, 1,000 folders with a page each took 1.4
to 1.7 s to make 2 to 20 seconds after 4,500 files were removed (and synced), 0.4 to 0.7 s
without that removal. A build then pays for the size of the sites removed before it, which is
no cost of its own: a site published by CI is built in a fresh checkout, on a disk with a
journal. So nothing is removed while builds are timed: each site is renamed into a folder
beside it, and that folder goes when the benchmark's `main` ends.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

ASIDE = ".aside"


def set_aside(site: Path) -> None:
    """Move `site`, if it exists, out of the way of the next build, without freeing its files."""
    if not site.exists():
        return
    aside = site.parent / ASIDE
    aside.mkdir(exist_ok=True)
    for number in itertools.count():
        target = aside / f"{site.name}-{number}"
        if not target.exists():
            site.rename(target)
            return


def make_room(site: Path) -> None:
    """Before a timed build into `site`: the last site there set aside, and what earlier builds wrote
    flushed, so that no build shares the disk with its predecessor's write-back."""
    set_aside(site)
    os.sync()


def clear_aside(work: Path) -> None:
    """Remove the sites set aside in `work`: once nothing is timed any more."""
    shutil.rmtree(work / ASIDE, ignore_errors=True)
