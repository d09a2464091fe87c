"""What keeps a site readable offline: its service worker (sw.js) and the list of what it saves (offline.json).

Run over a finished site, after Pagefind, because both describe every file of it
(guide/offline.md). The build's id is a hash of those files: the same site gives the
same id (builds stay byte-identical), a deploy that changes anything gives another, and
with it a new sw.js that phones install on their next online visit.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from macros.render.offline import BUILD_TOKEN, OFFLINE_PAGE, SIZE_TOKEN

WORKER_FILE = "sw.js"
MANIFEST_FILE = "offline.json"
# Cached at install: the home page, Cari and the offline page, with what they load.
SHELL_PAGES = ("", "cari/", OFFLINE_PAGE)
SEARCH_FOLDER = "pagefind"
# The largest search index (gzipped, as sent) that the shell includes.
INDEX_IN_SHELL = 150 * 1024
SEARCH_SCRIPT = "assets/search.js"
SEARCH_STYLESHEET = "assets/search.css"

_TEMPLATES = Path(__file__).parent
# Pagefind's interfaces that docs/assets/search.js does not load.
_UNUSED_SEARCH_FILES = re.compile(r"pagefind-(ui|modular-ui|highlight|worker)\.|wasm\.unknown\.")
# Files that GitHub Pages sends gzipped; Pagefind's own are compressed already.
_COMPRESSED_ON_THE_WIRE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
# What a page loads: its stylesheets, icon and scripts (not the links to other pages).
_LOADED = re.compile(r'<(?:link rel="(?:stylesheet|icon)" href|script src)="([^"#?]+)[^"]*"')
_FRAGMENT_SIGNATURE = b"pagefind_dcd"


@dataclass(frozen=True)
class OfflineReport:
    build: str
    shell_bytes: int  # what installing the worker downloads (gzipped as sent)
    plan_bytes: int  # what "Simpan untuk dibaca luring" downloads: every page and the whole search index
    pages: int


def wire_size(path: Path) -> int:
    """The bytes `path` takes to send: gzipped when GitHub Pages compresses its kind."""
    if path.suffix not in _COMPRESSED_ON_THE_WIRE:
        return path.stat().st_size
    return _gzipped_size(path.read_bytes())


def _gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# The gzipped sizes of files already weighed in this process, by their SHA-256: the regions of a
# portal load the same theme files, which took a tenth of each region's offline step to compress.
_WEIGHED: dict[bytes, int] = {}
_WEIGHED_MAX = 4096  # a long `make serve` weighs new home pages on every rebuild


def shared_wire_size(path: Path) -> int:
    """`wire_size` of a file that other sites of this build may hold byte for byte (a shell's files)."""
    if path.suffix not in _COMPRESSED_ON_THE_WIRE:
        return wire_size(path)
    data = path.read_bytes()
    key = hashlib.sha256(data).digest()
    size = _WEIGHED.get(key)
    if size is None:
        if len(_WEIGHED) >= _WEIGHED_MAX:
            _WEIGHED.clear()
        size = _WEIGHED[key] = _gzipped_size(data)
    return size


def about(size: int) -> str:
    """A size as a citizen reads it: "sekitar 3,4 MB", "sekitar 850 KB"."""
    if size >= 1_000_000:
        return f"sekitar {size / 1_000_000:.1f} MB".replace(".", ",")
    return f"sekitar {max(1, round(size / 1000))} KB"


# Program pages gzipped to weigh the whole plan: at most this many, spread over the plan. They are
# alike and compress alike; compressing each of them would add seconds to a large plan's build (and
# to each of a portal's 40 regions) for a figure the page rounds anyway ("sekitar 9,7 MB").
PAGES_WEIGHED = 24


def pages_wire_size(site: Path, pages: list[str]) -> int:
    """The pages' bytes as sent. The pages near the root (Beranda, a dimension, Peta Jalan, Cetak…)
    are weighed each: the ones that list the whole plan are the largest, and compress four times
    better than a program's page, so a sample of all pages missed by a fifth either way. The program
    pages, two folders deep, are weighed as all their bytes times how much a spread sample of them
    compresses (within 2 % of the sum: tests/test_offline.py)."""
    near_root = [site / page / "index.html" for page in pages if page.count("/") < 2]
    programs = [site / page / "index.html" for page in pages if page.count("/") >= 2]
    raw = sum(path.stat().st_size for path in programs)
    sample = programs[:: max(1, math.ceil(len(programs) / PAGES_WEIGHED))]
    sample_raw = sum(path.stat().st_size for path in sample)
    sampled = round(raw * sum(wire_size(path) for path in sample) / sample_raw) if sample_raw else 0
    return sum(wire_size(path) for path in near_root) + sampled


def _site_files(site: Path, elsewhere: Iterable[str]) -> list[str]:
    """Every file of `site` (as addresses from its root) but the worker's own two and `elsewhere`'s,
    in the order of their paths' parts (os.walk, not pathlib: about 0.15 s less at 1,000 pages)."""
    skipped = {name.strip("/") for name in elsewhere}
    files = []
    for folder, folders, names in os.walk(site):
        within = Path(folder).relative_to(site).as_posix()
        if within == ".":
            folders[:] = [name for name in folders if name not in skipped]
            within = ""
        for name in names:
            relative = f"{within}/{name}" if within else name
            if relative not in (WORKER_FILE, MANIFEST_FILE) and os.path.isfile(os.path.join(folder, name)):
                files.append(relative)
    files.sort(key=lambda relative: relative.split("/"))  # as sorted Paths compare: part by part
    return files


def _loaded_by(site: Path, page: str) -> list[str]:
    """What a page loads (stylesheets, scripts, icons), as addresses from the site's root ("../" leaves it)."""
    path = site / page / "index.html"
    if not path.is_file():
        return []
    found = []
    for address in _LOADED.findall(path.read_text(encoding="utf-8")):
        if "://" in address or address.startswith(("/", "data:")):
            continue
        found.append(posixpath.normpath(posixpath.join(page or ".", address)))
    return found


def _search_files(files: list[str], build: str) -> tuple[list[str], list[str]]:
    """Pagefind's files the site's search uses: (the engine and its index, the pages' fragments)."""
    prefix = SEARCH_FOLDER + "/"
    used = [name for name in files if name.startswith(prefix) and not _UNUSED_SEARCH_FILES.search(name)]
    fragments = [name for name in used if name.startswith(prefix + "fragment/")]
    engine = [
        f"{name}?ts={build}" if name == prefix + "pagefind-entry.json" else name
        for name in used
        if name not in fragments
    ]
    return [*engine, SEARCH_STYLESHEET], fragments


def _fragment_pages(site: Path, fragments: list[str], elsewhere: list[str]) -> dict[str, str]:
    """page address → its Pagefind fragment, so that a page saved is found by search offline too.

    Only the pages this site's worker saves: not a region's inside a portal (its own worker saves
    them), nor a remote region's program page (another site): 25,000 of them at a portal of 500
    regions, 3 MB of offline.json that no phone could use.
    """
    skipped = tuple(name.strip("/") + "/" for name in elsewhere)
    pages = {}
    for name in fragments:
        data = gzip.decompress((site / name).read_bytes())
        if data.startswith(_FRAGMENT_SIGNATURE):
            url = json.loads(data[len(_FRAGMENT_SIGNATURE) :])["url"]
            address = url.lstrip("/")
            if "://" not in url and not address.startswith(skipped):
                pages[address] = name
    return pages


def _replace(path: Path, token: str, value: str) -> None:
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if token in text:
            path.write_text(text.replace(token, value), encoding="utf-8")


def _is_page(name: str) -> bool:
    return name == "index.html" or name.endswith("/index.html")


def build_id(site: Path, files: list[str], token: str, value: str, known: Mapping[str, bytes] | None = None) -> str:
    """A digest of every file of `files`, once each page that holds `token` has `value` in its place
    (one read of each file does both). `known`: the SHA-256 of files read already (`Survey`)."""
    known = known or {}
    digest = hashlib.sha256()
    for name in files:
        file_digest = known.get(name)
        if file_digest is None:
            path = site / name
            data = path.read_bytes()
            if _is_page(name) and token.encode() in data:
                _replace(path, token, value)
                data = path.read_bytes()
            file_digest = hashlib.sha256(data).digest()
        digest.update(name.encode() + b"\0")
        digest.update(file_digest)
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Survey:
    """What the offline step reads of a site whose search bundle is still being made: the SHA-256 of
    each file (but the pages that hold the size token, which change), and the pages' bytes as sent.

    Pagefind builds a region's index for about a second once its pages are written, and the build
    waits for it; the site's other files are final by then, so they are read meanwhile
    (macros/site/hooks.py). Nothing else writes into the site until the bundle is in.
    """

    digests: Mapping[str, bytes]
    pages_bytes: int


def survey(site: Path) -> Survey:
    """Read the finished `site` before its search bundle is written (`write_offline_files(surveyed=…)`)."""
    files = _site_files(site, ())
    digests = {}
    for name in files:
        data = (site / name).read_bytes()
        if not (_is_page(name) and SIZE_TOKEN.encode() in data):
            digests[name] = hashlib.sha256(data).digest()
    pages = [name[: -len("index.html")] for name in files if _is_page(name)]
    return Survey(digests, pages_wire_size(site, pages))


def write_offline_files(site: Path, elsewhere: Iterable[str] = (), surveyed: Survey | None = None) -> OfflineReport:
    """Write sw.js and offline.json into the built `site`.

    `elsewhere`: its folders that are sites of their own (a portal's regions), each with its worker.
    `surveyed`: what `survey` read of the site before its search bundle was written.
    """
    elsewhere = list(elsewhere)
    files = _site_files(site, elsewhere)
    pages = [name[: -len("index.html")] for name in files if _is_page(name)]
    # Only what the worker may download is weighed: not the open data files (workbooks, CSV).
    sizes = {name: shared_wire_size(site / name) for name in files if name.startswith(SEARCH_FOLDER + "/")}
    _, fragments = _search_files(files, "")
    pages_bytes = surveyed.pages_bytes if surveyed is not None else pages_wire_size(site, pages)
    whole_plan = pages_bytes + sum(sizes.values())
    # The home page and Cetak say how much saving the whole plan takes.
    build = build_id(site, files, SIZE_TOKEN, about(whole_plan), surveyed.digests if surveyed is not None else None)
    _replace(site / SEARCH_SCRIPT, BUILD_TOKEN, build)
    engine, _ = _search_files(files, build)
    shell = list(SHELL_PAGES)
    for page in SHELL_PAGES:
        shell += [address for address in _loaded_by(site, page) if address not in shell]
    # The search engine always; its index too while it is small, so that a first visit is enough to
    # search offline. A large plan's index (about 490 KB at 1,000 programs) is no download to make
    # unasked on a prepaid quota: it is saved as searches use it, and by "Simpan untuk dibaca luring".
    index = [
        address for address in engine if address.startswith((f"{SEARCH_FOLDER}/index/", f"{SEARCH_FOLDER}/filter/"))
    ]
    index_in_shell = sum(sizes[address] for address in index) <= INDEX_IN_SHELL
    shell += [address for address in engine if address not in shell and (index_in_shell or address not in index)]
    manifest = {
        "build": build,
        "size": about(whole_plan),
        "shell": shell,
        "pages": pages,
        "search": engine + fragments,
        "fragments": _fragment_pages(site, fragments, elsewhere),
    }
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    (site / MANIFEST_FILE).write_text(text, encoding="utf-8", newline="\n")
    worker = (_TEMPLATES / "offline_worker.js").read_text(encoding="utf-8")
    worker = worker.replace('"@build@"', json.dumps(build), 1)
    folders = json.dumps(sorted(name.strip("/") + "/" for name in elsewhere))
    worker = worker.replace("const ELSEWHERE = [];", f"const ELSEWHERE = {folders};", 1)
    (site / WORKER_FILE).write_text(worker, encoding="utf-8", newline="\n")

    def sent(address: str) -> int:
        path = site / address.split("?")[0]
        path = path / "index.html" if path.is_dir() else path
        return sizes.get(address.split("?")[0]) or (shared_wire_size(path) if path.is_file() else 0)

    shell_bytes = len(gzip.compress(text.encode(), mtime=0)) + sum(sent(address) for address in shell)
    return OfflineReport(build, shell_bytes, whole_plan, len(pages))


def write_kill_switch(site: Path) -> None:
    """sw.js that removes the worker of an earlier build from every phone (offline reading off, or a preview)."""
    worker = (_TEMPLATES / "offline_kill_switch.js").read_text(encoding="utf-8")
    (site / WORKER_FILE).write_text(worker, encoding="utf-8", newline="\n")
