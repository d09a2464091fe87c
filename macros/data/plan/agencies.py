"""The other names citizens know a regional agency (OPD) by: "Dinkes" for Dinas Kesehatan.

Indonesians name their agencies by abbreviation ("dinkes", "dishub", "satpol pp"), while
a plan writes the full name. A built-in table covers the usual OPD of a kota or
kabupaten; a city file adds its local names under `agencies:`. The names are written
beside the agency on its programs' pages, so that search finds them there.

A table entry matches an agency when every word of the entry's name is in the
agency's name, in any order: "Dinas Pendidikan" matches "Dinas Pendidikan dan
Kebudayaan", and "Badan Pendapatan Daerah" matches "Badan Pendapatan, Pengelolaan
Keuangan dan Aset Daerah". It also matches the other way round, when the agency is
written with an abbreviation ("RSUD dr. Soetomo" is also "Rumah Sakit Umum Daerah").
A match is shown only when it names the agency, not a part of it (`_known_names`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# (full name, abbreviations), the names as a national or provincial document spells them.
KNOWN_AGENCIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Badan Perencanaan Pembangunan Daerah", ("Bappeda",)),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", ("Bappelitbangda",)),
    ("Badan Penelitian dan Pengembangan Daerah", ("Balitbangda",)),
    ("Badan Pendapatan Daerah", ("Bapenda",)),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", ("BPKAD",)),
    ("Badan Pengelolaan Keuangan Daerah", ("BPKD",)),
    ("Badan Penanggulangan Bencana Daerah", ("BPBD",)),
    ("Badan Kepegawaian Daerah", ("BKD",)),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", ("BKPSDM",)),
    ("Badan Kesatuan Bangsa dan Politik", ("Bakesbangpol", "Kesbangpol")),
    ("Badan Pusat Statistik", ("BPS",)),
    ("Dinas Komunikasi dan Informatika", ("Diskominfo", "Kominfo")),
    ("Dinas Kesehatan", ("Dinkes",)),
    ("Dinas Perhubungan", ("Dishub",)),
    ("Dinas Pendidikan", ("Disdik",)),
    ("Dinas Pendidikan dan Kebudayaan", ("Disdikbud",)),
    ("Dinas Kebudayaan", ("Disbud",)),
    ("Dinas Kebudayaan dan Pariwisata", ("Disbudpar",)),
    ("Dinas Pariwisata", ("Dispar",)),
    ("Dinas Pemuda dan Olahraga", ("Dispora",)),
    ("Dinas Lingkungan Hidup", ("DLH",)),
    ("Dinas Sosial", ("Dinsos",)),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", ("DP3A",)),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", ("DPPKB",)),
    ("Dinas Perindustrian dan Perdagangan", ("Disperindag",)),
    ("Dinas Koperasi", ("Diskop",)),
    ("Dinas Koperasi dan Usaha Mikro", ("Diskop UKM",)),
    ("Dinas Tenaga Kerja", ("Disnaker",)),
    ("Dinas Tenaga Kerja dan Transmigrasi", ("Disnakertrans",)),
    ("Dinas Penanaman Modal", ("DPMPTSP",)),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", ("DPMPTSP",)),
    ("Dinas Pekerjaan Umum", ("DPU",)),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", ("DPUPR", "PUPR")),
    ("Dinas Pekerjaan Umum dan Perumahan Rakyat", ("DPUPR", "PUPR")),
    ("Dinas Perumahan dan Kawasan Permukiman", ("Disperkim",)),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", ("Disperkim", "DPRKP")),
    ("Dinas Sumber Daya Air", ("DSDA",)),
    ("Dinas Tata Ruang", ("Distaru",)),
    ("Dinas Kependudukan dan Pencatatan Sipil", ("Disdukcapil", "Dukcapil")),
    ("Dinas Pemberdayaan Masyarakat dan Desa", ("DPMD",)),
    ("Dinas Perpustakaan dan Kearsipan", ("Dispusip",)),
    ("Dinas Perpustakaan", ("Dispus",)),
    ("Dinas Ketahanan Pangan", ("DKP",)),
    ("Dinas Ketahanan Pangan dan Pertanian", ("DKPP",)),
    ("Dinas Pertanian", ("Distan",)),
    ("Dinas Kelautan dan Perikanan", ("DKP",)),
    ("Dinas Perikanan", ("Diskan",)),
    ("Dinas Pemadam Kebakaran", ("Damkar",)),
    ("Dinas Energi dan Sumber Daya Mineral", ("Dinas ESDM",)),
    ("Satuan Polisi Pamong Praja", ("Satpol PP",)),
    ("Sekretariat Daerah", ("Setda",)),
    ("Sekretariat Dewan Perwakilan Rakyat Daerah", ("Setwan", "Sekretariat DPRD")),
    ("Rumah Sakit Umum Daerah", ("RSUD",)),
    ("Pusat Kesehatan Masyarakat", ("Puskesmas",)),
    ("Perusahaan Daerah Air Minum", ("PDAM",)),
)

# Entries whose words are all in a longer name of another agency: (entry, a word of that name).
_UNLESS = {"Sekretariat Daerah": "dewan"}

# Words that join the parts of a name and say nothing about the agency.
_JOINING_WORDS = frozenset({"dan", "serta"})


def name_words(name: str) -> frozenset[str]:
    """The words of an agency's name, without case, punctuation or joining words ("&" is "dan")."""
    words = re.split(r"[^\w]+", name.casefold().replace("&", " dan "))
    return frozenset(word for word in words if word and word not in _JOINING_WORDS)


def _matching_entries(agency: str) -> list[tuple[frozenset[str], tuple[str, ...]]]:
    """(the agency's words an entry accounts for, its names) of every table entry `agency` matches."""
    words = name_words(agency)
    found = []
    for full_name, abbreviations in KNOWN_AGENCIES:
        names = (full_name, *abbreviations)
        if _UNLESS.get(full_name) in words:
            continue
        covered = [name_words(name) for name in names if name_words(name) <= words]
        if covered:
            found.append((frozenset().union(*covered), names))
    return found


def _known_names(agency: str) -> list[str]:
    """The table's names (full names and abbreviations) that name `agency` itself.

    Of the entries it matches, only one that accounts for every field the others name: so
    "Dinas Kebudayaan dan Pariwisata" is "Disbudpar", not "Disbud" or "Dispar" (other
    agencies'), and "Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah" is none of
    Bapenda and BPKAD, each of which names only a part of it.
    """
    entries = _matching_entries(agency)
    every = frozenset[str]().union(*(covered for covered, _ in entries))
    return [name for covered, names in entries if covered >= every for name in names]


def other_names(agency: str, local: Iterable[str] = ()) -> tuple[str, ...]:
    """The names `agency` is also known by: the city's own first, then the table's.

    A name whose words the agency's own name already holds is left out ("Dinas
    Kesehatan" is not another name of "Dinas Kesehatan Kota Contoh"), and so is
    a name that differs from an earlier one only in case.
    """
    # The city's own names are shown as written (only a repeat is left out); the table's follow.
    written = tuple(dict.fromkeys(local))
    seen = {name.casefold() for name in written}
    table = [name for name in _chosen(agency, _known_names(agency)) if name.casefold() not in seen]
    return written + tuple(table)


def _chosen(agency: str, names: list[str]) -> tuple[str, ...]:
    words = name_words(agency)
    chosen: dict[str, str] = {}
    for name in names:
        key = " ".join(sorted(name_words(name)))
        if key and key not in chosen and not name_words(name) <= words:
            chosen[key] = name
    return tuple(chosen.values())


def agency_names(agencies: Iterable[str], local: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Agency → its other names, for every agency in `agencies` (those without any are left out)."""
    found = {agency: other_names(agency, local.get(agency, ())) for agency in agencies}
    return {agency: names for agency, names in found.items() if names}
