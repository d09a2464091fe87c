"""Values that say "not known yet": `-`, `?`, `n/a`, `belum ada`, typed where a figure or a date goes.

A plan's tables mark what nobody knows with a dash or a word, and a maintainer copies the mark
into the file. Rencana's way to say "not known" is to leave the field out: the site then says
so (progress "belum dilaporkan", a budget "tidak tercatat") and never shows a zero. The check
says that to whoever typed the mark, instead of only asking for a number.
"""

from __future__ import annotations

import re
from typing import Any

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
