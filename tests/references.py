"""What a built page makes the browser fetch by itself: scripts, styles, images, fonts, frames.

Links a citizen follows (`<a href>`, canonical and alternate addresses) are not
fetched by themselves and are left out; everything else that names an address is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# (element, attribute) pairs whose address the browser loads as soon as the page does.
_FETCHED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("input", "src"),
    ("base", "href"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
}
# `<link rel>` values that only describe a relation: nothing is fetched for them.
# Any other (stylesheet, icon, preload, preconnect, manifest ...) loads something.
_RELATIONS_ONLY = {
    "alternate",
    "author",
    "bookmark",
    "canonical",
    "help",
    "license",
    "me",
    "next",
    "prev",
    "search",
    "sitemap",
}

_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)|@import\s+(["'])(.*?)\3""", re.DOTALL)
_JS_IMPORT = re.compile(r"""(?:\bimport\s*\(?|\bfrom|\bimportScripts\s*\()\s*["']((?:https?:)?//[^"']+)["']""")


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if (tag, name) in _FETCHED:
                self.found += _srcset(value) if name == "srcset" else [value]
        if tag == "link" and not set(values.get("rel", "").lower().split()) <= _RELATIONS_ONLY:
            self.found.append(values.get("href", ""))
        if "style" in values:
            self.found += css_references(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += css_references(data)


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def html_references(text: str) -> list[str]:
    parser = _References()
    parser.feed(text)
    parser.close()
    return parser.found


def css_references(text: str) -> list[str]:
    return [match.group(2) if match.group(2) is not None else match.group(4) for match in _CSS_URL.finditer(text)]


def js_references(text: str) -> list[str]:
    """Modules and worker scripts a script imports from an absolute address."""
    return _JS_IMPORT.findall(text)


def is_elsewhere(address: str) -> bool:
    """Whether `address` points to another host (the site's own files are all relative or root-relative)."""
    parts = urlsplit(address.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")


def foreign_references(site: Path) -> Iterator[tuple[str, str]]:
    """(file, address) for every address in the site's HTML, CSS and JS that another host would serve."""
    readers = {".html": html_references, ".css": css_references, ".js": js_references, ".mjs": js_references}
    for file in sorted(site.rglob("*")):
        reader = readers.get(file.suffix)
        if reader is None or not file.is_file():
            continue
        for address in reader(file.read_text(encoding="utf-8", errors="replace")):
            if is_elsewhere(address):
                yield file.relative_to(site).as_posix(), address
