"""Program pages kept from the last build, so that a build renders only the pages whose inputs changed.

A program page is the costliest kind to make (its body, then Material's template around it)
and there are hundreds of them, while an edit or an agency's report changes one program. Each
page is kept under a key: a digest of everything it is made from. The build-wide part, the
*salt*, covers the code, templates and pages of `docs/` (`code_fingerprint`), MkDocs' settings as the build
has them (`config_fingerprint`: nav, extra, site_url…) and the plan as a whole
(`macros.render.program_page.plan_inputs`); the page's own part is what it reads of its
program (`program_page_inputs`), its address and its Masukan and report links. A page whose
key is found is not rendered: the theme gets a one-line template that prints the kept HTML
(`KEPT_TEMPLATE`), and the hooks fill it in as they fill a fresh page.

What changes with every run but not with the page is never kept in it: the run's date
("Data per …", the foot of printed sheets) and the Git history are slots (HTML comments)
filled in when the page is written (macros.site.hooks.on_post_page). So the pages written
from the cache are byte for byte those of a full build (tests/test_page_cache.py).

The pages of the last build live in memory, for the next rebuild of `mkdocs serve`, and in
one file per site under `.cache/rencana/pages/` (or `$RENCANA_PAGE_CACHE`; `off` turns the
cache off), which the Publish workflow keeps between runs. The file ends with a digest of its
bytes: a cut, corrupt or foreign file is ignored as a whole, and only costs the time of a
full build. It is read only as bytes, never unpickled or evaluated.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Template

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Where the cache goes: a folder, or "off" for none.
CACHE_VARIABLE = "RENCANA_PAGE_CACHE"
DEFAULT_FOLDER = Path(".cache") / "rencana" / "pages"
# What a kept page goes through in place of the theme's main.html (its body is the whole page).
# A template of its own environment: MkDocs looks up a page's template (`page.meta.template`,
# a name or a Template) before its `env` event, and does not escape what it prints.
KEPT_TEMPLATE = Template("{{ page.meta.rencana_kept_page }}", autoescape=False)

# The file: this header, then entries (32-byte key, 4-byte length, UTF-8 page), then the
# SHA-256 of everything before it. A new layout changes the header.
_HEADER = b"rencana-pages 1\n"
_DIGEST = 32
# Packages whose templates or HTML end up in a page; the engine too (ProperDocs builds the same
# project from another environment: its pages must never be MkDocs' kept ones, nor the reverse).
_PACKAGES = (
    "mkdocs",
    "properdocs",
    "mkdocs-material",
    "mkdocs-macros-plugin",
    "markdown",
    "pymdown-extensions",
    "nh3",
)
# MkDocs settings that are not the site's: where it is written, and live objects.
_NOT_SETTINGS = frozenset({"site_dir", "plugins", "hooks", "watch", "dev_addr", "validation"})

# The pages of this process's last build (one site: a portal's worker builds many regions in
# turn, and would otherwise hold them all), for a rebuild of the same site (`make serve`).
_last_build: dict[Path, dict[bytes, str]] = {}


def cache_file(root: Path, name: str) -> Path | None:
    """The cache file of the site `name` of the project at `root`, or None when the cache is off."""
    configured = os.environ.get(CACHE_VARIABLE, "")
    if configured.strip().lower() in ("off", "0", "no", "false"):
        return None
    folder = Path(configured) if configured else root / DEFAULT_FOLDER
    return folder / f"{name}.bin"


def code_fingerprint(folders: list[Path]) -> str:
    """A digest of the files of `folders` (the code, templates, pages) and of the packages they use."""
    digest = hashlib.sha256(_package_versions())
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + _file_digest(path))
    return digest.hexdigest()


@functools.cache  # a process runs the packages it started with: `make serve` asks on every rebuild
def _package_versions() -> bytes:
    versions = []
    for name in _PACKAGES:
        try:
            versions.append(f"{name}={metadata.version(name)}\n")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=absent\n")
    return "".join(versions).encode()


# path → ((modified, size), digest of its bytes): a preview's rebuild reads again only the files
# that changed (about 400 files, 0.03 s of a 0.5 s rebuild at 100 programs when read every time).
_file_digests: dict[Path, tuple[tuple[int, int], bytes]] = {}


def _file_digest(path: Path) -> bytes:
    status = path.stat()
    stamp = (status.st_mtime_ns, status.st_size)
    known = _file_digests.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    digest = hashlib.sha256(path.read_bytes()).digest()
    _file_digests[path] = (stamp, digest)
    return digest


def config_fingerprint(config: MkDocsConfig) -> str:
    """A digest of MkDocs' settings as this build has them (nav, extra, site_url, theme, plugins)."""
    settings: dict[str, Any] = {key: value for key, value in config.items() if key not in _NOT_SETTINGS}
    # Hooks are modules, with no settings of their own; plugins have them.
    settings["plugins"] = {name: dict(getattr(plugin, "config", {})) for name, plugin in config.plugins.items()}
    text = json.dumps(settings, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: Any) -> Any:
    """A setting JSON cannot write, as something it can, the same in every run (sets sorted)."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, Mapping):  # the theme, and MkDocs' nested settings
        return {"type": type(value).__name__, "items": dict(value), "fields": _fields(value)}
    if callable(value) and hasattr(value, "__qualname__"):
        # `!!python/name:` settings (an emoji index…): their repr holds an address that changes every run.
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return repr(value)


def _fields(value: Any) -> dict[str, Any]:
    """The theme's name, folders and templates, which are attributes beside its settings."""
    return {name: getattr(value, name) for name in ("name", "dirs", "static_templates") if hasattr(value, name)}


def write_whole(path: Path, data: bytes) -> None:
    """`data` into the cache file `path`, written aside and renamed: a build stopped half-way
    leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


class PageCache:
    """The pages of one site: those of the last build to reuse, and this build's to keep."""

    def __init__(self, path: Path, salt: str) -> None:
        self.path = path
        self._salt = salt.encode()
        self._previous = self._read()
        self._kept: dict[bytes, str] = {}
        self.reused = 0

    def key(self, *parts: str) -> bytes:
        digest = hashlib.sha256(self._salt)
        for part in parts:
            digest.update(b"\0" + part.encode())
        return digest.digest()

    def get(self, key: bytes) -> str | None:
        page = self._previous.get(key)
        if page is not None:
            self.reused += 1
        return page

    def keep(self, key: bytes, page: str) -> None:
        self._kept[key] = page

    def save(self) -> None:
        """Keep this build's pages (only them: pages no longer built are dropped)."""
        _last_build.clear()
        _last_build[self.path] = self._kept
        if self._kept.keys() == self._previous.keys():
            return  # every page came from the cache: the file already holds them
        body = bytearray(_HEADER)
        for key, page in self._kept.items():
            encoded = page.encode()
            body += key + len(encoded).to_bytes(4, "big") + encoded
        body += hashlib.sha256(body).digest()
        write_whole(self.path, bytes(body))

    def _read(self) -> dict[bytes, str]:
        if self.path in _last_build:
            return _last_build[self.path]
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        return _entries(data)


def _entries(data: bytes) -> dict[bytes, str]:
    """The pages of a cache file, or none when it is not whole (cut, corrupt, another layout)."""
    if not data.startswith(_HEADER) or len(data) < len(_HEADER) + _DIGEST:
        return {}
    body, digest = memoryview(data)[:-_DIGEST], data[-_DIGEST:]
    if hashlib.sha256(body).digest() != digest:
        return {}
    entries: dict[bytes, str] = {}
    at = len(_HEADER)
    while at < len(body):
        if at + _DIGEST + 4 > len(body):
            return {}
        key = bytes(body[at : at + _DIGEST])
        size = int.from_bytes(body[at + _DIGEST : at + _DIGEST + 4], "big")
        start = at + _DIGEST + 4
        if start + size > len(body):
            return {}
        try:
            entries[key] = str(body[start : start + size], "utf-8")
        except UnicodeDecodeError:
            return {}
        at = start + size
    return entries
