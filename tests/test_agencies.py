"""OPD: programs grouped by lead agency, with counts and budgets that match the YAML files."""

from __future__ import annotations

import html as html_module
import re
from collections import defaultdict
from pathlib import Path

import pytest

from macros.render.agencies import agency_anchors
from macros.render.text import rupiah
from tests.helpers import yaml_programs


@pytest.fixture
def agencies(each_city: tuple[Path, str, Path]) -> tuple[list[dict], str]:
    project, slug, site = each_city
    return yaml_programs(project, slug), (site / "opd" / "index.html").read_text(encoding="utf-8")


def sections(page: str) -> dict[str, str]:
    """Agency name (unescaped) → the HTML of its section."""
    found = re.findall(
        r'<section class="rc-agency" aria-labelledby="([^"]+)"><h2 id="\1">([^<]+)</h2>(.*?)</section>', page, re.S
    )
    return {html_module.unescape(name): body for _, name, body in found}


def recorded(entries: list[dict]) -> str:
    """A total as the page must word it, from the YAML: what it covers, never Rp 0 for nothing recorded."""
    budgeted = [entry for entry in entries if entry.get("budget")]
    total = sum(line["amount"] for entry in budgeted for line in entry["budget"])
    if not budgeted:
        return "tidak tercatat"
    if len(budgeted) == len(entries):
        return rupiah(total)
    return f"{rupiah(total)} tercatat untuk {len(budgeted)} dari {len(entries)} program"


def test_every_lead_agency_has_its_programs_count_and_budget(agencies: tuple[list[dict], str]) -> None:
    programs, page = agencies
    by_lead: dict[str, list[dict]] = defaultdict(list)
    for entry in programs:
        by_lead[entry["lead"]].append(entry)
    shown = sections(page)
    assert list(shown) == sorted(by_lead, key=str.casefold)
    for lead, entries in by_lead.items():
        body = shown[lead]
        assert f"<strong>{len(entries)} program</strong>" in body
        assert f"anggaran {recorded(entries)}</p>" in body
        listed = re.findall(r'<span class="rc-agency__program"><a href="../([^"]+)">', body)
        assert sorted(listed) == sorted(f"{e['dimension']}/{e['id'].lower()}/" for e in entries)


def test_overview_table_links_each_agency_and_adds_up(agencies: tuple[list[dict], str]) -> None:
    programs, page = agencies
    table = re.search(r"<table><caption[^>]*>Program dan anggaran per OPD</caption>.*?</table>", page, re.S).group(0)
    anchors = re.findall(r'<a href="#([^"]+)">', table)
    assert anchors == re.findall(r'<section class="rc-agency" aria-labelledby="([^"]+)">', page)
    assert (
        f'<td data-label="OPD">Jumlah</td><td class="rc-num" data-label="Program">{len(programs)}</td>'
        f'<td class="rc-num" data-label="Anggaran">{recorded(programs)}</td>'
    ) in table


def test_an_agency_that_is_also_a_partner_says_so(small_city: tuple[Path, Path]) -> None:
    _, site = small_city
    body = sections((site / "opd" / "index.html").read_text(encoding="utf-8"))["Dinas Kominfo & Statistik"]
    assert "Juga menjadi mitra di 1 program" in body
    assert 'href="../tata-kelola/tk-2/"' in body.split("rc-agency__partner")[1]


def test_anchors_are_readable_and_unique() -> None:
    anchors = agency_anchors(["Dinas Kesehatan", "Dinas  Kesehatan!", "Badan Pendapatan, Keuangan & Aset", "Élan"])
    assert list(anchors.values()) == ["dinas-kesehatan", "dinas-kesehatan-2", "badan-pendapatan-keuangan-aset", "elan"]
