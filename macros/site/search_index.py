"""The search index: Pagefind run over the site MkDocs has written, made reproducible."""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from macros.site.search_bundle import BundleFormatError, stabilise

# Inside an indexed body but not content: the back link, previous/next links and
# related programs of a program page (other programs' titles are not its words); what
# overview pages repeat from program and dimension pages (program cards, dimension
# cards, the latest updates), so that those pages rank first; Material's edit button
# and heading anchors ("¶").
EXCLUDED_SELECTORS = (
    ".rc-back",
    ".rc-pager",
    '.rc-section[aria-labelledby="terkait"]',
    ".rc-cards",
    ".rc-dimension-cards",
    ".rc-timeline--latest",
    ".md-content__button",
    ".headerlink",
)

# Folder of the search bundle inside the site; `docs/assets/search.js` loads it from there.
BUNDLE_DIR = "pagefind"


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message holds its output."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float


def pagefind_command(site_dir: Path, glob: str | None = None) -> list[str]:
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("the Pagefind binary is missing: install the pinned `pagefind-bin` (make setup)")
    command = [str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    command += [f"--exclude-selectors={selector}" for selector in EXCLUDED_SELECTORS]
    if glob:
        command += ["--glob", glob]
    return command


def build_index(site_dir: Path, glob: str | None = None) -> IndexReport:
    """Write the search bundle into `site_dir/pagefind/` for the site built there.

    The bundled binary runs once over the finished site. Pagefind's Python API
    (`PagefindIndex`) drives the same binary as a service over a pipe and answers one
    message per 100 ms poll, so it adds a second or more per build and an asyncio
    loop inside MkDocs' build thread, for nothing the command line does not do.
    `glob` limits the pages indexed (the portal indexes its regions' program pages only).
    """
    started = time.perf_counter()
    result = subprocess.run(pagefind_command(site_dir, glob), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip())
    try:
        stabilise(site_dir / BUNDLE_DIR)
    except BundleFormatError as error:
        raise SearchIndexError(f"unexpected search bundle (was Pagefind upgraded?): {error}") from None
    # Pagefind prints one "Indexed N pages" line per language, then a total.
    counts = re.findall(r"Indexed (\d+) pages?", result.stdout)
    return IndexReport(pages=int(counts[-1]) if counts else 0, seconds=time.perf_counter() - started)
