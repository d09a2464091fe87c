"""A preview's rebuild: written over the last build's files (macros.site.overwrite), and a saved file
seen at once where the kernel tells of it, else as soon as the watcher's share of a core allows
(macros.site.watcher). End to end in tests/test_serve.py (`mkdocs serve`) and tests/test_portal.py
(`make serve` of a portal)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import clean_directory
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from macros.site import overwrite, watcher
from tests.helpers import city, make_project, program, write_yaml


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_a_rebuild_writes_over_the_last_files_and_removes_what_it_no_longer_makes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name, text in {
        "index.html": "lama",
        "governance/gov-01/index.html": "lama",
        "governance/gov-02/index.html": "dihapus",
        "assets/style.css": "lama",
        ".rencana-search/governance/gov-01/index.html": "tersembunyi",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    past = time.time() - 60  # the last build's files, written a minute ago
    for path in site.rglob("*"):
        os.utime(path, (past, past))
    kept_inode = (site / "governance" / "gov-01" / "index.html").stat().st_ino

    overwrite.set_aside(site)
    clean_directory(str(site))  # what MkDocs does between on_pre_build and on_files
    assert _files(site / overwrite.ASIDE)["governance/gov-01/index.html"] == b"lama"
    overwrite.put_back(site)
    # This build writes two of the pages and the style (as MkDocs does: over the file that is there).
    for name in ("index.html", "governance/gov-01/index.html", "assets/style.css"):
        (site / name).write_text("baru", encoding="utf-8")
    assert overwrite.remove_stale(site) == 1

    assert _files(site) == {
        "index.html": b"baru",
        "governance/gov-01/index.html": b"baru",
        "assets/style.css": b"baru",
        ".rencana-search/governance/gov-01/index.html": b"tersembunyi",  # a dot: the build's own, left
    }
    assert not (site / "governance" / "gov-02").exists()  # the folder left empty goes too
    assert (site / "governance" / "gov-01" / "index.html").stat().st_ino == kept_inode  # written over, not made
    assert not (site / overwrite.MARK).exists() and not (site / overwrite.ASIDE).exists()


def test_a_file_that_cannot_be_moved_is_left_to_mkdocs_and_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows will not rename a file the preview's server holds open: that build empties and writes it as ever.
    site = tmp_path / "site"
    for name in ("index.html", "held.css"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("lama", encoding="utf-8")
    replace = Path.replace

    def refuse_held(self: Path, target: Path) -> Path:
        if self.name == "held.css":
            raise PermissionError("held open")
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", refuse_held)
    overwrite.set_aside(site)
    assert sorted(path.name for path in site.iterdir()) == [overwrite.ASIDE, "held.css"]
    clean_directory(str(site))
    overwrite.put_back(site)
    (site / "held.css").write_text("baru", encoding="utf-8")  # MkDocs makes it again
    (site / "index.html").write_text("baru", encoding="utf-8")
    assert overwrite.remove_stale(site) == 0
    assert _files(site) == {"index.html": b"baru", "held.css": b"baru"}


def test_a_first_build_and_a_build_without_the_mark_remove_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    overwrite.set_aside(site)  # no folder yet
    overwrite.put_back(site)
    (site / "index.html").write_text("baru", encoding="utf-8")
    assert overwrite.remove_stale(site) == 0
    assert overwrite.remove_stale(site) == 0  # the mark is gone: nothing to tell old from new
    assert _files(site) == {"index.html": b"baru"}


@pytest.mark.parametrize(
    ("files", "seconds"),
    [(10, watcher.FASTEST), (400, 400 * watcher.SECONDS_PER_FILE / watcher.SHARE_OF_A_CORE), (3000, watcher.SLOWEST)],
    ids=["small: as often as allowed", "in between", "large: MkDocs' own pace"],
)
def test_the_watcher_looks_as_often_as_its_share_of_a_core_allows(tmp_path: Path, files: int, seconds: float) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for number in range(files - 1):
        (data / f"program-{number}.yml").write_bytes(b"")
    config = tmp_path / "mkdocs.yml"
    config.write_bytes(b"")
    assert watcher.polling_seconds([data, config]) == pytest.approx(seconds)


def _skip_without_events(folder: Path) -> None:
    if not watcher.sends_events([folder]):
        pytest.skip(f"{folder} is on a file system inotify does not watch: the preview polls there")


@pytest.mark.parametrize("events", [True, False], ids=["events", "polling"])
def test_the_watcher_of_mkdocs_serve_moves_every_watch_to_the_quicker_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, events: bool
) -> None:
    if not events:  # as on a Windows folder under WSL
        monkeypatch.setattr(watcher, "sends_events", lambda paths: False)
    else:
        _skip_without_events(tmp_path)
    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    docs.mkdir()
    config.write_bytes(b"")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    try:
        server.watch(str(docs))
        server.watch(str(config))
        old = server.observer

        watcher.quicken(
            server, [str(docs), str(config), str(tmp_path / "theme")], watched_later=[str(tmp_path / "data")]
        )

        assert server.observer is not old and not old.emitters
        if events:
            assert isinstance(server.observer, watcher.ChangeObserver)
        else:
            assert isinstance(server.observer, PollingObserver)
            assert server.observer.timeout == watcher.FASTEST
        assert len(server.observer.emitters) == 2
        assert server.build_delay == watcher.BUILD_DELAY
        server.unwatch(str(docs))  # the server still counts its watches
        assert len(server.observer.emitters) == 1
    finally:
        server.server_close()  # its socket, never bound


MOUNTS = r"""/dev/sdc / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
C:\134 /mnt/c 9p rw,dirsync,aname=drvfs 0 0
server:/share /home/tim/plan\040kota nfs4 rw 0 0
/dev/sdd /media/tim/Dokumen\040Pemkot\040–\040arsip vfat rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/tim/rencana/data", "ext4"),
        ("/tmp/x", "tmpfs"),
        ("/mnt/c/Users/tim/rencana", "9p"),
        ("/mnt/cd", "ext4"),  # not inside /mnt/c
        ("/home/tim/plan kota/data", "nfs4"),  # a mount point with a space, written \040
        ("/media/tim/Dokumen Pemkot – arsip/rencana", "vfat"),  # and a character beyond ASCII
    ],
)
def test_the_file_system_of_a_path_is_that_of_its_deepest_mount_point(path: str, kind: str) -> None:
    assert watcher.file_system_type(Path(path), MOUNTS) == kind


def test_events_are_used_only_where_every_watched_path_sends_them() -> None:
    assert watcher.sends_events([Path("/home/tim/rencana/data"), Path("/tmp/x")], MOUNTS)
    assert not watcher.sends_events([Path("/home/tim/rencana/data"), Path("/mnt/c/Users/tim/rencana")], MOUNTS)
    assert not watcher.sends_events([Path("/home/tim/plan kota/data")], MOUNTS)


class _Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.arrived = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        self.arrived.set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_the_event_watcher_is_told_of_a_save_and_not_of_a_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    program_file = data / "gov-01.yml"
    program_file.write_text("id: GOV-01\n", encoding="utf-8")
    _skip_without_events(tmp_path)
    observer = watcher.observer_for([data])
    assert isinstance(observer, watcher.ChangeObserver)
    seen = _Seen()
    observer.schedule(seen, str(data), recursive=True)  # as MkDocs' server does: no filter of its own
    observer.start()
    try:
        program_file.read_text(encoding="utf-8")  # what every build does to every data file
        assert not seen.arrived.wait(0.5), seen.events
        program_file.write_text("id: GOV-01\ntitle: Baru\n", encoding="utf-8")
        assert seen.arrived.wait(5)
        assert {event.src_path for event in seen.events} == {str(program_file)}
    finally:
        observer.stop()
        observer.join()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_the_watcher_polls_when_the_kernel_has_no_watch_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_watch_left(*args: object, **kwargs: object) -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watcher.InotifyObserver, "schedule", no_watch_left)
    observer = watcher.observer_for([tmp_path])
    assert isinstance(observer, PollingObserver)
    assert observer.timeout == watcher.FASTEST


def test_a_dirty_preview_keeps_the_pages_mkdocs_leaves_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `mkdocs serve --dirty` writes only what changed: nothing may go as stale (macros/site/hooks.py).
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.site import background

    project = make_project(tmp_path / "project", city(), [program("GOV-01"), program("GOV-02")])
    monkeypatch.chdir(project)
    site = tmp_path / "site"

    def serve_build() -> None:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        try:
            build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        finally:
            background.wait_after_build()  # the preview's index, made after the pages
            config.plugins.on_shutdown()

    serve_build()
    about = site / "tentang" / "index.html"
    assert about.is_file()
    write_yaml(project / "data" / "programs" / "contoh" / "gov-01.yml", program("GOV-01", title="Judul baru"))
    serve_build()  # docs/tentang.md did not change: MkDocs leaves its page
    assert about.is_file()
    assert "Judul baru" in (site / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "loaded"), [("build", False), ("serve", True)])
def test_openpyxl_is_loaded_by_a_preview_not_by_a_build(tmp_path: Path, command: str, loaded: bool) -> None:
    # A build makes its workbooks in a child that loads openpyxl; a preview, which forks such a child on
    # every rebuild, loads it once itself (macros.publish.opendata.load_workbook_code).
    project = make_project(tmp_path / "project", city(), [program("GOV-01")])
    code = (
        "import sys; from mkdocs.config import load_config; "
        "config = load_config(config_file='mkdocs.yml'); "
        f"config.plugins.on_startup(command={command!r}, dirty=False); "
        "print('openpyxl' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(loaded)


def test_a_preview_asks_git_for_mkdocs_macros_once_a_build_on_every_build(tmp_path: Path) -> None:
    # mkdocs-macros runs 12 `git` commands on every build for a variable no page uses: 25 to 40 ms of
    # each preview's rebuild. A preview keeps the first answer (macros.site.engine.ask_git_once).
    project = make_project(tmp_path / "project", city(), [program("GOV-01")])
    counts = {}
    for command in ("serve", "build"):
        code = (
            "import subprocess, mkdocs_macros.context as context\n"
            "from mkdocs.config import load_config\n"
            "asked = []\n"
            "real = subprocess.check_output\n"
            "def counted(command, *args, **kwargs):\n"
            "    asked.append(command[0])\n"
            "    return real(command, *args, **kwargs)\n"
            "context.subprocess.check_output = counted\n"
            "for _ in range(2):  # mkdocs-macros asks in its `on_config`, the start of every build\n"
            "    config = load_config(config_file='mkdocs.yml')\n"
            f"    config.plugins.on_startup(command={command!r}, dirty=False)\n"
            "    config.plugins.on_config(config)\n"
            "print(asked.count('git'))\n"
        )
        result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        counts[command] = int(result.stdout.strip().splitlines()[-1])
    assert counts["serve"] > 0
    assert counts["build"] == 2 * counts["serve"]


def test_a_previews_children_find_the_empty_template_made_and_make_only_the_plans_workbook(tmp_path: Path) -> None:
    # The Data page shows the workbooks' sizes and waits for the child making them; the template, which
    # changes only with the dimensions, took 0.03 to 0.08 s of each rebuild's child at 100 programs.
    project = make_project(tmp_path / "project", city(), [program("GOV-01")])
    marker = tmp_path / "template-made-in-a-child"
    code = f"""
import os
from pathlib import Path
from macros.data.plan.assemble import load_plan
from macros.publish import opendata
from macros.site.background import Made

opendata.load_workbook_code()  # what a preview does as it starts
from macros.data.workbook import write

def files():
    found = opendata.data_files(load_plan(Path("."), "contoh")[0], "https://example.org/", make_aside=Made)
    return {{file.path.rsplit("/", 1)[-1]: file.content for file in found}}

first = files()
assert list(write._templates.values()) == [first[opendata.TEMPLATE_NAME]], "not kept in the preview's process"
made_here, parent = write._workbook, os.getpid()

def watched(dimensions, programs, title, plan=None):
    if os.getpid() != parent and not programs:
        Path({str(marker)!r}).write_text("made again")
    return made_here(dimensions, programs, title, plan)

write._workbook = watched
second = files()
assert second[opendata.TEMPLATE_NAME] == first[opendata.TEMPLATE_NAME]
assert second["rencana-contoh.xlsx"] == first["rencana-contoh.xlsx"]
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert not marker.exists(), "the second child made the template again"
