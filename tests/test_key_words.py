"""Keys written as the Indonesian word are told the key meant (macros.data.plan.key_words).

The corpus case `keys-in-indonesian` holds the messages; these tests hold the choice of key
where one word names keys of different places.
"""

from __future__ import annotations

import pytest

from macros.data.plan.key_words import english_key
from macros.data.plan.messages import allowed_keys
from macros.data.plan.model import City, Program


@pytest.mark.parametrize(
    ("written", "place", "meant"),
    [
        ("selesai", ("period",), "end"),
        ("selesai", ("milestones", 0), "done"),
        ("nama", (), "title"),  # a program has no `name`: its name is its title
        ("nama", ("indicators", 0), "name"),
        ("Sumber Dana", ("budget", 0), "source"),
        ("sumber", (), "sources"),
        ("realisasi", ("indicators", 0), "actual"),
        ("realisasi", (), "progress"),
        ("sasaran", ("indicators", 0), "target"),
        ("sasaran", (), "objectives"),
    ],
)
def test_a_word_names_the_key_its_place_allows(written: str, place: tuple[str | int, ...], meant: str) -> None:
    assert english_key(written, allowed_keys(Program, place)) == meant


def test_a_city_file_s_words_name_its_own_keys() -> None:
    allowed = allowed_keys(City, ())
    assert [english_key(word, allowed) for word in ("nama", "visi", "misi", "provinsi")] == [
        "name",
        "vision",
        "missions",
        "province",
    ]


def test_a_word_the_place_has_no_key_for_is_not_guessed() -> None:
    assert english_key("tanggal", allowed_keys(Program, ())) is None  # only an update has a date
    assert english_key("judul", allowed_keys(Program, ("budget", 0))) is None
    assert english_key("anggaran_2025", allowed_keys(Program, ())) is None
