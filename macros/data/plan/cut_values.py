"""Values cut at a comma inside `{…}`: `{amount: 1,5 miliar}`, `{name: Warga, UMKM, unit: orang}`.

Inside a flow mapping YAML ends an entry at every comma, so `1,5 miliar` becomes the number 1
and a key `5 miliar` with no value, and `1,500,000,000` the number 1 and keys `500` and `000`
(the same key twice, as YAML reads `000`). The maintainer would read of an unknown or repeated
key and nothing of the comma they typed, in a country that writes its decimals with one.

A cut value is an entry's plain value followed, on its line, by keys that have neither colon nor
value, only commas between them. The file's reader stops at a cut figure (`find_cut_figure`); the
schema's messages ask about a key they do not know whether it is the rest of a cut text
(`cut_text`). Either way the value is named as it was typed, with what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from macros.data.language.catalog import Catalog
from macros.data.plan.typed_numbers import number_figure, whole_rupiah

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"

_SAY = Catalog(
    "plan.cut_values",
    {
        "figure": (
            "`{written}` terpotong di komanya: di dalam `{{…}}` koma memisahkan isian; tulis `{key}: {figure}`",
            "`{written}` is cut at its comma: inside `{{…}}` a comma separates entries; write `{key}: {figure}`",
        ),
        "digits": (
            "`{written}` terpotong di komanya: di dalam `{{…}}` koma memisahkan isian; "
            "tulis angkanya tanpa koma, dengan titik untuk desimal",
            "`{written}` is cut at its comma: inside `{{…}}` a comma separates entries; "
            "write the number without commas, with a point for decimals",
        ),
        "amount_digits": (
            "`{written}` terpotong di komanya: di dalam `{{…}}` koma memisahkan isian; "
            "tulis jumlah rupiahnya dengan angka lengkap, tanpa koma, mis. `amount: 1500000000` untuk 1,5 miliar",
            "`{written}` is cut at its comma: inside `{{…}}` a comma separates entries; "
            "write the amount in rupiah in full digits, without commas, e.g. `amount: 1500000000` for 1.5 billion",
        ),
        "text": (
            "`{piece}` tidak punya kunci: di dalam `{{…}}` koma memisahkan isian, jadi {written} terpotong; "
            "bila koma itu bagian dari `{key}`, beri tanda kutip: `{key}: {written}`",
            "`{piece}` has no key: inside `{{…}}` a comma separates entries, so {written} is cut; "
            "if the comma belongs to `{key}`, put it in quotes: `{key}: {written}`",
        ),
    },
)


@dataclass(frozen=True)
class CutValue:
    """The entry whose value a comma cut (`key`, `value`) and the message that says so."""

    key: yaml.ScalarNode
    value: yaml.ScalarNode
    message: str


def find_cut_figure(text: str, mapping: yaml.MappingNode) -> CutValue | None:
    """The first figure of `mapping`, written in braces in `text`, that a comma cut; else None.

    Only figures, so that the reader can stop at them: a key that starts with a digit is no field
    of a plan's, nor a dimension's or an agency's name, so the pieces were never meant as keys.
    """
    for key, value, pieces in _cut_entries(text, mapping):
        if value.value[-1:].isdigit() and all(str(piece.value)[:1].isdigit() for piece in pieces):
            return CutValue(key, value, _figure_message(_written(text, value, pieces), key.value))
    return None


def cut_text(text: str, mapping: yaml.MappingNode, unknown: str) -> CutValue | None:
    """The text of `mapping` that a comma cut into the unknown key `unknown` (`{name: Warga, UMKM}`);
    else None. Asked only of keys the schema does not know: `{unit: orang, baseline}` is a
    baseline left empty, as YAML reads it."""
    for key, value, pieces in _cut_entries(text, mapping):
        if value.tag == _STR_TAG and any(piece.value == unknown for piece in pieces):
            written = _in_quotes(_written(text, value, pieces))
            return CutValue(key, value, _SAY.say("text", piece=pieces[0].value, written=written, key=key.value))
    return None


def _cut_entries(
    text: str, mapping: yaml.MappingNode
) -> Iterator[tuple[yaml.ScalarNode, yaml.ScalarNode, list[yaml.ScalarNode]]]:
    """(key, value, pieces) of each entry of `mapping`, written in braces on one line, whose plain value
    is followed by keys without colon nor value, only commas between."""
    if not mapping.flow_style:
        return
    pairs = mapping.value
    for at, (key, value) in enumerate(pairs):
        pieces: list[yaml.ScalarNode] = []
        for piece, nothing in pairs[at + 1 :]:
            if not _is_piece(text, pieces[-1] if pieces else value, piece, nothing):
                break
            pieces.append(piece)
        if pieces and _plain(key) and _plain(value) and value.value and "\n" not in _written(text, value, pieces):
            yield key, value, pieces  # across lines, no one-line message could show the value: left to the key's


def _is_piece(text: str, before: yaml.Node, key: yaml.Node, value: yaml.Node) -> bool:
    """Whether `key` has neither colon nor value, and only a comma stands between it and `before`."""
    after = text[key.end_mark.index :].lstrip(" \t")
    return (
        _plain(key)
        and isinstance(value, yaml.ScalarNode)
        and value.tag == _NULL_TAG
        and value.value == ""
        and not after.startswith(":")
        and text[before.end_mark.index : key.start_mark.index].strip() == ","
    )


def _written(text: str, value: yaml.Node, pieces: list[yaml.ScalarNode]) -> str:
    """The value as typed, from its first character to the last piece's last: `1,5 miliar`."""
    return text[value.start_mark.index : pieces[-1].end_mark.index].replace("\r", "\n")


def _figure_message(written: str, name: str) -> str:
    if name == "amount":
        amount = whole_rupiah(written)
        if amount is None:
            return _SAY.say("amount_digits", written=written)
        return _SAY.say("figure", written=written, key=name, figure=amount)
    figure = number_figure(written)
    if figure is None:
        return _SAY.say("digits", written=written)
    shown = str(int(figure)) if figure == figure.to_integral_value() else str(figure.normalize())
    return _SAY.say("figure", written=written, key=name, figure=shown)


def _in_quotes(text: str) -> str:
    """`text` as YAML reads it back between quotes: double ones, or single ones when it holds a `"`."""
    return f'"{text}"' if '"' not in text else "'" + text.replace("'", "''") + "'"


def _plain(node: yaml.Node) -> bool:
    """A plain scalar on one line (libyaml marks its style "", PyYAML's own composer None)."""
    return isinstance(node, yaml.ScalarNode) and not node.style and "\n" not in str(node.value)
