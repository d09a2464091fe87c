from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest

from macros.render.html import esc, markdown_inert

# The Markdown extensions of mkdocs.yml: what a hand-written page around a macro is read with.
SITE_EXTENSIONS = ["toc", "attr_list", "tables", "admonition"]
HOSTILE = "[x](javascript:alert(1)) {: onclick=alert(1) } *em* _u_ `c` | t | {{ 7*7 }}\n# h\n- l\n!!! note"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.tags = "", []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def read(html: str) -> _Text:
    reader = _Text()
    reader.feed(html)
    return reader


@pytest.mark.parametrize("page", ["# {}", "Kota {} hari ini.", "- {}", "| a |\n|---|\n| {} |", "{}"])
def test_a_macro_output_reads_the_same_wherever_a_page_places_it(page: str) -> None:
    output = markdown_inert(f'<span class="rc-name">{esc(HOSTILE)}</span>')
    html = markdown.markdown(page.format(output), extensions=SITE_EXTENSIONS)
    found = read(html)
    assert " ".join(HOSTILE.split()) in " ".join(found.text.split())
    assert [
        tag for tag, _ in found.tags if tag not in ("h1", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td")
    ] == ["span"]
    assert all(not name.startswith("on") for _, attrs in found.tags for name in attrs)


def test_script_and_style_text_is_left_alone() -> None:
    html = '<p>[a]</p><script>if (a[0] < b && c > d) { x = "*" }</script><style>p{color:red}</style><p>*b*</p>'
    assert markdown_inert(html) == (
        '<p>&#91;a&#93;</p><script>if (a[0] < b && c > d) { x = "*" }</script><style>p{color:red}</style>'
        "<p>&#42;b&#42;</p>"
    )
