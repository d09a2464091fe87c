"""`mkdocs serve` with broken data: the preview shows the problems, then the site once they are fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import TEST_SITE_URL, city, make_project, program, write_yaml


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    """The body of `url`, whatever its status (the preview answers a missing page with 404.html)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


@contextmanager
def preview(project: Path, log: Path) -> Iterator[str]:
    port = free_port()
    with (
        log.open("w") as output,
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        ) as server,
    ):
        try:
            yield f"http://127.0.0.1:{port}{urlsplit(TEST_SITE_URL).path}"
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_for(url: str, condition: Callable[[str], bool], log: Path, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = fetch(url)
            if condition(body):
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed what was expected; last body:\n{body[:2000]}\nlog:\n{log.read_text()}")


# What the error page says, in each language of `RENCANA_LANG` (unset: Indonesian).
PREVIEW_WORDS = {
    "id": (
        "`berjalan` adalah label dari `ongoing`; tulis `ongoing`",
        "tidak diperbolehkan",
        "Data memuat galat",
        "perbaiki galat di atas",
    ),
    "en": (
        "`berjalan` is the label of `ongoing`; write `ongoing`",
        "is not allowed",
        "The data has errors",
        "fix the errors above",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_preview_shows_data_errors_in_the_page_then_the_site_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    label, refused, lead, summary = PREVIEW_WORDS[language]
    if language == "id":
        monkeypatch.delenv("RENCANA_LANG", raising=False)
    else:
        monkeypatch.setenv("RENCANA_LANG", language)
    good = program("GOV-01", title="Layanan pengaduan warga")
    project = make_project(tmp_path / "project", city(), [good, program("GOV-02", related=["GOV-01"])])
    broken_file = project / "data" / "programs" / "contoh" / "gov-01.yml"
    write_yaml(broken_file, {**good, "status": "berjalan", "horizon": "<i>segera</i>"})
    log = tmp_path / "serve.log"
    with preview(project, log) as base:
        home = wait_for(base, lambda body: "rc-problems" in body, log)
        assert f"<li><code>data/programs/contoh/gov-01.yml:11:9: status: {label}</code></li>" in home
        assert f"gov-01.yml:6:10: horizon: `&lt;i&gt;segera&lt;/i&gt;` {refused}" in home
        assert "<i>segera</i>" not in home
        assert lead in home and summary in home
        # Every address of the preview shows the problems, not a blank page or an endless wait.
        program_page = fetch(base + "governance/gov-02/")
        assert "gov-01.yml:11:9: status:" in program_page
        # Its styles and scripts load at any depth: relative links resolve from the site's root.
        assert f'<base href="{urlsplit(TEST_SITE_URL).path}">' in program_page
        assert "Traceback" not in home + log.read_text()

        write_yaml(broken_file, {**good, "summary": "<b>tebal</b>"})  # fixed, with markup shown as text
        fixed = wait_for(base + "governance/gov-01/", lambda body: "Layanan pengaduan warga" in body, log)
        assert "rc-problems" not in fixed
        assert "&lt;b&gt;tebal&lt;/b&gt;" in fixed and "<b>tebal</b>" not in fixed


@pytest.mark.slow
def test_the_preview_serves_an_edit_then_indexes_it_for_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The search index is made after the rebuilt pages are served (macros.site.background.after_build).
    monkeypatch.delenv("RENCANA_LANG", raising=False)
    first = program("GOV-01", title="Layanan pengaduan warga")
    project = make_project(tmp_path / "project", city(), [first, program("GOV-02")])
    log = tmp_path / "serve.log"
    indexed = "Pencarian: Pagefind mengindeks"
    with preview(project, log) as base:
        wait_for(base + "governance/gov-01/", lambda body: "Layanan pengaduan warga" in body, log)
        wait_for(base + "pagefind/pagefind-entry.json", lambda body: '"languages"' in body, log)
        write_yaml(project / "data" / "programs" / "contoh" / "gov-01.yml", {**first, "title": "Judul baru sekali"})
        wait_for(base + "governance/gov-01/", lambda body: "Judul baru sekali" in body, log)
        deadline = time.monotonic() + 60
        while log.read_text().count(indexed) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert log.read_text().count(indexed) >= 2, log.read_text()
        assert '"languages"' in fetch(base + "pagefind/pagefind-entry.json")

        # Each rebuild writes over the last one's files (macros.site.overwrite): what it no longer
        # makes goes, and a page in docs/ is watched as before (macros.site.watcher).
        (project / "data" / "programs" / "contoh" / "gov-02.yml").unlink()
        deadline = time.monotonic() + 60
        while _status(base + "governance/gov-02/") != 404:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        assert "gov-02/" not in fetch(base + "governance/")
        about = project / "docs" / "tentang.md"
        about.write_text(about.read_text(encoding="utf-8") + "\n\nKalimat tambahan di pratinjau.\n", encoding="utf-8")
        wait_for(base + "tentang/", lambda body: "Kalimat tambahan di pratinjau." in body, log)
    assert "Traceback" not in log.read_text()
