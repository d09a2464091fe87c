"""Make Pagefind's search bundle the same, byte for byte, for the same site.

Pagefind 1.5 writes the values of each filter, and the list of filters in its
metadata file, in hash-map order, which changes from run to run (Pagefind issue
#638: fragments became stable in 1.3, "filter/metadata indexes" did not). Two builds
of the same commit must be byte-identical, so after Pagefind has run this module
sorts those lists and renames the rewritten files after their new content.

The files are gzipped "pagefind_dcd" + CBOR. Only the small part of CBOR that
Pagefind uses for them is read and written here (integers, text, arrays); a file
that does not read back to its exact bytes stops the build instead of being guessed at.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"

Cbor = int | str | list["Cbor"]


class BundleFormatError(Exception):
    """The bundle is not laid out as Pagefind 1.5 lays it out."""


def read_head(data: bytes, at: int) -> tuple[int, int, int]:
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        return major, info, at
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise BundleFormatError(f"unsupported CBOR length {info}")
    return major, int.from_bytes(data[at : at + size], "big"), at + size


def _decode(data: bytes, at: int = 0) -> tuple[Cbor, int]:
    major, value, at = read_head(data, at)
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major == 4:
        items: list[Cbor] = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise BundleFormatError(f"unsupported CBOR major type {major}")


def head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise BundleFormatError(f"integer too large for CBOR: {value}")


def _encode(value: Cbor) -> bytes:
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(3, len(raw)) + raw
    return head(4, len(value)) + b"".join(_encode(item) for item in value)


def read_file(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path.name}: not a Pagefind data file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data) or _encode(value) != data[len(SIGNATURE) :]:
        raise BundleFormatError(f"{path.name}: does not read back to the same bytes")
    return value


def write_data(folder: Path, name_of: Any, value: Cbor) -> str:
    """Write `value` as a Pagefind data file under a name made from its content; returns the content hash."""
    data = SIGNATURE + _encode(value)
    digest = hashlib.sha256(data).hexdigest()
    (folder / name_of(digest)).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return digest


def stabilise(bundle: Path) -> None:
    """Sort the filter lists of the bundle in `bundle` (the site's pagefind/ folder)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, details in entry["languages"].items():
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = read_file(meta_path)
        # [version, fragments, index chunks, filters: [[name, file hash]], sorts, meta keys]
        if len(meta) != 6 or not all(isinstance(pair, list) and len(pair) == 2 for pair in meta[3]):
            raise BundleFormatError(f"{meta_path.name}: unexpected layout")
        filters = []
        for name, file_hash in meta[3]:
            filter_path = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = read_file(filter_path)
            filter_path.unlink()
            digest = write_data(
                bundle / "filter",
                lambda d, language=language: f"{language}_{d[:7]}.pf_filter",
                [filter_name, sorted(values)],
            )
            filters.append([name, f"{language}_{digest[:7]}"])
        meta[3] = sorted(filters)
        meta_path.unlink()
        digest = write_data(bundle, lambda d, language=language: f"pagefind.{language}_{d[:10]}.pf_meta", meta)
        details["hash"] = f"{language}_{digest[:10]}"
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def compact_fragment_names(bundle: Path) -> None:
    """Name each page's fragment by its number in the index, its digits backwards, then a part of the
    index's own content hash: `5a16-2c4b60`.

    Pagefind names a fragment by a hash of its content, and a first search loads every page's name
    (in the `.pf_meta` file) before it answers: at 25,000 pages, 142 KB of random hexadecimal. Numbers
    compress far better, and best with the digit that changes from one page to the next first: the
    rest of the entry then repeats an earlier one whole (measured at 25,000 pages: 57 KB counting up,
    37 KB with the digits backwards). The hash part means a changed index never reuses a name that a
    browser may still hold for another page; `-` is never in Pagefind's own names. Fragments that no
    page names any more (a preview's earlier builds) are removed.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    fragments = bundle / "fragment"
    kept: set[str] = set()
    for language, details in entry["languages"].items():
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = read_file(meta_path)
        if len(meta) != 6 or not all(isinstance(page, list) and isinstance(page[0], str) for page in meta[1]):
            raise BundleFormatError(f"{meta_path.name}: unexpected layout")
        suffix = f"-{details['hash'].rsplit('_', 1)[-1][:6]}"
        width = len(f"{max(len(meta[1]) - 1, 0):x}")  # the same for every name: each digit has its place
        names: dict[str, str] = {}
        for page in meta[1]:
            if page[0] not in names:  # identical pages share one fragment, as Pagefind made them
                names[page[0]] = f"{len(names):0{width}x}"[::-1] + suffix
                (fragments / f"{page[0]}.pf_fragment").replace(fragments / f"{names[page[0]]}.pf_fragment")
            page[0] = names[page[0]]
        kept |= set(names.values())
        meta_path.unlink()
        digest = write_data(bundle, lambda d, language=language: f"pagefind.{language}_{d[:10]}.pf_meta", meta)
        details["hash"] = f"{language}_{digest[:10]}"
    for path in fragments.glob("*.pf_fragment"):
        if path.stem not in kept:
            path.unlink()
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
