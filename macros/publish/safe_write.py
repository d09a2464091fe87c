"""Writing a file the maintainer may have filled: never over data without `--force`.

`template` and `export` write workbooks that a person then fills in; writing an empty
template over a filled one would lose work Git cannot bring back (the template is
git-ignored). So a file that exists and differs from what would be written is kept, and
the command says so on one line; the same bytes are left as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from macros.data.language.catalog import Catalog

Written = Literal["written", "unchanged", "kept"]

MESSAGES = Catalog(
    "safe_write",
    {
        "kept": (
            "{file}: berkas ini sudah ada dan berisi data, jadi tidak ditimpa; simpan dengan nama lain, "
            "atau tambahkan --force (make … FORCE=1) untuk menimpanya",
            "{file}: exists and holds data, so it was not overwritten; write to another name, "
            "or add --force (make … FORCE=1) to overwrite it",
        ),
    },
)


def write_unless_filled(target: Path, content: bytes, *, force: bool) -> Written:
    """Write `content` into `target` unless it holds something else (then `kept`, nothing written)."""
    if target.is_file() and not force:
        if target.read_bytes() == content:
            return "unchanged"
        if target.stat().st_size > 0:
            return "kept"
    target.write_bytes(content)
    return "written"


def refusal(shown: str) -> str:
    return MESSAGES.say("kept", file=shown)
