"""Large HTML from a macro skips Markdown: the macro leaves a marker, the page hook puts the HTML back.

Python-Markdown and MkDocs each run a pure-Python HTML parser over raw HTML in a page. The
whole-plan pages (Peta Jalan, OPD, Cetak) are megabytes of HTML for thousands of programs,
which made them a large share of the build. A marker is a one-line HTML comment that Markdown
passes through as it is. Data never reaches Markdown unescaped, so it cannot forge a marker.
"""

from __future__ import annotations

import re

_blocks: dict[str, str] = {}
_MARKER = re.compile(r"<!-- rc-deferred-(\d+) -->")


def reset() -> None:
    """Forget the blocks of a previous build (`mkdocs serve` builds again in the same process)."""
    _blocks.clear()


def defer(html: str) -> str:
    key = str(len(_blocks))
    _blocks[key] = html
    # Blank lines around it make the marker a block of its own wherever the macro stands.
    return f"\n\n<!-- rc-deferred-{key} -->\n\n"


def restore(html: str) -> str:
    if "<!-- rc-deferred-" not in html:
        return html
    return _MARKER.sub(lambda match: _blocks.pop(match.group(1)), html)
