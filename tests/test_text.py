from datetime import date

import pytest

from macros.render.text import long_date, month_or_day, rupiah, rupiah_exact


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Rp 0"),
        (250_000, "Rp 250.000"),
        (750_000_000, "Rp 750 juta"),
        (1_500_000_000, "Rp 1,5 miliar"),
        (1_234_567_890, "Rp 1,23 miliar"),
        (2_000_000_000_000, "Rp 2 triliun"),
    ],
)
def test_rupiah_reads_the_indonesian_way(amount: int, expected: str) -> None:
    assert rupiah(amount) == expected


def test_rupiah_exact_uses_dots_between_thousands() -> None:
    assert rupiah_exact(1_500_000_000) == "Rp 1.500.000.000"


def test_dates_are_written_in_indonesian() -> None:
    assert long_date(date(2023, 11, 2)) == "2 November 2023"
    assert month_or_day("2025-06") == "Juni 2025"
    assert month_or_day("2025-08-17") == "17 Agustus 2025"
