"""The order in which Pagefind's command line finds a site's pages, known before they are written.

Pagefind numbers pages in the order they reach it, and the numbers are in every file of its
bundle. Its command line walks the site's folders as the file system lists them (no sorting):
ext4, the file system of the development machine and of GitHub's runners, lists a folder in
the order of a hash of each name, seeded per file system. Pagefind's service, fed page by page
while MkDocs renders (macros.site.search_service), must number the pages as the command line
would, so that the bundle stays byte for byte the one the command line makes.

That order is asked of the file system itself: every name the pages' paths use is created (as
hard links to one empty file) in one scratch folder beside the ones the command line used to
read, and the folder is listed. Where a file system lists names by hash, a name's place does
not depend on its folder, so one listing orders every folder. Names are created in the order
MkDocs lists the files, so a file system that lists in creation order gives a fixed order too
(not necessarily the command line's there).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable


def walk_order(paths: Iterable[str]) -> list[str]:
    """`paths` (relative, with `/`) in the order Pagefind's command line walks a folder holding them.

    It walks depth first, each folder's entries in the order the file system lists them,
    descending into a folder where the listing meets it.
    """
    paths = list(paths)
    names = list(dict.fromkeys(part for path in paths for part in path.split("/")))
    with tempfile.TemporaryDirectory(prefix="rencana-search-order-") as scratch:
        first: str | None = None
        for name in names:
            path = os.path.join(scratch, name)
            if first is not None:
                try:
                    os.link(first, path)  # a name only: a new file's inode costs up to 0.5 ms here under load
                    continue
                except OSError:
                    pass  # no hard links on this file system, or too many to one file: a file of its own
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            first = path
        place = {name: number for number, name in enumerate(os.listdir(scratch))}
    return sorted(paths, key=lambda path: [place[part] for part in path.split("/")])
