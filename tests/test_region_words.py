"""A kabupaten is spoken of as a kabupaten: its scaffold and its site say *Peraturan Bupati*, and
never "kota" where they mean the region ("daerah" where a word must fit both)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.data.plan.dimensions import DEFAULT_DIMENSIONS
from macros.publish.new_city import city_file_text
from tests.helpers import build_site, copy_template

# "Kota" that names no region: the national element «Wajah Kota» (the evaluation's own term), SDG 11
# «Kota dan Permukiman yang Berkelanjutan», and words that name both kinds: the field label
# «Kota/kabupaten» and the values of `type:` («kota atau kabupaten»).
NOT_THE_REGION = re.compile(
    r"Wajah Kota|Kota dan Permukiman yang Berkelanjutan|Kota/kabupaten|kota atau kabupaten", re.IGNORECASE
)
KOTA = re.compile(r"\bkota\b", re.IGNORECASE)


class _VisibleText(HTMLParser):
    """The text a reader sees (and a screen reader reads: alt and aria-label), without scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value or "" for name, value in attrs if name in ("alt", "aria-label", "title")]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.mark.parametrize(
    ("name", "regulation", "other"),
    [("Kabupaten Kediri", "Peraturan Bupati", "Peraturan Wali Kota"), ("Kota Batu", "Peraturan Wali Kota", "Bupati")],
)
def test_the_scaffold_suggests_the_regulation_of_its_kind_of_region(name: str, regulation: str, other: str) -> None:
    text = city_file_text(name, None, 2026)
    assert f'# legal_basis: "{regulation} … Nomor … Tahun …"' in text
    assert other not in text


def test_the_national_dimensions_fit_a_regency() -> None:
    for key, dimension in DEFAULT_DIMENSIONS.items():
        assert not KOTA.search(dimension["description"]), key


def test_a_kabupaten_scaffold_and_site_say_bupati_and_never_kota_for_the_region(tmp_path: Path) -> None:
    project = copy_template(tmp_path / "repo")
    made = subprocess.run(
        [sys.executable, "-m", "macros", "new-city", "kediri", "--name", "Kabupaten Kediri", "--replace-example"],
        cwd=project,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "RENCANA_LANG"},
        check=False,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert "menulis data/cities/kediri.yml" in made.stdout and "Langkah berikutnya:" in made.stdout
    city_file = project / "data" / "cities" / "kediri.yml"
    scaffold = city_file.read_text(encoding="utf-8")
    assert "Peraturan Bupati" in scaffold and "Wali Kota" not in scaffold
    assert not KOTA.search(NOT_THE_REGION.sub("", scaffold.replace("kota-batu", ""))), scaffold
    # The maintainer fills in the line the scaffold suggests.
    city_file.write_text(
        scaffold.replace(
            '  # legal_basis: "Peraturan Bupati … Nomor … Tahun …"',
            '  legal_basis: "Peraturan Bupati Kediri Nomor 7 Tahun 2026"',
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    built = build_site(project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    home = visible_text((site / "index.html").read_text(encoding="utf-8"))
    assert "Peraturan Bupati Kediri Nomor 7 Tahun 2026" in home
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = NOT_THE_REGION.sub("", visible_text(page.read_text(encoding="utf-8")))
        found = KOTA.search(text)
        assert found is None, f"{page.relative_to(site)}: …{text[max(found.start() - 80, 0) : found.end() + 80]}…"
