"""Markdown fields of the data (description, problem, updates) to safe HTML.

Two layers: raw HTML in the source is escaped, never parsed, and the result is
cleaned by nh3 with a short list of tags and link schemes. No Markdown extension
that reads files or sets attributes is loaded, and headings are moved down so a
field never breaks the page's outline.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}
# nh3 drops an unsafe href but keeps the <a>; its text should not look like a link.
_LINK_WITHOUT_HREF = re.compile(r'<a(?: title="[^"]*")? rel="noopener noreferrer">(.*?)</a>', re.DOTALL)


class _DemoteHeadings(Treeprocessor):
    """# and ## in a field become h3 and h4: the page owns h1 and h2."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_DemoteHeadings(converter), "demote_headings", 1)
    return converter


_CONVERTER = _converter()


# One line of text with nothing Markdown would act on: most updates and summaries.
# Such text skips the parser (the slowest step of a build) and is only escaped. No control
# character either (the data refuses them; Markdown drops some and turns a CR into a line break).
_PLAIN = re.compile(r"^(?![\s>#=+-]|\d+[.)])[^\x00-\x1f\x7f\\`*_\[\]<>&!|~{}:]*(?<!\s)\Z")


def _escaped(text: str) -> str:
    """Text as nh3 writes it: `&`, `<` and `>` escaped, and a no-break space (which Excel and word
    processors paste) as `&nbsp;`."""
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def render_markdown(source: str) -> str:
    if _PLAIN.match(source):
        return f"<p>{_escaped(source)}</p>"
    # Paragraphs of such text, one blank line apart: most descriptions (a fifth of a build's
    # rendering went to parsing them).
    paragraphs = source.split("\n\n")
    if all(paragraph and _PLAIN.match(paragraph) for paragraph in paragraphs):
        return "\n".join(f"<p>{_escaped(paragraph)}</p>" for paragraph in paragraphs)
    converted = _CONVERTER.reset().convert(source)
    cleaned = nh3.clean(
        converted, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel="noopener noreferrer"
    )
    return _LINK_WITHOUT_HREF.sub(r"\1", cleaned)
