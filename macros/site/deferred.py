"""HTML from a block macro skips Markdown: the macro leaves a marker, the page hook puts the HTML back.

Python-Markdown and MkDocs each run a pure-Python HTML parser over raw HTML in a page. The
whole-plan pages (Peta Jalan, OPD, Cetak) are megabytes of HTML for thousands of programs,
which made them a large share of the build; the home page's figures, charts and cards were
three quarters of its time (224 ms of a build at 1,000 programs, 50 ms now). A marker is a
one-line HTML comment that Markdown passes through as it is. Data never reaches Markdown
unescaped, so it cannot forge a marker; one a city writes into its own page by hand is left
as it is once the macros' markers are used up.
"""

from __future__ import annotations

import re

_blocks: dict[str, str] = {}
_MARKER = re.compile(r"<!-- rc-deferred-(\d+) -->")


def reset() -> None:
    """Forget the blocks of a previous build (`mkdocs serve` builds again in the same process)."""
    _blocks.clear()


def defer(html: str) -> str:
    """A marker for `html`, put back by `restore` once Markdown has run.

    One line, with no blank lines around it: it stays where the macro stands, at the indentation of
    the line that calls it (inside an admonition too), where blank lines would end the block around
    it. On a line of its own, as a block macro is written, Markdown passes it through as raw HTML;
    the HTML that stood there before was one line as well (`markdown_inert` writes line breaks
    as references), so pages differ only in the line breaks Markdown put between its elements.
    """
    key = str(len(_blocks))
    _blocks[key] = html
    return f"<!-- rc-deferred-{key} -->"


def restore(html: str) -> str:
    if "<!-- rc-deferred-" not in html:
        return html
    return _MARKER.sub(lambda match: _blocks.pop(match.group(1), match.group(0)), html)
