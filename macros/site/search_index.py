"""Pagefind's command line over a folder of pages, made reproducible; what every search index shares.

A region's own build feeds Pagefind's service page by page instead (macros.site.search_service);
the command line indexes a portal's regions, and tells the tests what a bundle must be.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from macros.site.background import Stop
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
# Beside a region's pages inside a portal until the portal's index is made: what Pagefind read
# of each page (macros.site.search_input), so that the portal's index reads the same small part.
DOCUMENTS_DIR = ".rencana-search"


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


def index_folder(folder: Path, output: Path, glob: str | None = None, stop: Stop | None = None) -> IndexReport:
    """Pagefind over the HTML files of `folder`, its bundle written to `output` and made reproducible.
    `stop`: asked, it kills Pagefind (a preview's search the next save made obsolete): SearchIndexError."""
    started = time.perf_counter()
    command = pagefind_command(folder, glob, output)
    with (
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as pagefind,
        stop.halted_by(pagefind.kill) if stop else contextlib.nullcontext(),
    ):
        stdout, stderr = pagefind.communicate()
    if stop and stop.asked:
        raise SearchIndexError("stopped: a newer build makes this index again")
    if pagefind.returncode != 0:
        raise SearchIndexError((stderr or stdout).strip())
    try:
        stabilise(output)
    except BundleFormatError as error:
        raise SearchIndexError(f"unexpected search bundle (was Pagefind upgraded?): {error}") from None
    # Pagefind prints one "Indexed N pages" line per language, then a total.
    counts = re.findall(r"Indexed (\d+) pages?", stdout)
    return IndexReport(pages=int(counts[-1]) if counts else 0, seconds=time.perf_counter() - started)


def keep_documents(site_dir: Path, documents: Mapping[str, str]) -> None:
    """Leave the documents beside a region's site inside the portal's preview, for its own index and
    the portal's, made once the pages are served; those of an earlier build go first. A published
    region has its own index already: the portal joins it (`join_region_bundles`), and Pagefind reads
    its pages themselves in the rare case it cannot."""
    shutil.rmtree(site_dir / DOCUMENTS_DIR, ignore_errors=True)
    _write(site_dir / DOCUMENTS_DIR, documents)


@contextmanager
def portal_documents(out: Path, glob: str) -> Iterator[Path]:
    """A folder with the pages of `out` that `glob` matches, each as the document its region kept
    (`keep_documents`, in a preview) or else as the page itself (the same index: tests/test_search_input.py)."""
    with tempfile.TemporaryDirectory(prefix="rencana-portal-search-") as made:
        folder = Path(made)
        for page in out.glob(glob):
            relative = page.relative_to(out)
            if any(part.startswith(".") for part in relative.parts):
                continue  # the portal being built beside the regions, and the kept documents themselves
            kept = out / relative.parts[0] / DOCUMENTS_DIR / Path(*relative.parts[1:])
            _link(kept if kept.is_file() else page, folder / relative)
        yield folder


def drop_documents(out: Path) -> None:
    """Remove what `keep_documents` left beside every region of `out` (it is never published)."""
    for region in out.iterdir():
        if region.is_dir():
            shutil.rmtree(region / DOCUMENTS_DIR, ignore_errors=True)


def _write(folder: Path, documents: Mapping[str, str]) -> None:
    made: set[Path] = set()
    for name, text in documents.items():
        target = folder / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(text.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs writes pages


def _link(source: Path, target: Path) -> None:
    """`target` made the same file as `source`: a hard link, or a copy across file systems."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
