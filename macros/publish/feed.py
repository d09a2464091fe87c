"""`feed.xml`: the latest changes of the plan as an Atom feed (RFC 4287), for news readers.

Its entries are the changes the Perubahan page lists. Atom wants absolute links, so the
feed exists only when mkdocs.yml has `site_url` (and the build has the Git history). Ids
are tag URIs (RFC 4151) made of the site's host, the plan's first year, the region, the
program and the commit: the same change keeps the same id in every build. Dates are the
commits'; the feed's own date is its newest entry's, so the same commit gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, time
from urllib.parse import urlsplit

from macros.data.history.log import Change
from macros.data.plan.assemble import Plan
from macros.render.agencies import agency_anchors
from macros.render.history import (
    CHANGES_PAGE,
    FEED_FILE,
    agency_feed_path,
    change_parts,
    change_sentence,
    program_feed_path,
)
from macros.render.html import absolute_url, esc, program_url
from macros.render.richtext import render_markdown

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 30


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _entry_html(plan: Plan, change: Change) -> str:
    program = plan.program(change.program_id)
    news = [update.text for update in program.updates if update.date.isoformat() in change.new_updates]
    return f"<p>{esc(change_sentence(change))}.</p>" + "".join(render_markdown(text) for text in news)


def atom_feed(plan: Plan, site_url: str | None) -> str | None:
    """The feed's XML, or None when it cannot be made (no history, or no site address)."""
    history = plan.history
    if history is None or not site_url:
        return None
    return _feed(
        plan,
        site_url,
        history.latest(FEED_ENTRIES),
        _Head(
            "perubahan",
            f"Perubahan {plan.city.plan.title}",
            f"Perubahan status, progres dan kabar program {plan.city.name}.",
            FEED_FILE,
            CHANGES_PAGE,
        ),
    )


def follow_feeds(plan: Plan, site_url: str | None) -> dict[str, str]:
    """Path in the site → XML of every program's feed and every lead agency's; none without history or address.

    Their entries come from the same history as Riwayat, so a news reader tells whoever follows
    a program (or an agency) that its status, progress or news changed, without a server.
    """
    history = plan.history
    if history is None or not site_url:
        return {}
    feeds = {}
    for program in plan.programs:
        changes = list(reversed(history.of(program.id)))[:FEED_ENTRIES]
        head = _Head(
            f"program/{program.id}",
            f"{program.id} {program.title}",
            f"Perubahan status, progres dan kabar program {program.id} di {plan.city.name}.",
            program_feed_path(program),
            program_url(program),
        )
        feeds[head.path] = _feed(plan, site_url, changes, head)
    anchors = agency_anchors(list(plan.agencies))
    for agency, programs in plan.agencies.items():
        changes = [change for program in programs for change in history.of(program.id)]
        # Newest first along the history, as feed.xml orders them.
        changes = sorted(changes, key=lambda change: (-change.order, change.program_id))[:FEED_ENTRIES]
        head = _Head(
            f"opd/{anchors[agency]}",
            f"Program {agency}",
            f"Perubahan status, progres dan kabar program yang dipimpin {agency} di {plan.city.name}.",
            agency_feed_path(anchors[agency]),
            f"opd/#{anchors[agency]}",
        )
        feeds[head.path] = _feed(plan, site_url, changes, head)
    return feeds


@dataclass(frozen=True)
class _Head:
    name: str  # the last part of the feed's id
    title: str
    subtitle: str
    path: str  # the feed's own address in the site
    page: str  # the page it follows


def _feed(plan: Plan, site_url: str, changes: list[Change], head: _Head) -> str:
    host = urlsplit(site_url).hostname or "localhost"
    tag = f"tag:{host},{plan.city.plan.start}:{plan.slug}"
    # Without any change yet: the build's own date, which is the last commit's (SOURCE_DATE_EPOCH).
    updated = changes[0].when if changes else datetime.combine(plan.today, time(), UTC).isoformat()

    feed = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": "id"})
    _add(feed, "id", f"{tag}/{head.name}")
    _add(feed, "title", head.title)
    _add(feed, "subtitle", head.subtitle)
    _add(feed, "link", rel="self", type="application/atom+xml", href=str(absolute_url(site_url, head.path)))
    _add(feed, "link", rel="alternate", type="text/html", href=str(absolute_url(site_url, head.page)))
    _add(feed, "updated", updated)
    author = _add(feed, "author")
    _add(author, "name", plan.city.name)
    for change in changes:
        program = plan.program(change.program_id)
        entry = _add(feed, "entry")
        _add(entry, "id", f"{tag}/{program.id}/{change.commit}")
        _add(entry, "title", f"{program.id} {program.title}: {', '.join(change_parts(change))}")
        page = absolute_url(site_url, program_url(program))
        _add(entry, "link", rel="alternate", type="text/html", href=f"{page}#{change.anchor}")
        _add(entry, "updated", change.when)
        dimension = plan.dimensions[program.dimension]
        _add(entry, "category", term=program.dimension, label=dimension.label)
        _add(entry, "summary", f"{change_sentence(change)}.")
        _add(entry, "content", _entry_html(plan, change), type="html")
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
