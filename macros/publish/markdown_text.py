"""Plain text from the data inside Markdown that GitHub renders (issue forms, comments, pull requests)."""

from __future__ import annotations

import re


def markdown_text(text: str) -> str:
    """The text with Markdown's punctuation escaped: no accidental links, emphasis or headings."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
