"""How numbers, money, dates and codes read in Indonesian."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from macros.data.plan.labels import HORIZON_LABELS as HORIZON_LABELS
from macros.data.plan.labels import SOURCE_LABELS as SOURCE_LABELS
from macros.data.plan.labels import STATUS_LABELS as STATUS_LABELS
from macros.data.plan.model import Program

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def decimal(value: float, places: int = 2) -> str:
    """1.5 → "1,5"; 1234.5 → "1.234,5" (Indonesian separators, trailing zeros dropped)."""
    text = f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def rupiah(amount: int) -> str:
    """750_000_000 → "Rp 750 juta"; 1_500_000_000 → "Rp 1,5 miliar"; 250_000 → "Rp 250.000"."""
    for size, word in _SCALES:
        if amount >= size:
            return f"Rp {decimal(amount / size)} {word}"
    return f"Rp {decimal(amount, 0)}"


def rupiah_exact(amount: int) -> str:
    """The full figure, for tables and screen readers: "Rp 1.500.000.000"."""
    return f"Rp {decimal(amount, 0)}"


# What a page says where a figure was never written: unknown is not zero.
NOT_REPORTED = "belum dilaporkan"
NOT_RECORDED = "tidak tercatat"


def budget_total(total: int, covered: int, count: int) -> str:
    """A total that says what it covers: "Rp 12,5 miliar tercatat untuk 9 dari 18 program";
    "tidak tercatat" when no program has a budget, never "Rp 0" for nothing recorded."""
    if covered == 0:
        return NOT_RECORDED
    if covered == count:
        return rupiah(total)
    return f"{rupiah(total)} tercatat untuk {covered} dari {count} program"


def programs_budget(programs: Iterable[Program]) -> str:
    """`budget_total` of some programs."""
    listed = list(programs)
    recorded = [program.total_budget for program in listed if program.total_budget is not None]
    return budget_total(sum(recorded), len(recorded), len(listed))


def progress_text(percent: int | None) -> str:
    return NOT_REPORTED if percent is None else f"{percent} %"


def long_date(day: date) -> str:
    """2 November 2023."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_or_day(value: str) -> str:
    """ "2025-06" → "Juni 2025"; "2025-06-03" → "3 Juni 2025"."""
    if len(value) == 10:
        return long_date(date.fromisoformat(value))
    year, month = value.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def number(value: float) -> str:
    return decimal(value) if isinstance(value, float) else decimal(value, 0)


def years(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "0 %"


SDG_NAMES = {
    1: "Tanpa Kemiskinan",
    2: "Tanpa Kelaparan",
    3: "Kehidupan Sehat dan Sejahtera",
    4: "Pendidikan Berkualitas",
    5: "Kesetaraan Gender",
    6: "Air Bersih dan Sanitasi Layak",
    7: "Energi Bersih dan Terjangkau",
    8: "Pekerjaan Layak dan Pertumbuhan Ekonomi",
    9: "Industri, Inovasi dan Infrastruktur",
    10: "Berkurangnya Kesenjangan",
    11: "Kota dan Permukiman yang Berkelanjutan",
    12: "Konsumsi dan Produksi yang Bertanggung Jawab",
    13: "Penanganan Perubahan Iklim",
    14: "Ekosistem Lautan",
    15: "Ekosistem Daratan",
    16: "Perdamaian, Keadilan dan Kelembagaan yang Tangguh",
    17: "Kemitraan untuk Mencapai Tujuan",
}
