from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.render import richtext
from macros.render.richtext import render_markdown


def parsed(source: str) -> str:
    """What the full Markdown path gives, to compare the plain-text shortcut against."""
    html = richtext._CONVERTER.reset().convert(source)
    return richtext.nh3.clean(
        html,
        tags=richtext._TAGS,
        attributes=richtext._ATTRIBUTES,
        url_schemes=richtext._SCHEMES,
        link_rel="noopener noreferrer",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Uji coba tiga pelayanan tambahan sedang berlangsung.",
        'Harga "naik" 10% (sementara), lalu turun.',
        "Rp 1.500.000 untuk 20 titik; selesai.",
        "tanda 'kutip' dan \"dua\"",
        "1. satu",
        "- butir",
        "# Judul",
        "**tebal** dan _miring_",
        "a & b < c",
        "baris satu\nbaris dua",
    ],
)
def test_plain_text_shortcut_gives_what_markdown_gives(text: str) -> None:
    assert render_markdown(text) == parsed(text)


# Text that needs no parsing, and the characters nearest to those that do.
_PLAIN_LETTERS = st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(" .,;:'\"%()/?@#-+=1.")


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(_PLAIN_LETTERS, min_size=1, max_size=40), min_size=1, max_size=4))
def test_paragraphs_of_plain_text_give_what_markdown_gives(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    assert render_markdown(text) == parsed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Satu.\n\nDua.\n\nTiga, dengan 10% (sementara).",
        "Satu.\n\n\nDua.",  # two blank lines
        "Satu.\n\n- butir",  # a list after a paragraph
        "Satu.\n\n    kode",
        "Satu.\n\n",
        "Satu.\n\n1. satu",
    ],
)
def test_paragraphs_shortcut_gives_what_markdown_gives(text: str) -> None:
    assert render_markdown(text) == parsed(text)


def test_raw_html_is_shown_as_text() -> None:
    assert render_markdown("Halo <script>alert(1)</script> **x**") == (
        "<p>Halo &lt;script&gt;alert(1)&lt;/script&gt; <strong>x</strong></p>"
    )


def test_unsafe_link_schemes_lose_their_target() -> None:
    html = render_markdown("[a](javascript:alert(1)) [b](https://example.org) [c](mailto:a@example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html
    assert 'href="mailto:a@example.org"' in html


def test_images_are_not_loaded_from_anywhere() -> None:
    assert "<img" not in render_markdown("![pelacak](https://tracker.example/x.png)")


def test_headings_move_below_the_page_sections() -> None:
    assert render_markdown("# Satu\n\n## Dua") == "<h3>Satu</h3>\n<h4>Dua</h4>"


def test_attribute_lists_and_jinja_stay_text() -> None:
    html = render_markdown("Teks {{ 7*7 }}\n{: onclick=alert(1) }")
    assert "{{ 7*7 }}" in html
    assert "onclick=alert(1) }" in html and "<p onclick" not in html


def test_a_link_that_loses_its_target_reads_as_plain_words() -> None:
    html = render_markdown('[klik](javascript:alert(1)) [*tebal*](data:x "t") [aman](https://example.org)')
    assert html == ('<p>klik <em>tebal</em> <a href="https://example.org" rel="noopener noreferrer">aman</a></p>')
