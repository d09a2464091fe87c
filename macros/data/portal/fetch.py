"""Fetch every remote region's manifest and plan JSON into the cache, concurrently and within limits.

Remote sites are untrusted and may be down: each request has a timeout and a size cap, a
failed connection is tried again after a growing pause, and at most `WORKERS` regions are
fetched at once. A region is written to the cache only once its manifest and its plan are
both valid; otherwise its last good data stays and a `failure.json` says why, for the portal
to show since when the data is old. Each failed region is one warning line.

A region that fails with nothing in the cache (the first run on a new runner, an expired
actions/cache) is looked for in the portal's published site: its combined open data holds each
remote region's last good data (`macros.publish.portal_data.remote_entry`), read once per build
and only when needed, validated like a region's own.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from pydantic import ValidationError

from macros.data.plan.characters import one_line
from macros.data.plan.load import city_files
from macros.data.plan.manifest import MANIFEST_FILE, MANIFEST_VERSION, Manifest
from macros.data.plan.read import field_name
from macros.data.portal.messages import REMOTE
from macros.data.portal.remote import (
    CACHE_FOLDER,
    DEPLOY,
    FAILURE_CACHE,
    MANIFEST_CACHE,
    PLAN_CACHE,
    STATE_CACHE,
    RemoteSource,
    cache_folder,
    plan_from_document,
    read_cached,
    read_sources,
)


@dataclass(frozen=True)
class Limits:
    """How patient and how trusting the portal is with a remote site (guide/portal.md)."""

    timeout: float = 10.0  # seconds for one request to answer
    attempts: int = 3  # tries of a request that failed to connect, time out or answered 5xx
    backoff: float = 1.0  # seconds before the second try, doubled before each next
    manifest_bytes: int = 64 * 1024
    plan_bytes: int = 32 * 1024 * 1024  # 50 programs take about 200 KB
    deploy_bytes: int = 256 * 1024 * 1024  # the portal's combined JSON, unpacked: about 63 MB at 25,000 programs
    workers: int = 16  # regions fetched at once

    @classmethod
    def from_environment(cls) -> Limits:
        """RENCANA_FETCH_TIMEOUT, RENCANA_FETCH_ATTEMPTS and RENCANA_FETCH_WORKERS may change the defaults."""
        defaults = cls()
        return cls(
            timeout=float(os.environ.get("RENCANA_FETCH_TIMEOUT") or defaults.timeout),
            attempts=int(os.environ.get("RENCANA_FETCH_ATTEMPTS") or defaults.attempts),
            backoff=float(os.environ.get("RENCANA_FETCH_BACKOFF") or defaults.backoff),
            workers=int(os.environ.get("RENCANA_FETCH_WORKERS") or defaults.workers),
        )


class FetchFailed(Exception):
    """A region could not be brought in; the message (in the maintainer's language) says why."""

    def __init__(self, reason: str, *, retry: bool = False) -> None:
        super().__init__(reason)
        self.retry = retry


@dataclass(frozen=True)
class Fetched:
    source: RemoteSource
    failure: str | None  # None: fetched and cached
    left_out: tuple[tuple[str, str], ...] = ()  # (field, reason) of the parts of its data left out
    slug: str | None = None


def _get(url: str, limit: int, limits: Limits) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "rencana-portal", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=limits.timeout) as response:
            body: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise FetchFailed(REMOTE.say("http_status", status=error.code), retry=error.code >= 500) from None
    except TimeoutError:
        raise FetchFailed(REMOTE.say("timeout", seconds=f"{limits.timeout:g}"), retry=True) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchFailed(REMOTE.say("timeout", seconds=f"{limits.timeout:g}"), retry=True) from None
        raise FetchFailed(REMOTE.say("unreachable", detail=error.reason), retry=True) from None
    except (OSError, ValueError) as error:  # a connection reset, a malformed answer
        raise FetchFailed(REMOTE.say("unreachable", detail=error), retry=True) from None
    if len(body) > limit:
        raise FetchFailed(REMOTE.say("too_large", file=url.rsplit("/", 1)[-1] or url, limit=limit))
    return body


def fetch_bytes(url: str, limit: int, limits: Limits, sleep: Callable[[float], None] = time.sleep) -> bytes:
    """The body at `url`, tried again after a growing pause when the failure may pass."""
    pause = limits.backoff
    for attempt in range(1, max(1, limits.attempts) + 1):
        try:
            return _get(url, limit, limits)
        except FetchFailed as failed:
            if not failed.retry or attempt >= limits.attempts:
                raise
        sleep(pause)
        pause *= 2
    raise AssertionError("unreachable: the last attempt raises")


def _json(body: bytes, file: str) -> Any:
    try:
        return json.loads(body)
    except RecursionError:  # `[[[[…` nested beyond what Python's parser follows
        raise FetchFailed(REMOTE.say("not_json", file=file, detail="nested too deeply")) from None
    except ValueError as error:  # also a body that is not UTF-8
        raise FetchFailed(REMOTE.say("not_json", file=file, detail=str(error).split(":")[0])) from None


def read_manifest(body: bytes) -> Manifest:
    """The manifest, or FetchFailed naming a newer version or the first bad field."""
    data = _json(body, MANIFEST_FILE)
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > MANIFEST_VERSION:
        raise FetchFailed(REMOTE.say("newer_version", version=version, known=MANIFEST_VERSION))
    try:
        return Manifest.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise FetchFailed(
            REMOTE.say("bad_manifest", field=field_name(tuple(first["loc"])), detail=first["msg"])
        ) from None


def fetch_region(source: RemoteSource, cache: Path, limits: Limits, today: date) -> Fetched:
    """Bring one region into the cache; its previous data stays when anything is wrong."""
    folder = cache_folder(cache, source.url)
    try:
        manifest_body = fetch_bytes(urljoin(source.url, MANIFEST_FILE), limits.manifest_bytes, limits)
        manifest = read_manifest(manifest_body)
        plan_url = urljoin(source.url, manifest.addresses.data)
        plan_body = fetch_bytes(plan_url, limits.plan_bytes, limits)
        document = _json(plan_body, manifest.addresses.data)
        plan, left_out = plan_from_document(manifest, document, today)
        if plan is None:
            field, reason = left_out[0]
            raise FetchFailed(REMOTE.say("bad_plan", field=field, detail=reason))
    except Exception as error:
        failed = error if isinstance(error, FetchFailed) else FetchFailed(REMOTE.say("unreachable", detail=error))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / FAILURE_CACHE).write_text(json.dumps({"reason": str(failed)}, ensure_ascii=False) + "\n")
        return Fetched(source, str(failed))
    folder.mkdir(parents=True, exist_ok=True)
    # The state last: a folder without it is no cached region (an interrupted write keeps nothing half-good).
    (folder / STATE_CACHE).unlink(missing_ok=True)
    (folder / MANIFEST_CACHE).write_bytes(manifest_body)
    (folder / PLAN_CACHE).write_bytes(plan_body)
    (folder / FAILURE_CACHE).unlink(missing_ok=True)
    state = {"url": source.url, "fetched": datetime.now(UTC).date().isoformat()}
    (folder / STATE_CACHE).write_text(json.dumps(state) + "\n")
    return Fetched(source, None, tuple(left_out), manifest.profile.slug)


def fetch_regions(
    root: Path, today: date, limits: Limits | None = None, previous: str | None = None
) -> tuple[list[Fetched], list[str]]:
    """Fetch every region of `data/regions.yml` into the cache; each fetch's result, and the warning lines.

    `previous`: the address of the combined JSON on the portal's published site, where a failed
    region that the cache never had is looked for (None: the portal has no site_url).
    """
    sources, _ = read_sources(root)
    limits = limits or Limits.from_environment()
    cache = root / CACHE_FOLDER
    with ThreadPoolExecutor(max_workers=max(1, min(limits.workers, len(sources) or 1))) as pool:
        results = list(pool.map(lambda source: fetch_region(source, cache, limits, today), sources))
    restore_from_deploy(results, cache, previous, limits, today)
    return results, warning_lines(results, cache, set(city_files(root)))


def restore_from_deploy(results: list[Fetched], cache: Path, previous: str | None, limits: Limits, today: date) -> None:
    """Put into the cache, from the combined JSON at `previous`, the last good data of each failed region
    that the cache does not have. A portal not published yet has no such file: the regions it could
    not restore keep their own warning line ("never fetched"), and this adds none."""
    wanted = [result.source for result in results if result.failure is not None and not _cached(cache, result.source)]
    if not wanted or previous is None:
        return
    try:
        packed = fetch_bytes(previous, limits.deploy_bytes, limits)
        document = _json(_gunzip(packed, limits.deploy_bytes), previous.rsplit("/", 1)[-1])
    except FetchFailed:
        return
    entries = document.get("regions") if isinstance(document, dict) else None
    by_site = {
        entry["site"]: entry
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and isinstance(entry.get("site"), str)
    }
    for source in wanted:
        entry = by_site.get(source.url)
        if entry is not None:
            _restore(cache, source, entry, today)


def _gunzip(packed: bytes, limit: int) -> bytes:
    """The gzipped file's content, if it is gzip and its content within `limit` bytes (no bomb unpacks)."""
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip's header and trailer
    try:
        content = unpacker.decompress(packed, limit + 1)
    except zlib.error:
        raise FetchFailed("not gzip") from None
    if len(content) > limit or not unpacker.eof:
        raise FetchFailed("cut short or over the size cap")
    return content


def _cached(cache: Path, source: RemoteSource) -> bool:
    return read_cached(cache, source) is not None


def _restore(cache: Path, source: RemoteSource, entry: dict[str, Any], today: date) -> None:
    """The region's entry of a previous deploy into the cache, if it is valid; its data keeps its day."""
    try:
        manifest = Manifest.model_validate(entry.get("manifest"))
        fetched = date.fromisoformat(str(entry.get("fetched")))
    except (ValidationError, ValueError):
        return
    plan, _ = plan_from_document(manifest, entry, today)
    if plan is None:
        return
    folder = cache_folder(cache, source.url)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STATE_CACHE).unlink(missing_ok=True)  # the state last, as in fetch_region
    (folder / MANIFEST_CACHE).write_text(manifest.model_dump_json(), encoding="utf-8")
    (folder / PLAN_CACHE).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    state = {"url": source.url, "fetched": fetched.isoformat(), "from": DEPLOY}
    (folder / STATE_CACHE).write_text(json.dumps(state) + "\n")


def warning_lines(results: list[Fetched], cache: Path, local: set[str]) -> list[str]:
    """One line per region that failed or whose code is taken, then one per part of its data left out."""
    lines, taken = [], set(local)
    for result in results:
        if result.slug is not None:
            if result.slug in taken:
                lines.append(f"{result.source.url}: " + REMOTE.say("slug_taken", slug=result.slug))
            taken.add(result.slug)
        if result.failure is not None:
            cached = read_cached(cache, result.source)
            if cached is None:
                lines.append(REMOTE.say("missing", url=result.source.url, reason=result.failure))
            else:
                since = cached.fetched.isoformat()
                key = "stale_deploy" if cached.restored else "stale"
                lines.append(REMOTE.say(key, url=result.source.url, reason=result.failure, since=since))
        for field, reason in result.left_out:
            lines.append(REMOTE.say("bad_field", region=result.slug or result.source.url, field=field, reason=reason))
    return [one_line(line) for line in lines]  # remote text may hold line breaks: one line each, whatever it says
