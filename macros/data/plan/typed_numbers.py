"""Figures as people type them: `Rp 1.500.000.000`, `1,5 miliar`, `92,5`, read into the number they mean.

The workbook's import takes them so (`macros.data.workbook.values`); a program file keeps plain
digits, and its messages name the digits to write instead (`macros.data.plan.messages`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# The words of a rupiah amount's size, written after its figure (`750 juta`).
_SCALES = {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}


def rupiah_figure(text: str) -> Decimal | None:
    """`Rp 1.500.000.000`, `1,5 miliar`, `750 juta`, `1500000000` → the figure; None when unreadable."""
    words = re.sub(r"^(rp\.?|idr)\s*", "", text.strip(), flags=re.IGNORECASE).strip()
    scale = 1
    match = re.fullmatch(r"(.*?)\s*([a-zA-Z]+)\.?", words)
    if match:
        if match.group(2).lower() not in _SCALES:
            return None
        words, scale = match.group(1), _SCALES[match.group(2).lower()]
    figure = number_figure(words)
    return None if figure is None else figure * scale


def whole_rupiah(text: str) -> int | None:
    """The whole number of rupiah `text` names (`Rp 500 juta` → 500000000), or None: not readable, not
    whole, or beyond what a budget line holds (a message then names no figure)."""
    figure = rupiah_figure(text)
    if figure is None or figure != figure.to_integral_value() or not 0 <= figure < 10**18:
        return None
    return int(figure)


def number_figure(text: str) -> Decimal | None:
    """A number as Indonesians write it: `.` groups thousands and `,` marks decimals
    (`1.500` is 1500, `92,5` is 92.5); `92.5` and `1,500,000` are understood too."""
    text = re.sub(r"[\s\u00a0]", "", text)
    sign = "-" if text.startswith("-") else ""
    digits = text.lstrip("+-")
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", digits):
        return None
    if "." in digits and "," in digits:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        whole, _, fraction = digits.rpartition(decimal_mark)
        group = "." if decimal_mark == "," else ","
        if not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*", whole) or not fraction.isdigit():
            return None
        digits = f"{whole.replace(group, '')}.{fraction}"
    elif "." in digits:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
            digits = digits.replace(".", "")
        elif digits.count(".") != 1:
            return None
    elif "," in digits:
        if re.fullmatch(r"\d{1,3}(,\d{3}){2,}", digits):
            digits = digits.replace(",", "")
        elif digits.count(",") == 1:
            digits = digits.replace(",", ".")
        else:
            return None
    try:
        return Decimal(sign + digits)
    except InvalidOperation:
        return None
