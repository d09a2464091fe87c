"""Small, escaping HTML builders shared by every page renderer.

Everything from the data passes through `esc` (plain text) or `macros.render.richtext`
(Markdown); nothing here trusts its input.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterable

from macros.data.plan.model import Program
from macros.render.text import NOT_REPORTED, STATUS_LABELS


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


# Characters that Markdown, attr_list (`{: onclick=… }`) or Jinja read as syntax, and the
# line break that starts a block (heading, list, admonition): in a text node of a macro's
# output they become character references, which browsers show as the same characters.
_MARKDOWN_SYNTAX = re.compile(r"&#?\w+;|[\\`*_{}\[\]!|#~^\n]")
_TAG = re.compile(r"(<[^>]*>)")


def markdown_inert(html_text: str) -> str:
    """HTML that means the same wherever a hand-written page places it: the Markdown around a
    macro never reads data in it as links, attributes, emphasis or blocks."""

    def reference(match: re.Match[str]) -> str:
        token = match.group()
        return token if len(token) > 1 else f"&#{ord(token)};"

    parts = _TAG.split(html_text)
    raw_text = False  # inside <script> or <style>, where browsers read no character references
    for index in range(0, len(parts), 2):  # even parts: text between tags; odd parts: the tags
        if not raw_text:
            parts[index] = _MARKDOWN_SYNTAX.sub(reference, parts[index])
        if index + 1 < len(parts):
            tag = parts[index + 1].lower()
            closes = tag.startswith(("</script", "</style"))
            raw_text = tag.startswith(("<script", "<style")) or (raw_text and not closes)
    return "".join(parts)


@functools.lru_cache(maxsize=1 << 16)  # posixpath.relpath is slow, and the lists link the same pairs again
def relative(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` to `to_url`, both site-relative ("living/liv-01/")."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    link = posixpath.relpath("/" + to_url, "/" + from_dir)
    if to_url.endswith("/") or not to_url:
        link = link.rstrip("/") + "/"
    return link


def portal_relative(from_url: str, to_url: str) -> str:
    """Link from a page of a region's site to `to_url` of the portal one folder above the region's root."""
    return "../" * from_url.count("/") + "../" + to_url


def absolute_url(site_url: str | None, page_url: str) -> str | None:
    """The page's full address under `site_url` (a sub-path kept), or None when it is not known."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + page_url.lstrip("/")


def link(href: str, label_html: str, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f'<a href="{esc(href)}"{attribute}>{label_html}</a>'


def external_link(url: str, label: str) -> str:
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(label)}</a>'


def status_badge(status: str) -> str:
    return f'<span class="rc-status rc-status--{esc(status)}">{esc(STATUS_LABELS[status])}</span>'


def progress_bar(percent: int | None, *, label: str = "Progres") -> str:
    """A bar for the eye and its figure as text: screen readers read the text.

    No figure reported: the words say so and no bar is drawn (an empty bar would read as 0 %)."""
    if percent is None:
        return (
            f'<div class="rc-progress rc-progress--unknown"><span class="rc-progress__label">{esc(label)}</span> '
            f'<strong class="rc-progress__value">{NOT_REPORTED}</strong></div>'
        )
    return (
        f'<div class="rc-progress"><span class="rc-progress__label">{esc(label)}</span> '
        f'<strong class="rc-progress__value">{percent} %</strong>'
        f'<span class="rc-progress__track" aria-hidden="true">'
        f'<span class="rc-progress__bar" style="width:{percent}%"></span></span></div>'
    )


def other_names(names: Iterable[str]) -> str:
    """An agency's other names after its name, " (Dinkes, …)" (searched with the page), or nothing."""
    listed = ", ".join(esc(name) for name in names)
    return f' <span class="rc-aka">({listed})</span>' if listed else ""


def program_url(program: Program) -> str:
    return f"{program.dimension}/{program.slug}/"


def program_link(base: str, program: Program) -> str:
    return link(
        relative(base, program_url(program)), f'<span class="rc-id">{esc(program.id)}</span> {esc(program.title)}'
    )


def table(
    caption: str,
    head: Iterable[str],
    rows: Iterable[Iterable[str]],
    foot: Iterable[str] | None = None,
    *,
    numeric: Iterable[int] = (),
    stack: bool | None = None,
) -> str:
    """A captioned table in a scrollable, focusable region (cells are HTML, already escaped).

    With three columns or more (or `stack`), a phone shows each row as a block of "column: value"
    lines instead (`rc-table--stack`): every cell names its column in `data-label`.
    """
    numeric_columns = set(numeric)
    names = list(head)
    stack = len(names) >= 3 if stack is None else stack

    def open_tag(tag: str, index: int) -> str:
        attributes = ' class="rc-num"' if index in numeric_columns else ""
        if stack and tag == "td" and index < len(names):
            attributes += f' data-label="{esc(names[index])}"'
        return f"<{tag}{attributes}>"

    def cells(values: Iterable[str], tag: str) -> str:
        return "".join(f"{open_tag(tag, index)}{value}</{tag}>" for index, value in enumerate(values))

    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    footer = f"<tfoot><tr>{cells(foot, 'td')}</tr></tfoot>" if foot else ""
    header = "".join(f'{open_tag("th", index)[:-1]} scope="col">{value}</th>' for index, value in enumerate(names))
    css = "rc-table rc-table--stack" if stack else "rc-table"
    return (
        # The region's name differs from the caption: the section around a table is a
        # landmark named by the same words, and two landmarks must not share a name.
        f'<div class="{css}" role="region" aria-label="Tabel: {esc(caption)}" tabindex="0"><table>'
        f'<caption class="rc-visually-hidden">{esc(caption)}</caption>'
        f"<thead><tr>{header}</tr></thead>"
        f"<tbody>{body}</tbody>{footer}</table></div>"
    )


def section(anchor: str, title: str, body: str) -> str:
    return f'<section class="rc-section" aria-labelledby="{anchor}"><h2 id="{anchor}">{esc(title)}</h2>{body}</section>'


def bullet_list(items: Iterable[str], css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<ul{attribute}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
