"""Values cut at a comma inside `{…}`: `{amount: 1,5 miliar}`, `{name: Warga, UMKM, unit: orang}`.

Inside a flow mapping YAML ends an entry at every comma, so `1,5 miliar` becomes the number 1
and a key `5 miliar` with no value, and `1,500,000,000` the number 1 and keys `500` and `000`
(the same key twice, as YAML reads `000`). The maintainer would read of an unknown or repeated
key and nothing of the comma they typed, in a country that writes its decimals with one. The
file's reader asks here, for each mapping written in braces, whether an entry's plain value is
followed by keys that have neither colon nor value, only commas between them: the value as it
was typed is then named, with what to write instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from macros.data.language.catalog import Catalog
from macros.data.plan.typed_numbers import number_figure, rupiah_figure

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


def find_cut_value(text: str, mapping: yaml.MappingNode) -> CutValue | None:
    """The first value of `mapping`, written in braces in `text`, that a comma cut; else None."""
    if not mapping.flow_style:
        return None
    pairs = mapping.value
    for at, (key, value) in enumerate(pairs):
        pieces: list[yaml.Node] = []
        for piece, nothing in pairs[at + 1 :]:
            before = pieces[-1] if pieces else value
            if not _is_piece(text, before, piece, nothing):
                break
            pieces.append(piece)
        if pieces and _plain(key) and _plain(value) and value.value:
            message = _message(text, key, value, pieces)
            if message:
                return CutValue(key, value, message)
    return None


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


def _message(text: str, key: yaml.ScalarNode, value: yaml.ScalarNode, pieces: list[yaml.Node]) -> str | None:
    written = text[value.start_mark.index : pieces[-1].end_mark.index]
    if "\n" in written or "\r" in written:  # a message stays on one line; across lines, leave it to the key's
        return None
    name = key.value
    if value.value[-1:].isdigit() and all(str(piece.value)[:1].isdigit() for piece in pieces):
        figure = rupiah_figure(written) if name == "amount" else number_figure(written)
        if name == "amount" and (figure is None or figure != figure.to_integral_value()):
            return _SAY.say("amount_digits", written=written)
        if figure is None:
            return _SAY.say("digits", written=written)
        shown = str(int(figure)) if figure == figure.to_integral_value() else str(figure.normalize())
        return _SAY.say("figure", written=written, key=name, figure=shown)
    if value.tag == _STR_TAG:  # a number followed by words is more likely a key left out: not said here
        return _SAY.say("text", piece=pieces[0].value, written=_in_quotes(written), key=name)
    return None


def _in_quotes(text: str) -> str:
    """`text` as YAML reads it back between quotes: double ones, or single ones when it holds a `"`."""
    return f'"{text}"' if '"' not in text else "'" + text.replace("'", "''") + "'"


def _plain(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode) and not node.style and "\n" not in str(node.value)
    )  # libyaml: "", PyYAML: None
