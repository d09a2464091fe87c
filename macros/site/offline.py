"""Whether a build gets the offline service worker, and writing it once the site is complete.

A published build gets the worker (`macros.publish.offline`); the preview (`mkdocs serve`,
`make serve` of a portal) and a site with `offline: false` under `extra:` get the kill
switch instead, so that edits always show and a worker from before goes (guide/offline.md).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from macros.publish.offline import WORKER_FILE, Survey, survey, write_kill_switch, write_offline_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.rencana")

# Set by the portal's preview (macros.site.preview) for the processes that build its sites.
PREVIEW_ENV = "RENCANA_PREVIEW"
# config.extra key the templates read: true when pages load docs/assets/offline.js.
PAGE_FLAG = "offline_worker"


def wanted(config: MkDocsConfig, *, serving: bool) -> bool:
    return config.extra.get("offline", True) is not False and not serving and not os.environ.get(PREVIEW_ENV)


def survey_site(site: Path, *, enabled: bool) -> Survey | None:
    """What the offline step reads of `site` before its search bundle is in (None: no worker to write)."""
    return survey(site) if enabled else None


def finish_site(site: Path, *, enabled: bool, surveyed: Survey | None = None) -> None:
    """sw.js and offline.json of a region's site once Pagefind has indexed it, or the kill switch.
    `surveyed`: the rest of the site, read while Pagefind made the index (`survey`)."""
    if not enabled:
        write_kill_switch(site)
        return
    report = write_offline_files(site, surveyed=surveyed)
    log.info(
        f"Offline: {report.pages} pages; the shell {report.shell_bytes / 1024:.0f} KB, "
        f"the whole plan {report.plan_bytes / 1024:.0f} KB (build {report.build})"
    )


def finish_portal(site: Path) -> None:
    """The portal's worker, unless its build wrote the kill switch; each region (a folder with a worker
    of its own) is left to that worker."""
    if (site / WORKER_FILE).exists():
        return
    regions = [folder.name for folder in site.iterdir() if (folder / WORKER_FILE).is_file()]
    write_offline_files(site, elsewhere=regions)
