"""Pagefind's service (its Python API's `PagefindService`), with its answers read as they come."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any, cast

from pagefind.service import PagefindService

from macros.site.search_index import SearchIndexError

# The longest answer read: `get_files` answers with the whole bundle, base64-encoded, at once.
ANSWER_LIMIT = 1 << 30


class PromptService(PagefindService):
    """Pagefind's service, with its answers read as they come.

    The pinned API (pagefind 1.5.2) sleeps 100 ms before reading each answer, which makes
    25,000 records take 42 minutes; reading without the pause takes seconds. Answers are
    `base64(JSON),`; each carries the id of the request it answers.
    """

    async def launch(self) -> PromptService:
        # As the API launches it, with room for a whole bundle in one answer (its limit is 2 MiB).
        self._backend = await asyncio.create_subprocess_exec(
            self._bin,
            "--service",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            limit=ANSWER_LIMIT,
        )
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def _wait_for_responses(self) -> None:
        try:
            await self._read_answers()
        except asyncio.CancelledError:
            raise
        except Exception as error:
            # Pagefind stopped (its output ended) or said something unreadable: every request still
            # waiting fails with it, where the API would leave the build waiting for ever.
            failure = error if isinstance(error, SearchIndexError) else SearchIndexError(_stopped(error))
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(failure)

    async def _read_answers(self) -> None:
        stdout = self._backend.stdout
        assert stdout is not None
        while True:
            chunk = (await stdout.readuntil(b","))[:-1].strip()
            if not chunk:  # seen under load: an empty answer between two commas, which answers nothing
                continue
            try:
                answer = json.loads(base64.b64decode(chunk))
            except ValueError as error:  # names what Pagefind said, for the build's one line
                raise SearchIndexError(f"unreadable answer from Pagefind ({error}): {chunk[:120]!r}") from None
            if not isinstance(answer, dict):
                continue
            payload = answer.get("payload") or {}
            message_id = answer.get("message_id")
            if message_id is None and isinstance(payload.get("original_message"), str):
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.get(message_id) if isinstance(message_id, int) else None
            if future is None or future.done():
                continue
            if payload.get("type") == "Error":
                future.set_exception(SearchIndexError(str(payload.get("message"))))
            else:
                future.set_result(cast(Any, payload))

    async def abandon(self) -> None:
        """Stop the service at once, its pending answers unread."""
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.kill()
        await self._backend.wait()


def _stopped(error: Exception) -> str:
    if isinstance(error, asyncio.IncompleteReadError):
        said = error.partial.decode("utf-8", errors="replace").strip()
        return f"Pagefind's service stopped{': ' + said[:300] if said else ''}"
    return f"Pagefind's service failed: {error!r}"
