"""Join Pagefind bundles built from parts of one set of pages into one bundle.

Two uses: the parts of the portal's search over remote regions (below), and the local regions'
own bundles, of which the portal takes the program pages, their addresses put behind the
region's folder (`Part`; macros.site.portal_search.join_region_bundles), instead of indexing
those pages a second time.

Pagefind keeps every page it is given, a copy of each, and the index it builds from them, all
at once: about 44 KB a record, 1.1 GB for the portal's 25,000 programs (guide/portal.md,
"Limits, measured"). Run over a part of the records at a time, each run holds only its part;
this module then joins the parts' bundles: the same words, pages, filters and fragments as one
run over every part, and words cut into chunks by Pagefind's own rule (`chunk_index` and
`chunk_meta` in Pagefind's `index/mod.rs`).

One difference, on purpose: the joined bundle numbers the pages from the fewest words to the
most (`_shortest_first`, in the order given where counts are equal), where one run numbers them
in the order given. A first search loads every page's fragment name and word count (the
`.pf_meta` file) before it answers; in that order, a page's entry repeats the one before it but
for its name, so that gzip makes the portal's 25,000 entries about half as large (guide/portal.md,
"First search"). Nothing else depends on the numbers: a result's rank comes from its words.

What is read and written is the layout of Pagefind 1.5 (`macros.site.search_bundle`): a part
laid out otherwise stops the build (BundleFormatError) instead of being guessed at.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from macros.site.search_bundle import SIGNATURE, BundleFormatError, head, read_file, read_head, write_data

# Pagefind 1.5 closes an index chunk once the locations in it, in the words and in the metadata, and one
# per page, reach this many (measured: the joined bundle of one part is Pagefind's own).
CHUNK_SIZE = 20_000
ENTRY = "pagefind-entry.json"
PAGE_HEAD, WORD_HEAD, EMPTY = head(4, 3), head(4, 3), head(4, 0)  # [page, locations, metadata locations]
DATA_FOLDERS = ("fragment", "index", "filter")


@dataclass(frozen=True)
class Part:
    """A bundle to join, and what of it: the pages whose address `takes` accepts (every page: None),
    their addresses behind `prefix` (a region's bundle joined into its portal's: `/<region>`)."""

    folder: Path
    prefix: str = ""
    takes: Callable[[str], bool] | None = None

    @property
    def whole(self) -> bool:
        return not self.prefix and self.takes is None


def merge_bundles(bundles: Sequence[Path | Part], target: Path, check: Callable[[], None] = lambda: None) -> None:
    """Join the bundles of `bundles` (in the order their pages were given) into the empty folder `target`,
    the pages numbered by their word count, in that order where it is the same. `check` is called between
    parts: what it raises stops the join (a preview's search made obsolete by the next save)."""
    chosen = [bundle if isinstance(bundle, Part) else Part(bundle) for bundle in bundles]
    parts = [part.folder for part in chosen]
    entries = [json.loads((part / ENTRY).read_text(encoding="utf-8")) for part in parts]
    languages = set(entries[0]["languages"])
    if any(set(entry["languages"]) != languages for entry in entries):
        raise BundleFormatError("the parts do not have the same languages")
    target.mkdir(parents=True, exist_ok=True)
    for item in parts[0].iterdir():  # Pagefind's scripts, styles and WebAssembly: the same in every part
        if item.is_file() and item.name != ENTRY and not item.name.endswith(".pf_meta"):
            shutil.copy2(item, target / item.name)
    for folder in DATA_FOLDERS:
        (target / folder).mkdir(exist_ok=True)
    entry = entries[0]
    for language in sorted(languages):
        metas = [
            read_file(part / f"pagefind.{found['languages'][language]['hash']}.pf_meta")
            for part, found in zip(parts, entries, strict=True)
        ]
        entry["languages"][language] |= _merge_language(language, chosen, metas, target, check)
    for part in chosen:
        if part.whole:  # the others' fragments are written by _merge_language, their pages' only
            for fragment in (part.folder / "fragment").glob("*.pf_fragment"):
                fragment.replace(target / "fragment" / fragment.name)  # named by content: the same name, the same page
    (target / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _merge_language(
    language: str, parts: list[Part], metas: list[Any], target: Path, check: Callable[[], None]
) -> dict[str, object]:
    # [version, pages: [[fragment, word count]], index chunks: [[from, to, file]], filters: [[name, file]],
    #  sorts, meta keys]
    for meta in metas:
        if len(meta) != 6 or meta[4] or meta[0] != metas[0][0] or meta[5] != metas[0][5]:
            raise BundleFormatError("parts of the index differ in version, sorts or metadata keys")
    pages: list[Any] = []
    words: dict[str, Pages] = {}
    filters: dict[str, dict[str, list[int]]] = {}
    for part, meta in zip(parts, metas, strict=True):
        check()
        numbers = _take_pages(language, part, meta[1], len(pages), pages, target)
        for _, _, name in meta[2]:
            _add_words(part.folder / "index" / f"{name}.pf_index", numbers, words)
        for filter_name, name in meta[3]:
            found_name, values = read_file(part.folder / "filter" / f"{name}.pf_filter")
            into = filters.setdefault(found_name, {})
            for value, found in values:
                taken = [numbers[number] for number in found if numbers[number] is not None]
                into.setdefault(value, []).extend(taken)
            if found_name != filter_name:
                raise BundleFormatError(f"filter {filter_name} is named {found_name} in its file")
    # What only the pages left out had: no word, value or filter without a page (as one run over the others).
    words = {word: found for word, found in words.items() if found}
    filters = {name: {value: found for value, found in values.items() if found} for name, values in filters.items()}
    filters = {name: values for name, values in filters.items() if values}
    check()
    pages = _shortest_first(pages, words, filters)
    chunks = _write_chunks(language, words, target)
    filter_files = sorted(
        [
            name,
            _write(
                target / "filter",
                language,
                [name, sorted([value, pages] for value, pages in found.items())],
                "pf_filter",
            ),
        ]
        for name, found in filters.items()
    )
    meta = [metas[0][0], pages, chunks, filter_files, [], metas[0][5]]
    digest = write_data(target, lambda d: f"pagefind.{language}_{d[:10]}.pf_meta", meta)
    return {"hash": f"{language}_{digest[:10]}", "page_count": len(pages)}


def _shortest_first(pages: list[Any], words: dict[str, Pages], filters: dict[str, dict[str, list[int]]]) -> list[Any]:
    """`pages` ([fragment, word count]) ordered by word count; every page number in `words` and
    `filters` changed to match, in place. Returns the pages in their new order."""
    order = sorted(range(len(pages)), key=lambda number: pages[number][1])  # stable: ties keep their order
    renumbered = [0] * len(pages)
    for new, old in enumerate(order):
        renumbered[old] = new
    for found in words.values():
        found[:] = sorted((renumbered[number], locations, count) for number, locations, count in found)
    for values in filters.values():
        for value, numbers in values.items():
            values[value] = sorted(renumbered[number] for number in numbers)
    return [pages[old] for old in order]


# A word's pages in the joined index: (page number, its locations as Pagefind encoded them, their count).
Pages = list[tuple[int, bytes, int]]


def _take_pages(
    language: str, part: Part, found: list[Any], offset: int, pages: list[Any], target: Path
) -> list[int | None]:
    """Add the pages of `part` it takes to `pages` (their fragments written into `target` when changed);
    for each of its page numbers, the page's number in the join, or None for a page left out."""
    if part.whole:
        pages += found
        return list(range(offset, offset + len(found)))
    numbers: list[int | None] = []
    for fragment_name, word_count in found:
        source = part.folder / "fragment" / f"{fragment_name}.pf_fragment"
        url, name, zipped = _moved_fragment(source.read_bytes(), source.name, language, part.prefix)
        if part.takes is not None and not part.takes(url):
            numbers.append(None)
            continue
        (target / "fragment" / f"{name}.pf_fragment").write_bytes(zipped)
        numbers.append(len(pages))
        pages.append([name, word_count])
    return numbers


# What was read of the parts' files, by their content, once `keep_reads` is called: the portal's
# preview joins its index again after every edit, from the bundles of regions most of which did not
# change (macros.site.portal_build.index_preview). A build joins once and keeps nothing: a portal of
# 25,000 programs would hold millions of locations twice. Emptied when full.
_READ: dict[tuple[bytes, str, str], Any] = {}
_READ_MAX = 5_000
_keeping_reads = False
_Read = TypeVar("_Read")


def keep_reads() -> None:
    """Keep what joins read in this process, for the next join over mostly the same bundles."""
    global _keeping_reads
    _keeping_reads = True


def _remembered(raw: bytes, detail: tuple[str, str], read: Callable[[], _Read]) -> _Read:
    """What `read` makes of the file bytes `raw` (`detail`: what else it depends on), kept if asked."""
    if not _keeping_reads:
        return read()
    key = (hashlib.sha256(raw).digest(), *detail)
    if key not in _READ:
        if len(_READ) >= _READ_MAX:
            _READ.clear()
        _READ[key] = read()
    return cast(_Read, _READ[key])


def _moved_fragment(raw: bytes, name: str, language: str, prefix: str) -> tuple[str, str, bytes]:
    """(the page's address, the fragment's name and gzipped bytes with the address behind `prefix`)."""

    def read() -> tuple[str, str, bytes]:
        data = gzip.decompress(raw)
        if not data.startswith(SIGNATURE):
            raise BundleFormatError(f"{name}: not a Pagefind fragment")
        fragment = json.loads(data[len(SIGNATURE) :])
        url = fragment["url"]
        fragment["url"] = prefix + url
        written = SIGNATURE + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        moved = f"{language}_{hashlib.sha256(written).hexdigest()[:7]}"
        return url, moved, gzip.compress(written, 9, mtime=0)

    return _remembered(raw, (language, prefix), read)


def _add_words(path: Path, numbers: list[int | None], words: dict[str, Pages]) -> None:
    """The words of the index chunk at `path`, each page given the number `numbers` has for it (None:
    left out)."""
    raw = path.read_bytes()
    if not _keeping_reads:
        _read_words(raw, path, numbers, words)
        return
    for word, found in _remembered(raw, ("index", ""), lambda: _words_as_read(raw, path)).items():
        joined_pages = words.setdefault(word, [])
        for number, locations, count in found:
            if (joined := numbers[number]) is not None:
                joined_pages.append((joined, locations, count))


class _Numbering(Protocol):
    def __getitem__(self, number: int, /) -> int | None: ...


class _AsRead:
    """Every page keeps the number its own bundle gives it."""

    def __getitem__(self, number: int, /) -> int:
        return number


def _words_as_read(raw: bytes, path: Path) -> dict[str, Pages]:
    words: dict[str, Pages] = {}
    _read_words(raw, path, _AsRead(), words)
    return words


def _read_words(raw: bytes, path: Path, numbers: _Numbering, words: dict[str, Pages]) -> None:
    """The words of the gzipped index chunk `raw` (from `path`) added to `words`, each page given the
    number `numbers` has for it (None: left out).

    A chunk is `[[word, [[page, [locations], [metadata locations]], …], []], …]`, each page given by
    its distance from the one before. The locations are kept as bytes, not decoded: a chunk of the
    portal holds a million of them, too many to read into Python objects and write back in time.
    """
    data = gzip.decompress(raw)
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path.name}: not a Pagefind data file")
    at = _expect(data, len(SIGNATURE), 4, path, 1)[1]
    count, at = _expect(data, at, 4, path)
    for _ in range(count):
        at = _expect(data, at, 4, path, 3)[1]
        size, at = _expect(data, at, 3, path)
        word = data[at : at + size].decode("utf-8")
        number, found = 0, words.setdefault(word, [])
        pages, at = _expect(data, at + size, 4, path)
        for _ in range(pages):
            at = _expect(data, at, 4, path, 3)[1]
            distance, at = _expect(data, at, 0, path)
            start, locations = at, 0
            for _ in range(2):  # the locations, then the metadata locations: arrays of integers
                items, at = _expect(data, at, 4, path)
                locations += items
                for _ in range(items):
                    if data[at] >> 5 > 1:
                        raise BundleFormatError(f"{path.name}: a location that is not an integer")
                    info = data[at] & 31
                    at += 1 if info < 24 else 1 + (1 << (info - 24))
            number += distance
            if (joined := numbers[number]) is not None:
                found.append((joined, data[start:at], locations))
        if _expect(data, at, 4, path)[0] != 0:
            raise BundleFormatError(f"{path.name}: word {word!r} has data this module does not know")
        at += 1
    if at != len(data):
        raise BundleFormatError(f"{path.name}: bytes after the last word")


def _expect(data: bytes, at: int, major: int, path: Path, value: int | None = None) -> tuple[int, int]:
    found, number, after = read_head(data, at)
    if found != major or (value is not None and number != value):
        raise BundleFormatError(f"{path.name}: unexpected layout at byte {at}")
    return number, after


def _write_chunks(language: str, words: dict[str, Pages], target: Path) -> list[list[str]]:
    chunks: list[list[bytes]] = []
    current: list[bytes] = []
    size = 0
    for word in sorted(words):
        pages, previous, packed = words[word], 0, []
        for number, locations, count in pages:  # sorted by _shortest_first: the numbers only grow
            packed.append(PAGE_HEAD + head(0, number - previous) + locations)
            previous = number
            size += count + 1
        raw = word.encode("utf-8")
        current.append(WORD_HEAD + head(3, len(raw)) + raw + head(4, len(packed)) + b"".join(packed) + EMPTY)
        if size >= CHUNK_SIZE:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    bounds = [[_word_of(chunk[0]), _word_of(chunk[-1])] for chunk in chunks]
    for before, after in itertools.pairwise(bounds):  # the shortest prefixes that tell them apart
        common = 0
        while common < min(len(before[1]), len(after[0])) and before[1][common] == after[0][common]:
            common += 1
        before[1], after[0] = before[1][: common + 1], after[0][: common + 1]
    names = []
    encoded = [SIGNATURE + head(4, 1) + head(4, len(chunk)) + b"".join(chunk) for chunk in chunks]
    # zlib lets go of the interpreter while it compresses: the chunks (0.8 s at 2,000 pages) on every core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        compressed = list(pool.map(lambda unpacked: gzip.compress(unpacked, 9, mtime=0), encoded))
    for unpacked, zipped in zip(encoded, compressed, strict=True):
        digest = hashlib.sha256(unpacked).hexdigest()
        (target / "index" / f"{language}_{digest[:7]}.pf_index").write_bytes(zipped)
        names.append(f"{language}_{digest[:7]}")
    return [[first, last, name] for (first, last), name in zip(bounds, names, strict=True)]


def _word_of(encoded: bytes) -> str:
    size, at = read_head(encoded, 1)[1:]
    return encoded[at : at + size].decode("utf-8")


def _write(folder: Path, language: str, value: Any, suffix: str) -> str:
    digest = write_data(folder, lambda d: f"{language}_{d[:7]}.{suffix}", value)
    return f"{language}_{digest[:7]}"
