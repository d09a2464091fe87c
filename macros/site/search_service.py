"""The search index made while MkDocs renders: Pagefind's service fed each page as it is written.

Pagefind's command line, run once the site is written, parses every page before it builds the
index, while the build waits; the build has two cores and renders on one. Here Pagefind's
service (its own process) is started when the pages are known, and each finished page's search
document (macros.site.search_input) is handed to it from `on_post_page`, so that parsing runs on
the other core while MkDocs renders the next pages. Once the site is written, Pagefind builds the
index and hands back the bundle's files (`get_files`: the service answers `write_files` before
its files are all on disk), which are written into the site and made reproducible (`stabilise`).

Pagefind numbers pages in the order they reach it. The command line's order (macros.site.
search_order) is reserved first, a stand-in page per path, in the order its walk would find
them; a page handed in later takes its stand-in's place (Pagefind replaces a page of the same
address where it stands). A stand-in never replaced has no words and is left out of the index,
as the command line leaves out a path that does not exist. So the bundle is, byte for byte, the
one the command line makes of the same pages (tests/test_search_input.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from pagefind.index import PagefindIndex

from macros.site.pagefind_service import PromptService
from macros.site.search_bundle import BundleFormatError, stabilise
from macros.site.search_index import EXCLUDED_SELECTORS, IndexReport, SearchIndexError
from macros.site.search_order import walk_order

# A page with no words, which holds a page's number until the page itself arrives.
STAND_IN = "<html></html>"


class LiveIndex:
    """Pagefind's service, fed the site's HTML files one by one; `finish` writes the bundle."""

    def __init__(self, paths: Sequence[str]) -> None:
        """`paths`: every HTML file the site will have (relative, with `/`), which the index covers."""
        self._expected = set(paths)
        self._fed: set[str] = set()
        self._sealed = False
        self._sealed_at = 0.0
        self._files: list[tuple[str, bytes]] = []
        self._error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[list[tuple[str, bytes]]] | None = None
        self._queue: asyncio.Queue[tuple[str, str] | None] | None = None
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(list(paths),), name="rencana-search", daemon=True)
        self._thread.start()
        self._running.wait()

    def add(self, path: str, html: str) -> None:
        """Hand in the HTML file at `path` in the site; it is parsed in Pagefind's process."""
        self._fed.add(path)
        # As MkDocs writes a page: characters UTF-8 cannot hold (lone surrogates) become references.
        self._send((path, html.encode("utf-8", errors="xmlcharrefreplace").decode("utf-8")))

    def seal(self, site: Path) -> None:
        """No more pages: the files not handed in are read from `site`, and Pagefind builds the index
        while the build does its last steps."""
        if self._sealed:
            return
        for path in sorted(self._expected - self._fed):  # the theme's 404 page, HTML files copied as they are
            if (site / path).is_file():
                self.add(path, (site / path).read_bytes().decode("utf-8", errors="replace"))
        self._send(None)
        self._sealed, self._sealed_at = True, time.perf_counter()

    def finish(self, site: Path, bundle: Path) -> IndexReport:
        """The bundle in `bundle`, once every page is in (`seal`)."""
        self.seal(site)
        self._thread.join()
        if isinstance(self._error, SearchIndexError):
            raise self._error
        if self._error is not None:  # the service's failures come as assorted exceptions
            raise SearchIndexError(str(self._error) or type(self._error).__name__) from self._error
        folders: set[Path] = set()
        for name, content in self._files:
            target = bundle / name
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(content)
        try:
            stabilise(bundle)
        except BundleFormatError as error:
            raise SearchIndexError(f"unexpected search bundle (was Pagefind upgraded?): {error}") from None
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages = sum(int(language.get("page_count", 0)) for language in entry["languages"].values())
        # What the build waited for once its pages were written (the parsing went on while they were).
        return IndexReport(pages=pages, seconds=time.perf_counter() - self._sealed_at)

    def cancel(self) -> None:
        """Stop the service of a build that failed, without waiting for its answers."""
        if self._loop is not None and self._task is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the service has stopped already
                self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join()

    def _send(self, item: tuple[str, str] | None) -> None:
        if self._loop is None or self._queue is None:
            return  # the service failed to start: `finish` says why
        with contextlib.suppress(RuntimeError):  # the loop is closed: the service failed, `finish` says why
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)

    def _run(self, paths: list[str]) -> None:
        try:
            self._files = asyncio.run(self._index(paths))
        except BaseException as error:  # handed to the build's thread by `finish`
            self._error = error
        finally:
            self._running.set()

    async def _index(self, paths: list[str]) -> list[tuple[str, bytes]]:
        self._loop, self._task, self._queue = asyncio.get_running_loop(), asyncio.current_task(), asyncio.Queue()
        self._running.set()
        service = await PromptService().launch()
        try:
            index: PagefindIndex = await service.create_index({"exclude_selectors": list(EXCLUDED_SELECTORS)})
            # Here, not in the build's thread: pages handed in meanwhile wait in the queue.
            order = walk_order(paths)
            # Requests are answered in the order they are written; each task writes its own at its first step.
            added = [asyncio.ensure_future(index.add_html_file(content=STAND_IN, source_path=path)) for path in order]
            while (page := await self._queue.get()) is not None:
                path, text = page
                added.append(asyncio.ensure_future(index.add_html_file(content=text, source_path=path)))
            await asyncio.gather(*added)
            files = [(file["path"], file["content"]) for file in await index.get_files()]
        except BaseException:
            await service.abandon()  # a failed build does not wait for Pagefind's answers
            raise
        await service.close()
        return files
