"""Keys, the labels the site shows for them, and the other words people write for a status or a horizon."""

from __future__ import annotations

import pytest

from macros.data.plan.labels import _WORDS, HORIZON_LABELS, STATUS_LABELS, meant_key

LABELS = {"status": STATUS_LABELS, "horizon": HORIZON_LABELS}


@pytest.mark.parametrize("field", sorted(LABELS))
def test_each_other_word_names_one_key_and_is_no_key_or_label(field: str) -> None:
    labels = LABELS[field]
    spoken = {key: words for key, words in _WORDS[field].items()}
    assert set(spoken) <= set(labels)
    taken = [word for words in spoken.values() for word in words]
    assert len(taken) == len(set(taken)), "a word names two keys"
    plain = {key.lower() for key in labels} | {label.lower() for label in labels.values()}
    assert not plain & set(taken), "a key or a label is read as such, not as another word"
    for key, words in spoken.items():
        for word in words:
            assert meant_key(word.upper(), field) == key
            assert meant_key(f"  {word}. ", field) == key


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("ongoing", "status"),
        ("Berjalan", "status"),
        ("proses", "horizon"),
        ("jalan", "status"),
        (3, "status"),
        (None, "horizon"),
    ],
)
def test_what_is_no_other_word_of_the_field_names_nothing(value: object, field: str) -> None:
    assert meant_key(value, field) is None
