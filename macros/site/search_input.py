"""What Pagefind is given of each page: its language, its title and its indexed part, nothing else.

Pagefind reads every byte of every page it indexes, although it keeps only the part marked
`data-pagefind-body` (and the page's language and title). Material's header, navigation and
footer are most of a page, so parsing whole pages was a third of a build's time. The hooks
hand each finished page to `search_document`, and Pagefind indexes these small documents,
written aside, into the site's bundle. The bundle is the same, byte for byte, as from the
whole pages (tests/test_search_input.py builds it both ways).
"""

from __future__ import annotations

import re

BODY_START = "<div data-pagefind-body"
_DIV = re.compile(r"<(/?)div\b")
_HTML_START = re.compile(r"<html\b[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def search_document(page_html: str) -> str:
    """The page reduced to what Pagefind reads of it: its language, its title and its indexed part (none
    when it has none); the page itself when it is not a page as the theme writes them."""
    opening = _HTML_START.search(page_html)
    if opening is None:
        return page_html  # not a page as the theme writes them: Pagefind gets it whole
    title = _TITLE.search(page_html)
    head = f"<head>{title.group(0)}</head>" if title else "<head></head>"
    start = page_html.find(BODY_START)
    if start < 0:
        # A page left out of the search (Pemantauan, Peta Jalan, OPD: up to a megabyte each at 1,000
        # programs). Every region has pages with an indexed part (its dimension pages), and Pagefind
        # then skips a page without one, whatever else it holds: its language and title, no body, are
        # skipped the same way, without Pagefind parsing the page (tests/test_search_input.py).
        return f"{opening.group(0)}{head}<body></body></html>"
    end = _element_end(page_html, start)
    if end is None:
        return page_html  # not a page as the theme writes them: Pagefind gets it whole
    return f"{opening.group(0)}{head}<body>{page_html[start:end]}</body></html>"


def _element_end(page_html: str, start: int) -> int | None:
    """Where the <div> opened at `start` closes (just after its `</div>`), or None if it never does.

    Every <div> in a page is written by the theme or by our renderers, as well-formed HTML;
    text from the data is escaped, so "<div" never comes from it.
    """
    depth = 0
    for tag in _DIV.finditer(page_html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            closing = page_html.find(">", tag.end())
            return None if closing < 0 else closing + 1
    return None
