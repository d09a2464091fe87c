"""The search index: Pagefind run over the site MkDocs has written, made reproducible."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
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


def pagefind_command(site_dir: Path, glob: str | None = None, output: Path | None = None) -> list[str]:
    """Pagefind over `site_dir`, writing its bundle to `output` (by default `pagefind/` inside it)."""
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("the Pagefind binary is missing: install the pinned `pagefind-bin` (make setup)")
    command = [str(executable), "--site", str(site_dir)]
    command += ["--output-path", str(output)] if output else ["--output-subdir", BUNDLE_DIR]
    command += [f"--exclude-selectors={selector}" for selector in EXCLUDED_SELECTORS]
    if glob:
        command += ["--glob", glob]
    return command


def build_index(site_dir: Path, glob: str | None = None, documents: Mapping[str, str] | None = None) -> IndexReport:
    """Write the search bundle into `site_dir/pagefind/` for the site built there.

    The bundled binary runs once over the finished site. Pagefind's Python API
    (`PagefindIndex`) drives the same binary as a service over a pipe and answers one
    message per 100 ms poll, so it adds a second or more per build and an asyncio
    loop inside MkDocs' build thread, for nothing the command line does not do.
    `glob` limits the pages indexed (the portal indexes its regions' program pages only).
    `documents` (a page's path in the site → what Pagefind needs of it, macros.site.search_input)
    are indexed in place of those pages; the site's other HTML files are indexed as they are.
    """
    started = time.perf_counter()
    if documents is None:
        result = _run(pagefind_command(site_dir, glob))
    else:
        with tempfile.TemporaryDirectory(prefix="rencana-search-") as folder:
            _write_documents(site_dir, Path(folder), documents)
            result = _run(pagefind_command(Path(folder), glob, output=site_dir / BUNDLE_DIR))
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip())
    try:
        stabilise(site_dir / BUNDLE_DIR)
    except BundleFormatError as error:
        raise SearchIndexError(f"unexpected search bundle (was Pagefind upgraded?): {error}") from None
    # Pagefind prints one "Indexed N pages" line per language, then a total.
    counts = re.findall(r"Indexed (\d+) pages?", result.stdout)
    return IndexReport(pages=int(counts[-1]) if counts else 0, seconds=time.perf_counter() - started)


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _write_documents(site_dir: Path, folder: Path, documents: Mapping[str, str]) -> None:
    """The documents, and every other HTML file of the site as it is (linked, not copied), under `folder`."""
    made: set[Path] = set()
    for name, text in documents.items():
        target = folder / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(text.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs writes pages
    for page in site_dir.rglob("*.html"):
        name = page.relative_to(site_dir).as_posix()
        if name not in documents and not name.startswith(f"{BUNDLE_DIR}/"):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:  # another file system
                shutil.copyfile(page, target)
