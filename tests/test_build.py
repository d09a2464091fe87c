"""End to end: a real `mkdocs build --strict` into a temporary folder, then its HTML."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.helpers import SAMPLE, SAMPLE_SLUG, build_site, city, make_project, program


def test_every_program_has_a_page_under_its_dimension(sample_site: Path) -> None:
    files = sorted((SAMPLE / "data" / "programs" / SAMPLE_SLUG).rglob("*.yml"))
    assert len(files) >= 36
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        page = sample_site / data["dimension"] / data["id"].lower() / "index.html"
        html = page.read_text(encoding="utf-8")
        assert f'<span class="rc-id">{data["id"]}</span>' in html
        assert data["lead"].replace("&", "&amp;") in html


def test_navigation_lists_sections_not_programs(sample_site: Path) -> None:
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
    assert "governance/" in nav_links
    assert not [href for href in nav_links if re.search(r"/[a-z]+-\d+/$", href)]


def test_program_page_links_back_and_to_neighbours(sample_site: Path) -> None:
    html = (sample_site / "governance" / "gov-02" / "index.html").read_text(encoding="utf-8")
    assert '<p class="rc-back"><a href="../">← Smart Governance</a></p>' in html
    assert 'href="../gov-01/" rel="prev"' in html
    assert 'rel="next"' in html
    assert "/edit/main/data/programs/mojokerto/governance/gov-02.yml" in html


def test_sample_notice_is_on_every_page(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        assert "rc-sample-notice" in page.read_text(encoding="utf-8"), page


def test_money_is_written_in_rupiah_words(sample_site: Path) -> None:
    html = (sample_site / "governance" / "gov-02" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Rp \d+(,\d+)? (juta|miliar)", html)


def test_hostile_text_is_shown_literally_never_run(tmp_path: Path) -> None:
    hostile = program(
        title="{{ config.site_name }} <script>alert(1)</script>",
        summary="</title><script>alert(2)</script>",
        description="Klik [di sini](javascript:alert(3)) <img src=x onerror=alert(4)>",
    )
    project = make_project(tmp_path / "p", city(), [hostile])
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    assert "{{ config.site_name }}" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror=alert(4)>" not in html


def test_a_data_error_fails_the_build_with_its_location(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", city(), [program(status="done")])
    result = build_site(project, tmp_path / "site", env={"RENCANA_LANG": "id"})
    assert result.returncode != 0
    assert "data/programs/contoh/gov-01.yml:11:9: status: `done` tidak diperbolehkan" in result.stderr
    assert "Traceback" not in result.stderr


def test_about_page_explains_sample_data(sample_site: Path) -> None:
    html = (sample_site / "tentang" / "index.html").read_text(encoding="utf-8")
    assert "Data contoh</p>" in html
    assert "Peraturan Wali Kota Mojokerto Nomor 28 Tahun 2023" in html


def test_without_sample_flag_no_page_says_sample(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", city(), [program()])
    assert build_site(project, tmp_path / "site").returncode == 0
    for page in (tmp_path / "site").rglob("*.html"):
        assert "rc-sample-notice" not in page.read_text(encoding="utf-8")


def test_navigation_lists_every_dimension_by_its_label(sample_site: Path) -> None:
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<a href="([a-z]+)/" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', html)
    assert labels[:6] == [
        ("governance", "Smart Governance"),
        ("branding", "Smart Branding"),
        ("economy", "Smart Economy"),
        ("living", "Smart Living"),
        ("society", "Smart Society"),
        ("environment", "Smart Environment"),
    ]
