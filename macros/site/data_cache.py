"""Program files' data kept from the last build, so that a build reads again only the files that changed.

Reading a program file (YAML with every check of macros.data.plan.read) is most of loading the
data: about 0.45 s of a build at 1,000 programs, for an agency's report that changed one file.
A build keeps the plain data of each file it read without a problem, by the SHA-256 of the
file's bytes, in `<site>.data` beside the page cache's file (`.cache/rencana/pages/`, which the
Publish workflow keeps between runs; `RENCANA_PAGE_CACHE=off` turns both off). The next build
takes a file whose bytes are the same from there and only validates it again; positions for a
message still come from the file's text.

The file is JSON, never evaluated, and ends with a digest of what is before it: a cut or
corrupt file, or one kept by other code (its fingerprint: the package's files, PyYAML's
version and whether its C parser is there), is ignored and only costs the time of reading.
Only data JSON gives back as it was is kept (text keys; text, numbers, true/false, null, lists).
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from macros.site.page_cache import write_whole

_HEADER = "rencana-data 1"

# The reads this process last loaded or saved, by file: `make serve` saves after every rebuild,
# and reading the file again each time would cost what it saves.
_last: dict[Path, tuple[str, dict[bytes, Any]]] = {}


def data_file(page_cache_file: Path) -> Path:
    """The data cache's file beside the page cache's file of the same site."""
    return page_cache_file.with_suffix(".data")


def reader_fingerprint(code_fingerprint: str) -> str:
    """What reading depends on besides a file's bytes: the code, and the YAML parser."""
    return f"{code_fingerprint} pyyaml={metadata.version('pyyaml')} libyaml={yaml.__with_libyaml__}"


def load(path: Path, fingerprint: str) -> dict[bytes, Any]:
    """The reads kept in `path` by a build of the same code, or none."""
    known = _last.get(path)
    if known is not None and known[0] == fingerprint:
        return known[1]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    body, _, digest = text.rpartition("\n")
    if hashlib.sha256(body.encode("utf-8")).hexdigest() != digest:
        return {}
    header, _, rest = body.partition("\n")
    written_for, _, documents = rest.partition("\n")
    if header != _HEADER or written_for != fingerprint:
        return {}
    try:
        entries = json.loads(documents)
        reads = {bytes.fromhex(key): value for key, value in entries.items()}
    except (ValueError, AttributeError):
        return {}
    _last[path] = (fingerprint, reads)
    return reads


def save(path: Path, fingerprint: str, reads: dict[bytes, Any]) -> None:
    """Keep this build's reads (only them: files no longer read are dropped); nothing if they are the same."""
    reads = {key: value for key, value in reads.items() if _as_json_gives_back(value)}
    known = _last.get(path)
    if known is not None and known[0] == fingerprint and known[1].keys() == reads.keys():
        return
    documents = json.dumps({key.hex(): value for key, value in reads.items()}, separators=(",", ":"))
    body = f"{_HEADER}\n{fingerprint}\n{documents}"
    write_whole(path, f"{body}\n{hashlib.sha256(body.encode('utf-8')).hexdigest()}".encode())
    _last[path] = (fingerprint, reads)


def _as_json_gives_back(value: Any) -> bool:
    """Whether JSON writes `value` so that reading it gives the same value of the same types."""
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))  # JSON has no NaN, no infinity
    if isinstance(value, list):
        return all(_as_json_gives_back(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _as_json_gives_back(item) for key, item in value.items())
    return False
