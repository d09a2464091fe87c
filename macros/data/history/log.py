"""Each program's history, read from Git: its status, progress, log and milestones, commit by commit.

Two Git processes per build, whatever the number of programs: one `git log` lists every
commit that changed a file of the city's program folder (along the first-parent line,
renames followed), and one `git cat-file --batch` reads every version of those files.
The few values a history needs are picked from each version by its lines, not by reading
the YAML: a top-level key starts its line, so `status:` there is the program's status,
and a line of a multi-line text never does.

The reading runs in a process of its own (this file, run as a script, which imports
nothing but the standard library), started when the build starts: Git's work and the
picking run on another core while MkDocs builds the pages, and the build waits for the
result only when the first page shows a history, near its end (`HistoryReader`).

Dates come from the commits (the committer's date and time zone), never from the clock,
so that two builds of the same commit say the same. Without the history (no `.git`, a
shallow clone, no `git`) there is `NoHistory` with the reason, known at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from macros.data.language.catalog import Catalog

# One record per commit: \x1e, the commit id, \x1f, the committer date; then its changed files.
_LOG_FORMAT = "%x1e%H%x1f%cI"
_ZERO = "0" * 40


_SAY = Catalog(
    "history.log",
    {
        "no_git": ("git tidak terpasang", "git is not installed"),
        "not_a_checkout": (
            "bukan checkout Git yang memiliki commit (tidak ada folder .git)",
            "not a Git checkout with commits (no .git folder)",
        ),
        "shallow": (
            "clone dangkal, yang tidak memuat commit sebelumnya (checkout dengan fetch-depth: 0)",
            "a shallow clone, which lacks the earlier commits (check out with fetch-depth: 0)",
        ),
    },
)


@dataclass(frozen=True)
class NoHistory:
    reason: str


@dataclass(frozen=True)
class Version:
    """The values of a program file as one commit left it."""

    commit: str
    when: str  # the committer's date and time, ISO 8601 with its offset
    order: int  # the commit's place in the history, oldest first: orders commits of the same second
    status: str | None
    progress: int | None
    update_dates: tuple[str, ...]
    milestones_done: int

    @property
    def progress_percent(self) -> int | None:
        """Progress with the defaults of the format (100 when completed, 0 when planned), None when
        not reported: as `Program.progress_percent` reads it."""
        if self.progress is not None:
            return self.progress
        return {"completed": 100, "planned": 0}.get(self.status or "")


@dataclass(frozen=True)
class Change:
    """What one commit changed in one program that a citizen would notice."""

    program_id: str
    commit: str
    when: str  # the committer's date and time, ISO 8601 with its offset (as the feed writes it)
    order: int  # the commit's place along the history: later changes have larger numbers
    added: bool  # the commit added the program
    status: tuple[str | None, str | None]  # before, after (equal when unchanged)
    progress: tuple[int | None, int | None]  # None: not reported
    new_updates: tuple[str, ...]  # dates of entries that appeared under `updates:`
    milestones_reached: int

    @property
    def status_changed(self) -> bool:
        return self.status[0] != self.status[1]

    @property
    def progress_changed(self) -> bool:
        return self.progress[0] != self.progress[1]

    @property
    def day(self) -> date:
        """The day in the committer's own time zone."""
        return date.fromisoformat(self.when[:10])

    @property
    def anchor(self) -> str:
        """The id of its row on the program page, also its feed entry's link."""
        return f"riwayat-{self.commit[:12]}"


@dataclass(frozen=True)
class History:
    changes: Mapping[str, tuple[Change, ...]]  # program id → its changes, oldest first

    def of(self, program_id: str) -> tuple[Change, ...]:
        return self.changes.get(program_id, ())

    def latest(self, count: int) -> list[Change]:
        """The latest changes across the plan, newest first along the history (one commit: by program id).

        The order of the commits, not their clocks: a change merged later is newer, whatever
        the time its author's computer showed.
        """
        every = [change for changes in self.changes.values() for change in changes]
        every.sort(key=lambda change: (-change.order, change.program_id))
        return every[:count]


# ---------------------------------------------------------------- reading one version


def _value(text: bytes, start: int) -> bytes:
    """The value that starts at `start`, to the end of its line, without a comment or quotes."""
    end = text.find(b"\n", start)
    return text[start : end if end != -1 else len(text)].split(b"#", 1)[0].strip().strip(b"\"'")


def _top_level(text: bytes, key: bytes) -> bytes | None:
    """The value of a top-level `key:` (a line that starts with it)."""
    if text.startswith(key + b":"):
        return _value(text, len(key) + 1) or None
    at = text.find(b"\n" + key + b":")
    return _value(text, at + len(key) + 2) or None if at != -1 else None


def _item_values(text: bytes, key: bytes) -> list[bytes]:
    """The values of `key:` where it starts a list item's line, at the shallowest column only.

    `date:` (updates) and `done:` (milestones) are keys of no other part of a program. A
    line of a multi-line text that happens to start with them is indented deeper than the
    keys of the list item it belongs to, so it never stands at the shallowest column.
    """
    found: list[tuple[int, bytes]] = []
    needle = key + b":"
    at = text.find(needle)
    while at != -1:
        lead = text[text.rfind(b"\n", 0, at) + 1 : at]
        if not lead.strip(b" -"):
            found.append((len(lead), _value(text, at + len(needle))))
        at = text.find(needle, at + len(needle))
    column = min((column for column, _ in found), default=0)
    return [value for at_column, value in found if at_column == column]


def read_version(text: bytes, commit: str, when: str, order: int = 0) -> Version:
    """The values a history needs from one version of a program file, by its lines alone."""
    status = _top_level(text, b"status")
    progress = _top_level(text, b"progress")
    return Version(
        commit,
        when,
        order,
        status.decode(errors="replace") if status else None,
        int(progress) if progress and progress.isdigit() and len(progress) <= 3 else None,
        tuple(sorted({value.decode() for value in _item_values(text, b"date") if len(value) == 10})),
        len(_item_values(text, b"done")),
    )


# ---------------------------------------------------------------- git


@dataclass(frozen=True)
class _FileChange:
    kind: str  # A, M, D, R, C, T
    path: str
    old_path: str | None
    blob: str


@dataclass(frozen=True)
class _Commit:
    sha: str
    when: str
    files: tuple[_FileChange, ...]


def _git(root: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, check=False)


def head_commit(root: Path) -> str | NoHistory:
    """The commit being built, or why there is no history to read (one quick `git rev-parse`)."""
    try:
        result = _git(root, "rev-parse", "--is-shallow-repository", "HEAD")
    except OSError:
        return NoHistory(_SAY.say("no_git"))
    lines = result.stdout.decode(errors="replace").split()
    if result.returncode != 0 or len(lines) != 2:
        return NoHistory(_SAY.say("not_a_checkout"))
    if lines[0] == "true":
        return NoHistory(_SAY.say("shallow"))
    return lines[1]


def _commits(root: Path, folder: str) -> list[_Commit]:
    """Every commit that changed a file under `folder`, oldest first, with its changed files there.

    Git lists every commit's changes and the files outside `folder` are dropped here: a
    path limit would make Git simplify the history first, which costs more than the
    few extra lines it saves (about half the time at 20,000 commits).
    """
    result = _git(
        root,
        "-c",
        "core.quotePath=false",
        "log",
        "--first-parent",
        "-m",
        "-M",
        "--raw",
        "--no-abbrev",
        "-z",
        "--relative",
        f"--format={_LOG_FORMAT}",
    )
    if result.returncode != 0:
        return []
    prefix = folder.rstrip("/") + "/"
    commits = []
    for record in result.stdout.decode("utf-8", errors="surrogateescape").split("\x1e")[1:]:
        header, _, rest = record.partition("\0")
        sha, _, when = header.partition("\x1f")
        tokens = rest.lstrip("\n").split("\0")
        files: list[_FileChange] = []
        index = 0
        while index < len(tokens) and tokens[index].startswith(":"):
            meta = tokens[index][1:].split(" ")
            kind = meta[4][:1]
            if kind in ("R", "C"):
                files.append(_FileChange(kind, tokens[index + 2], tokens[index + 1], meta[3]))
                index += 3
            else:
                files.append(_FileChange(kind, tokens[index + 1], None, meta[3]))
                index += 2
        inside = tuple(change for change in files if change.path.startswith(prefix))
        if inside:
            commits.append(_Commit(sha, when, inside))
    commits.reverse()
    return commits


def _feed(stream: IO[bytes], blobs: list[str]) -> None:
    try:
        stream.write("".join(f"{blob}\n" for blob in blobs).encode())
    finally:
        stream.close()


def _blob_texts(root: Path, blobs: list[str]) -> Iterator[tuple[str, bytes]]:
    """(blob id, content) of each blob, in order, from one `git cat-file --batch`, one at a time."""
    process = subprocess.Popen(
        # --buffer: no flush after each object; the whole list is asked for at once.
        ["git", "-C", str(root), "cat-file", "--batch", "--buffer"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        bufsize=1 << 20,
    )
    assert process.stdin is not None and process.stdout is not None
    # Written from a thread: git answers while it reads, and a full pipe must not stop both.
    writer = threading.Thread(target=_feed, args=(process.stdin, blobs), daemon=True)
    writer.start()
    try:
        for _ in blobs:
            header = process.stdout.readline().split()
            if len(header) != 3:  # `<id> missing`: not in this clone
                continue
            size = int(header[2])
            content = process.stdout.read(size + 1)[:size]
            yield header[0].decode(), content
    finally:
        process.stdout.close()
        process.wait()
        writer.join()


def read_lineages(root: Path, folder: str) -> dict[str, list[Version]]:
    """Path (relative to `root`) → the versions of the file now at that path, oldest first."""
    commits = _commits(root, folder)
    wanted = list(dict.fromkeys(f.blob for c in commits for f in c.files if f.kind != "D" and f.blob != _ZERO))
    contents = dict(_blob_texts(root, wanted))
    lines: dict[str, list[Version]] = {}
    for order, commit in enumerate(commits):
        for change in commit.files:
            if change.kind == "D":
                lines.pop(change.path, None)
                continue
            text = contents.get(change.blob)
            if text is None:
                continue
            if change.kind == "R" and change.old_path is not None:
                versions = lines.pop(change.old_path, [])
            else:
                versions = [] if change.kind in ("A", "C") else lines.get(change.path, [])
            versions.append(read_version(text, commit.sha, commit.when, order))
            lines[change.path] = versions
    return lines


# ---------------------------------------------------------------- changes


def changes_of(program_id: str, versions: list[Version]) -> list[Change]:
    """The noticeable changes between consecutive versions: added, status, progress, news, milestones."""
    found: list[Change] = []
    previous: Version | None = None
    for version in versions:
        if previous is None:
            new_updates: tuple[str, ...] = ()
            reached = 0
            status = (version.status, version.status)
            progress = (version.progress_percent, version.progress_percent)
        else:
            new_updates = tuple(date for date in version.update_dates if date not in previous.update_dates)
            reached = max(0, version.milestones_done - previous.milestones_done)
            status = (previous.status, version.status)
            progress = (previous.progress_percent, version.progress_percent)
        change = Change(
            program_id,
            version.commit,
            version.when,
            version.order,
            previous is None,
            status,
            progress,
            new_updates,
            reached,
        )
        if change.added or change.status_changed or change.progress_changed or new_updates or reached:
            found.append(change)
        previous = version
    return found


# ---------------------------------------------------------------- the reader

# A change as the reading process sends it: every field of a Change but the program's id,
# which only the build knows (it is in the file, and the file is known by its path).
_Row = tuple[str, str, int, bool, tuple[str | None, str | None], tuple[int, int], tuple[str, ...], int]


def _encode(lineages: dict[str, list[Version]]) -> str:
    return json.dumps(
        {
            path: [list(vars(change).values())[1:] for change in changes_of("", versions)]
            for path, versions in lineages.items()
        }
    )


def _decode(text: str) -> dict[str, list[_Row]]:
    data: dict[str, list[list[Any]]] = json.loads(text)
    return {
        path: [(c, w, o, a, (s[0], s[1]), (p[0], p[1]), tuple(u), r) for c, w, o, a, s, p, u, r in rows]
        for path, rows in data.items()
    }


# Kept between the rebuilds of `mkdocs serve`: the history changes only with a new commit.
_cache: dict[tuple[str, str, str], dict[str, list[_Row]]] = {}


def forget() -> None:
    """Drop the history kept for `mkdocs serve` (a benchmark reads it afresh every time)."""
    _cache.clear()


class HistoryReader:
    """A city's history, read by a process of its own; `unavailable` says at once when there is none."""

    def __init__(self, root: Path, slug: str) -> None:
        self.folder = f"data/programs/{slug}"
        head = head_commit(root)
        self.unavailable = head if isinstance(head, NoHistory) else None
        self._key = (str(root.resolve()), slug, head if isinstance(head, str) else "")
        self._output: list[bytes] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._collector: threading.Thread | None = None
        if self.unavailable is None and self._key not in _cache:
            self._process = subprocess.Popen(
                [sys.executable, "-I", __file__, str(root), self.folder], stdout=subprocess.PIPE
            )
            # Its output is collected as it comes, so that the process never waits on a full pipe.
            self._collector = threading.Thread(target=self._collect, daemon=True)
            self._collector.start()

    def _collect(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        with self._process.stdout as stream:
            self._output.append(stream.read())
        self._process.wait()  # reaped here, even when no page asks for the history

    def _rows(self) -> dict[str, list[_Row]]:
        if self._key not in _cache:
            assert self._process is not None and self._collector is not None
            self._collector.join()
            if self._process.returncode != 0:
                raise RuntimeError(f"reading the Git history of {self.folder} failed (see the error above)")
            _cache.clear()
            _cache[self._key] = _decode(b"".join(self._output).decode())
        return _cache[self._key]

    def history(self, source_paths: Mapping[str, str]) -> History:
        """Each program's changes (`source_paths`: program id → its file); waits for the reading to end."""
        assert self.unavailable is None, "no history to wait for"
        rows = self._rows()
        changes = {
            program_id: tuple(Change(program_id, *row) for row in rows[path])
            for program_id, path in source_paths.items()
            if path in rows
        }
        return History(changes)


def read_history(root: Path, slug: str, source_paths: Mapping[str, str]) -> History | NoHistory:
    """The history of each program of a city, read and waited for at once."""
    reader = HistoryReader(root, slug)
    return reader.unavailable or reader.history(source_paths)


if __name__ == "__main__":  # the reading process: python history.py ROOT FOLDER
    sys.stdout.write(_encode(read_lineages(Path(sys.argv[1]), sys.argv[2])))
