"""What RFC 4287 requires of an Atom feed document, checked element by element.

No feed validator runs offline here, so the tests check the rules of the RFC that a
feed like ours can break: the namespace, the required elements and how often each
appears, RFC 3339 dates, absolute IRIs for ids and links, unique entry ids, and text
constructs whose `type` says how to read them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as section 3.3 of RFC 4287 requires (upper-case T, an offset or Z).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _absolute_iri(value: str) -> bool:
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:\S+$", value))


def _one(parent: ET.Element, name: str, where: str, problems: list[str]) -> ET.Element | None:
    found = parent.findall(ATOM + name)
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} atom:{name} elements; exactly one is required")
        return None
    return found[0]


def _text_construct(element: ET.Element | None, where: str, problems: list[str]) -> None:
    if element is None:
        return
    kind = element.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        problems.append(f"{where}: type={kind!r} is not text, html or xhtml")
    if kind != "xhtml" and len(element):
        problems.append(f"{where}: a {kind} construct holds child elements")


def _date(element: ET.Element | None, where: str, problems: list[str]) -> str | None:
    if element is None:
        return None
    value = element.text or ""
    if not RFC3339.match(value):
        problems.append(f"{where}: {value!r} is not an RFC 3339 date-time")
        return None
    return value


def atom_problems(document: str) -> list[str]:
    """Every breach of RFC 4287 found in the feed `document` (an empty list for a valid feed)."""
    problems: list[str] = []
    root = ET.fromstring(document.encode("utf-8"))
    if root.tag != ATOM + "feed":
        return [f"the root element is {root.tag}, not atom:feed"]
    for name in ("id", "title", "updated"):
        _one(root, name, "feed", problems)
    feed_id = root.find(ATOM + "id")
    if feed_id is not None and not _absolute_iri(feed_id.text or ""):
        problems.append(f"feed: id {feed_id.text!r} is not an absolute IRI")
    _text_construct(root.find(ATOM + "title"), "feed/title", problems)
    _date(root.find(ATOM + "updated"), "feed/updated", problems)
    entries = root.findall(ATOM + "entry")
    # 4.1.1: a feed without an author needs one in every entry.
    if not root.findall(ATOM + "author") and any(not entry.findall(ATOM + "author") for entry in entries):
        problems.append("feed: no atom:author, and an entry has none either")
    for author in root.findall(ATOM + "author"):
        _one(author, "name", "feed/author", problems)
    links = root.findall(ATOM + "link")
    if not any(link.get("rel") == "self" for link in links):
        problems.append("feed: no link rel=self (RFC 4287 says a feed SHOULD have one)")
    for link in links:
        if not _absolute_iri(link.get("href", "")):
            problems.append(f"feed/link: href {link.get('href')!r} is not absolute")
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"entry[{index}]"
        for name in ("id", "title", "updated"):
            _one(entry, name, where, problems)
        entry_id = entry.find(ATOM + "id")
        value = entry_id.text if entry_id is not None and entry_id.text else ""
        if not _absolute_iri(value):
            problems.append(f"{where}: id {value!r} is not an absolute IRI")
        if value in seen:
            problems.append(f"{where}: id {value!r} is used twice")
        seen.add(value)
        _text_construct(entry.find(ATOM + "title"), f"{where}/title", problems)
        _text_construct(entry.find(ATOM + "summary"), f"{where}/summary", problems)
        _text_construct(entry.find(ATOM + "content"), f"{where}/content", problems)
        _date(entry.find(ATOM + "updated"), f"{where}/updated", problems)
        alternates = [link for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        if not alternates and entry.find(ATOM + "content") is None:
            problems.append(f"{where}: neither content nor a link rel=alternate")
        for link in entry.findall(ATOM + "link"):
            if not _absolute_iri(link.get("href", "")):
                problems.append(f"{where}/link: href {link.get('href')!r} is not absolute")
    return problems
