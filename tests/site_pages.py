"""Which pages of a built site the browser checks visit, and where the site is served."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

# Kinds of page that exist many times over with one layout, by a mark in their body.
REPEATED_KINDS = {"program": 'class="rc-program"', "dimension": 'class="rc-dimension"'}

# An address the site does not have: the server answers with 404.html.
MISSING_PAGE = "halaman-yang-tidak-ada/"


def site_sub_path(site: Path) -> str:
    """The path of the site's `site_url` (from its sitemap): GitHub Pages serves a project site there."""
    sitemap = site / "sitemap.xml"
    match = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else None
    return urlsplit(match.group(1)).path if match else "/"


def pages_to_check(site: Path) -> list[str]:
    """One page of every kind, as addresses relative to the site's root.

    Every page that is not a program or dimension page (so a new kind of page is
    checked the day it is added), the program and dimension pages with the most and
    the least content, and a missing address, which shows 404.html.
    """
    repeated: dict[str, list[tuple[int, str]]] = {kind: [] for kind in REPEATED_KINDS}
    others: list[str] = []
    for file in sorted(site.rglob("index.html")):
        folder = file.parent.relative_to(site).as_posix()
        address = "" if folder == "." else f"{folder}/"
        body = file.read_text(encoding="utf-8")
        kind = next((kind for kind, mark in REPEATED_KINDS.items() if mark in body), None)
        if kind is None:
            others.append(address)
        else:
            repeated[kind].append((len(body), address))
    chosen = []
    for pages in repeated.values():
        pages.sort()
        chosen += list(dict.fromkeys([pages[-1][1], pages[0][1]])) if pages else []  # largest first
    return others + chosen + [MISSING_PAGE]
