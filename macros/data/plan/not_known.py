"""Values that say "not known yet": `-`, `?`, `n/a`, `belum ada`, typed where a figure or a date goes.

A plan's tables mark what nobody knows with a dash or a word, and a maintainer copies the mark
into the file. Rencana's way to say "not known" is to leave the field out: the site then says
so (progress "belum dilaporkan", a budget "tidak tercatat") and never shows a zero. The check
says that to whoever typed the mark, instead of only asking for a number.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from macros.data.language.catalog import Catalog

# Where the mark was typed: a line of a file, or a cell of a workbook.
Place = Literal["line", "cell"]

_SAY = Catalog(
    "plan.not_known",
    {
        "line": (
            "bila nilainya belum diketahui, hapus baris ini: situs menampilkan yang tidak ditulis sebagai belum ada, "
            "bukan nol",
            "if the value is not known yet, delete this line: the site shows what is not written as not known, "
            "never as zero",
        ),
        "cell": (
            "bila nilainya belum diketahui, kosongkan selnya: situs menampilkan yang tidak ditulis sebagai belum ada, "
            "bukan nol",
            "if the value is not known yet, leave the cell empty: the site shows what is not written as not known, "
            "never as zero",
        ),
        "amount_line": (
            "bila jumlahnya belum diketahui, hapus butir anggaran ini: tanpa butir anggaran situs menulis "
            "«Anggaran tidak tercatat», bukan Rp 0",
            "if the amount is not known yet, delete this budget item: without budget items the site says "
            "«Anggaran tidak tercatat», never Rp 0",
        ),
        "amount_cell": (
            "bila jumlahnya belum diketahui, hapus baris anggaran ini: tanpa baris anggaran situs menulis "
            "«Anggaran tidak tercatat», bukan Rp 0",
            "if the amount is not known yet, delete this budget row: without budget rows the site says "
            "«Anggaran tidak tercatat», never Rp 0",
        ),
    },
)

# Marks and words for "not known", lower case, spaces squeezed.
_WORDS = frozenset(
    {
        "-",
        "--",
        "---",
        "–",
        "—",
        "?",
        "??",
        "...",
        "…",
        "x",
        "n/a",
        "na",
        "n.a.",
        "tbd",
        "tba",
        "unknown",
        "none",
        "nil",
        "nihil",
        "kosong",
        "belum",
        "blm",
        "belum ada",
        "blm ada",
        "belum diketahui",
        "tidak diketahui",
        "tidak tahu",
        "belum tersedia",
        "tidak tersedia",
        "belum ditentukan",
        "menyusul",
        "tidak ada",
        "tidak ada data",
        "belum ada data",
    }
)


def says_not_known(value: Any) -> bool:
    """Whether `value` is a text that marks a value as not known (`-`, `n/a`, `Belum ada`)."""
    return isinstance(value, str) and re.sub(r"\s+", " ", value.strip().lower()) in _WORDS


def leave_out(place: Place, *, amount: bool = False) -> str:
    """What to do with a value not known yet, typed on a line or in a cell: leave it out, as the site then
    says; an amount takes its budget item with it (a budget item stands for a known amount)."""
    return _SAY.say(f"amount_{place}" if amount else place)
