"""Serve a built site on 127.0.0.1 (optionally under a sub-path) for headless Chromium, and slow its connection."""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix`, as GitHub Pages serves a project site; 404.html for misses."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self) -> Any:
        # Tests deploy by pointing the served folder at another build (test_offline), whose files may
        # be older than the last one's: fixtures are built in any order, in parallel. GitHub Pages'
        # validators change with every deploy; a file's time does not, and "304 Not Modified" kept
        # the last build's sw.js in the browser. So every request gets the file itself.
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


# What GitHub Pages compresses; Pagefind's index files are compressed already.
_COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv"}


class _GzipHandler(_SubPathHandler):
    """Also answers `Accept-Encoding: gzip` as GitHub Pages does, so transferred bytes are real ones."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in _COMPRESSIBLE
            or not path.is_file()
        ):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """The test server: a browser that stops reading an answer (it navigated on, or a fetch was
    cancelled) is no error worth a traceback in the test log; anything else still is."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, prefix: str = "/", *, compress: bool = False) -> Iterator[str]:
    """Yield the base URL (`http://127.0.0.1:<port><prefix>`) of `site` served under `prefix`, gzipped if `compress`."""
    handler = type("Handler", (_GzipHandler if compress else _SubPathHandler,), {"prefix": prefix})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


# A slow mobile connection, as citizens on a cheap data plan meet it: 400 ms latency, 400 kbit/s.
SLOW_LATENCY_MS = 400
SLOW_BYTES_PER_SECOND = 400_000 // 8


def emulate_slow_connection(context: BrowserContext, page: Page) -> None:
    """From now on, every request of `page` waits and trickles in as over that connection."""
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": SLOW_LATENCY_MS,
            "downloadThroughput": SLOW_BYTES_PER_SECOND,
            "uploadThroughput": SLOW_BYTES_PER_SECOND,
        },
    )
