"""Repairs to the markup of Material for MkDocs 9.8.1 that no template block reaches.

`base.html` writes these lines outside any block, so the only alternative to
rewriting the finished page would be a full copy of the theme's base template.
`macros/site/hooks.py` runs every page (and 404.html) through `fix_theme_markup`;
the Nu HTML checker and the browser tests in `tests/` catch any that stop matching
after a theme upgrade.
"""

from __future__ import annotations

import re

# Where the skip link lands: the article that holds the page's own content.
CONTENT_ID = "isi"

# The drawer and search toggles are checkboxes; `autocomplete` is not allowed on a
# checkbox (Nu checker error). Material sets it so that Firefox does not restore a
# ticked box on reload; the cost of dropping it is a menu that may reopen there.
# Their four spellings, found as plain text (a pattern took 0.1 ms of a page).
_CHECKBOXES = [
    f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{name}"'
    for toggle in ("drawer", "search")
    for name in ("drawer", "search")
]

# Material's skip link jumps to the first entry of the table of contents: past the
# title and summary of a program page, and missing where a page has no headings.
_SKIP_LINK = re.compile(r'<div data-md-component="skip">.*?</div>', re.DOTALL)
_CONTENT_ARTICLE = '<article class="md-content__inner md-typeset">'

# The table of contents has a "Daftar isi" label for a checkbox (`__toc`) that the
# navigation renders only beside a page listed in it; program pages are not.
_TOC_TITLE = '<label class="md-nav__title" for="__toc">'

# The generator tag names the engine and its version: it tells citizens nothing, and it is the
# one difference between the files MkDocs and ProperDocs build (guide/engine.md).
# Found by its tag, then the whitespace before it taken too: a pattern starting with `\s*` is tried at
# every character of the page (0.54 ms of a 30 KB page, 93 % of this module's time; now 0.01 ms).
_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def without_generator(page_html: str) -> str:
    """The page less its first generator tag and the whitespace just before it."""
    found = _GENERATOR.search(page_html)
    if found is None:
        return page_html
    start = found.start()
    while start > 0 and page_html[start - 1].isspace():
        start -= 1
    return page_html[:start] + page_html[found.end() :]


def fix_theme_markup(page_html: str) -> str:
    fixed = page_html
    for checkbox in _CHECKBOXES:
        fixed = fixed.replace(f'{checkbox} autocomplete="off">', f"{checkbox}>")
    fixed = without_generator(fixed)
    if _CONTENT_ARTICLE in fixed:
        skip = f'<div data-md-component="skip"><a href="#{CONTENT_ID}" class="md-skip">Lewati ke isi</a></div>'
        fixed = _SKIP_LINK.sub(lambda _: skip, fixed, count=1)
        fixed = fixed.replace(_CONTENT_ARTICLE, f'{_CONTENT_ARTICLE[:-1]} id="{CONTENT_ID}">', 1)
    if 'id="__toc"' not in fixed:
        fixed = fixed.replace(_TOC_TITLE, '<label class="md-nav__title">')
    return fixed
