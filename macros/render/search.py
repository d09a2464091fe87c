"""Search with Pagefind: what each page tells the index, and the index itself.

Pages tell Pagefind what to index through `data-pagefind-*` attributes, all added
here: the body of a page (`data-pagefind-body`), the filters a program is found by
(Dimensi, Elemen, Status, Horizon, OPD, Tahun) and the metadata a result shows
(program id, dimension, status). After MkDocs has written the site, `build_index`
runs the Pagefind binary over it. The browser side lives in `docs/assets/search.js`.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from macros.html import esc
from macros.model import Program
from macros.plan import Plan
from macros.search_bundle import BundleFormatError, stabilise
from macros.text import HORIZON_LABELS, STATUS_LABELS

# Filter names as citizens read them, in the order the Cari page offers them.
FILTERS = ("Dimensi", "Elemen", "Status", "Horizon", "OPD", "Tahun")

# Inside an indexed body but not content: the back link, previous/next links and
# related programs of a program page (other programs' titles are not its words); what
# overview pages repeat from program and dimension pages (program cards, dimension
# cards, the latest updates), so that those pages rank first; Material's edit button
# and heading anchors ("¶").
EXCLUDED_SELECTORS = (
    ".rc-back", ".rc-pager", '.rc-section[aria-labelledby="terkait"]',
    ".rc-cards", ".rc-dimension-cards", ".rc-timeline--latest",
    ".md-content__button", ".headerlink",
)

# Folder of the search bundle inside the site; `docs/assets/search.js` loads it from there.
BUNDLE_DIR = "pagefind"

# Hand-written pages rank below programs and dimensions: words on them count for less
# (Pagefind weights are squared, so 0.5 makes a word worth a quarter of a program's).
PAGE_WEIGHT = 0.5


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message holds its output."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float


def _tag(kind: str, name: str, value: str) -> str:
    # The value is element text, not an attribute: data may hold commas and colons,
    # which Pagefind's inline `name:value` syntax would split.
    return f'<span data-pagefind-{kind}="{esc(name)}">{esc(value)}</span>'


def _annotations(meta: Mapping[str, str], filters: Iterable[tuple[str, str]]) -> str:
    """Metadata and filters in a hidden block: read by Pagefind, not indexed as words, never shown."""
    tags = [_tag("meta", key, value) for key, value in meta.items()]
    tags += [_tag("filter", name, value) for name, value in filters]
    return f'<div hidden data-pagefind-ignore>{"".join(tags)}</div>'


def _body(html: str, annotations: str = "", weight: float | None = None) -> str:
    attribute = f' data-pagefind-weight="{weight:g}"' if weight is not None else ""
    return f"<div data-pagefind-body{attribute}>{html}{annotations}</div>"


def program_filters(plan: Plan, program: Program) -> list[tuple[str, str]]:
    """(filter, value) pairs of a program; a program is found under every year it runs."""
    filters = [("Dimensi", plan.dimensions[program.dimension].label)]
    element = plan.element_label(program)
    if element:
        filters.append(("Elemen", element))
    filters += [
        ("Status", STATUS_LABELS[program.status]),
        ("Horizon", HORIZON_LABELS[program.horizon]),
        ("OPD", program.lead),
    ]
    filters += [("Tahun", str(year)) for year in range(program.period.start, program.period.end + 1)]
    return filters


def program_body(plan: Plan, program: Program, html: str) -> str:
    meta = {
        # The result shows the id as a badge beside the title, so the title goes without it.
        "title": program.title,
        "kind": "Program",
        "program": program.id,
        "dimension": plan.dimensions[program.dimension].label,
        "status": STATUS_LABELS[program.status],
        "status_key": program.status,
    }
    return _body(html, _annotations(meta, program_filters(plan, program)))


def dimension_body(plan: Plan, dimension_key: str, html: str) -> str:
    label = plan.dimensions[dimension_key].label
    return _body(html, _annotations({"kind": "Dimensi", "dimension": label}, [("Dimensi", label)]))


def page_body(html: str, options: object) -> str:
    """A hand-written page, unless its front matter says `search: {exclude: true}`.

    The front matter keys are those of Material's own search: `exclude`, and `boost`
    (a Pagefind weight from 0 to 10, default 0.5) for a page that should rank higher.
    """
    settings = options if isinstance(options, Mapping) else {}
    if settings.get("exclude"):
        return html
    boost = settings.get("boost", PAGE_WEIGHT)
    if not isinstance(boost, (int, float)) or not 0 <= boost <= 10:
        raise ValueError(f"search.boost must be a number from 0 to 10, not {boost!r}")
    return _body(html, weight=float(boost))


def pagefind_command(site_dir: Path) -> list[str]:
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("the Pagefind binary is missing: install the pinned `pagefind-bin` (make setup)")
    command = [str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    command += [f"--exclude-selectors={selector}" for selector in EXCLUDED_SELECTORS]
    return command


def build_index(site_dir: Path) -> IndexReport:
    """Write the search bundle into `site_dir/pagefind/` for the site built there.

    The bundled binary runs once over the finished site. Pagefind's Python API
    (`PagefindIndex`) drives the same binary as a service over a pipe and answers one
    message per 100 ms poll, so it adds a second or more per build and an asyncio
    loop inside MkDocs' build thread, for nothing the command line does not do.
    """
    started = time.perf_counter()
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip())
    try:
        stabilise(site_dir / BUNDLE_DIR)
    except BundleFormatError as error:
        raise SearchIndexError(f"unexpected search bundle (was Pagefind upgraded?): {error}") from None
    # Pagefind prints one "Indexed N pages" line per language, then a total.
    counts = re.findall(r"Indexed (\d+) pages?", result.stdout)
    return IndexReport(pages=int(counts[-1]) if counts else 0, seconds=time.perf_counter() - started)


def search_page() -> str:
    """The Cari page's search interface; `docs/assets/search.js` fills it in the browser."""
    filters = esc(json.dumps(FILTERS))
    return (
        f'<div class="rc-search" data-rc-search-page data-filters="{filters}">'
        '<p class="rc-search__status" data-rc-search-status role="status"></p>'
        "<noscript><p>Pencarian membutuhkan JavaScript. Tanpa JavaScript, program dapat ditemukan "
        "dari halaman setiap dimensi dan halaman OPD.</p></noscript></div>"
    )
