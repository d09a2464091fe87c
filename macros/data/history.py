"""Each program's history, read from Git: its status, progress, log and milestones, commit by commit.

Two processes per build, whatever the number of programs: one `git log` over the city's
program folder lists every commit that changed a program file (along the first-parent
line, with renames followed), and one `git cat-file --batch` reads each version of those
files. The few values a history needs are picked from each version's text by line
patterns, not by reading the YAML: a top-level key starts its line, so `status:` at the
start of a line is the program's status, and a block text can never start a line there.

Dates come from the commits (the committer's date, in the committer's time zone), never
from the clock, so that two builds of the same commit say the same. Without the history
(no `.git`, a shallow clone, no `git`) there is `NoHistory` with the reason.
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

# One record per commit: \x1e, the commit id, \x1f, the committer date; then its changed files.
_LOG_FORMAT = "%x1e%H%x1f%cI"
_STATUS = re.compile(rb"^status:[ \t]*[\"']?([a-z]+)", re.MULTILINE)
_PROGRESS = re.compile(rb"^progress:[ \t]*[\"']?(\d{1,3})(?![\d.])", re.MULTILINE)
_TOP_LEVEL_LINE = re.compile(rb"^[^\s#]", re.MULTILINE)
_FIRST_ITEM = re.compile(rb"^( *)-( +)", re.MULTILINE)
_ZERO = "0" * 40


@dataclass(frozen=True)
class Version:
    """A program file as one commit left it."""

    commit: str
    when: datetime
    order: int  # the commit's place in the history, oldest first: orders commits of the same second
    status: str | None
    progress: int | None
    update_dates: frozenset[str]
    milestones_done: int

    @property
    def progress_percent(self) -> int:
        """Progress with the defaults of the format: 100 when completed, else 0."""
        if self.progress is not None:
            return self.progress
        return 100 if self.status == "completed" else 0


@dataclass(frozen=True)
class Change:
    """What one commit changed in one program that a citizen would notice."""

    program_id: str
    commit: str
    when: datetime
    order: int
    added: bool  # the commit added the program
    status: tuple[str | None, str | None]  # before, after (equal when unchanged)
    progress: tuple[int, int]
    new_updates: tuple[str, ...]  # dates of entries that appeared under `updates:`
    milestones_reached: int

    @property
    def status_changed(self) -> bool:
        return self.status[0] != self.status[1]

    @property
    def progress_changed(self) -> bool:
        return self.progress[0] != self.progress[1]

    @property
    def anchor(self) -> str:
        """The id of its row on the program page, also its feed entry's link."""
        return f"riwayat-{self.commit[:12]}"


@dataclass(frozen=True)
class History:
    versions: Mapping[str, tuple[Version, ...]]  # program id → its versions, oldest first
    changes: Mapping[str, tuple[Change, ...]]  # program id → its changes, oldest first
    latest_commit_time: datetime  # the last commit's date: the feed's date when nothing changed

    def of(self, program_id: str) -> tuple[Change, ...]:
        return self.changes.get(program_id, ())

    def latest(self, count: int) -> list[Change]:
        """The latest changes across the plan, newest first (same instant: program id order)."""
        every = [change for changes in self.changes.values() for change in changes]
        every.sort(key=lambda change: (-change.when.timestamp(), -change.order, change.program_id))
        return every[:count]


@dataclass(frozen=True)
class NoHistory:
    reason: str


# ---------------------------------------------------------------- reading one version


def _section(text: bytes, key: bytes) -> bytes:
    """The lines of a top-level key's block (an empty text when the key is absent)."""
    found = re.search(rb"^" + key + rb":[^\n]*\n", text, re.MULTILINE)
    if found is None:
        return b""
    following = _TOP_LEVEL_LINE.search(text, found.end())
    while following is not None and text[following.start() : following.start() + 1] == b"-":
        following = _TOP_LEVEL_LINE.search(text, following.end())  # `- ` items of an unindented list
    return text[found.end() : following.start() if following else len(text)]


def _item_values(section: bytes, key: bytes) -> list[bytes]:
    """The values of `key` in each item of a block list, at the items' own indentation only
    (a line of a multi-line text is indented further and never counts)."""
    first = _FIRST_ITEM.search(section)
    if first is None:
        return []
    dash, gap = len(first.group(1)), len(first.group(2))
    pattern = re.compile(
        rb"^(?: {%d}-(?: {%d})| {%d})%s:[ \t]*[\"']?([0-9][0-9-]*)" % (dash, gap, dash + 1 + gap, key),
        re.MULTILINE,
    )
    return [match.group(1) for match in pattern.finditer(section)]


def read_version(text: bytes, commit: str, when: datetime, order: int = 0) -> Version:
    status = _STATUS.search(text)
    progress = _PROGRESS.search(text)
    dates = frozenset(value.decode() for value in _item_values(_section(text, b"updates"), b"date"))
    done = len(_item_values(_section(text, b"milestones"), b"done"))
    return Version(
        commit,
        when,
        order,
        status.group(1).decode() if status else None,
        int(progress.group(1)) if progress else None,
        dates,
        done,
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
    when: datetime
    files: tuple[_FileChange, ...]


def _git(root: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, check=False)


def _head(root: Path) -> str | NoHistory:
    """The commit being built, or why there is no history to read."""
    try:
        result = _git(root, "rev-parse", "--is-shallow-repository", "HEAD")
    except OSError:
        return NoHistory("git is not installed")
    lines = result.stdout.decode(errors="replace").split()
    if result.returncode != 0 or len(lines) != 2:
        return NoHistory("not a Git checkout with commits (no .git folder)")
    if lines[0] == "true":
        return NoHistory("a shallow clone, which lacks the earlier commits (check out with fetch-depth: 0)")
    return lines[1]


def _commits(root: Path, folder: str) -> list[_Commit]:
    """Every commit that changed a file under `folder`, oldest first, with its changed files."""
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
        "--",
        folder,
    )
    if result.returncode != 0:
        return []
    commits = []
    for record in result.stdout.decode("utf-8", errors="surrogateescape").split("\x1e")[1:]:
        header, _, rest = record.partition("\0")
        sha, _, date_text = header.partition("\x1f")
        tokens = rest.lstrip("\n").split("\0")
        files: list[_FileChange] = []
        index = 0
        while index < len(tokens) and tokens[index].startswith(":"):
            meta = tokens[index][1:].split(" ")
            kind = meta[4][:1]
            if kind in ("R", "C"):
                old, new = tokens[index + 1], tokens[index + 2]
                files.append(_FileChange(kind, new, old, meta[3]))
                index += 3
            else:
                files.append(_FileChange(kind, tokens[index + 1], None, meta[3]))
                index += 2
        commits.append(_Commit(sha, datetime.fromisoformat(date_text), tuple(files)))
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
        ["git", "-C", str(root), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
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


# ---------------------------------------------------------------- putting it together


@dataclass(frozen=True)
class _Lineages:
    """Path → the versions of the file now at that path, oldest first."""

    by_path: dict[str, tuple[Version, ...]]
    latest_commit_time: datetime


def _lineages(root: Path, folder: str) -> _Lineages | None:
    commits = _commits(root, folder)
    if not commits:
        return None
    wanted = list(dict.fromkeys(f.blob for c in commits for f in c.files if f.kind != "D" and f.blob != _ZERO))
    contents: dict[str, bytes] = dict(_blob_texts(root, wanted))
    lines: dict[str, list[Version]] = {}
    for order, commit in enumerate(commits):
        for change in commit.files:
            if change.kind == "D":
                lines.pop(change.path, None)
                continue
            text = contents.get(change.blob)
            if text is None:
                continue
            earlier = lines.pop(change.old_path, []) if change.kind == "R" and change.old_path else None
            history = (
                earlier if earlier is not None else ([] if change.kind in ("A", "C") else lines.get(change.path, []))
            )
            history.append(read_version(text, commit.sha, commit.when, order))
            lines[change.path] = history
    return _Lineages({path: tuple(versions) for path, versions in lines.items()}, commits[-1].when)


def changes_of(program_id: str, versions: tuple[Version, ...]) -> tuple[Change, ...]:
    """The noticeable changes between consecutive versions: added, status, progress, news, milestones."""
    found: list[Change] = []
    previous: Version | None = None
    for version in versions:
        before_status = previous.status if previous else None
        before_progress = previous.progress_percent if previous else version.progress_percent
        new_updates = tuple(sorted(version.update_dates - (previous.update_dates if previous else frozenset())))
        reached = max(0, version.milestones_done - previous.milestones_done) if previous else 0
        change = Change(
            program_id,
            version.commit,
            version.when,
            version.order,
            previous is None,
            (before_status if previous else version.status, version.status),
            (before_progress, version.progress_percent),
            new_updates if previous else (),
            reached,
        )
        if change.added or change.status_changed or change.progress_changed or new_updates or reached:
            found.append(change)
        previous = version
    return tuple(found)


_cache: dict[tuple[str, str, str], _Lineages | None] = {}


def read_history(root: Path, slug: str, source_paths: Mapping[str, str]) -> History | NoHistory:
    """The history of each program (`source_paths`: program id → its file, relative to `root`)."""
    head = _head(root)
    if isinstance(head, NoHistory):
        return head
    folder = f"data/programs/{slug}"
    key = (str(root.resolve()), slug, head)
    if key not in _cache:
        # Kept between the rebuilds of `mkdocs serve`: history changes only with a new commit.
        _cache.clear()
        _cache[key] = _lineages(root, folder)
    lineages = _cache[key]
    if lineages is None:
        return NoHistory(f"no commit has changed {folder} yet")
    versions = {
        program_id: lineages.by_path[path] for program_id, path in source_paths.items() if path in lineages.by_path
    }
    changes = {program_id: changes_of(program_id, found) for program_id, found in versions.items()}
    return History(versions, changes, lineages.latest_commit_time)
