"""`python -m macros build`: the site, built atomically and reproducibly.

MkDocs empties its site folder before it writes the new pages, so a build that fails
half-way (a data error, a broken template) would leave a half-written site behind.
Here MkDocs builds into a fresh folder next to the target, and the target is
replaced only once the build succeeded.

Two builds of the same commit are byte-identical: the dates in the site (sitemap,
"today" for late milestones, the gzip header of sitemap.xml.gz) come from
SOURCE_DATE_EPOCH, which this command sets to the time of the last commit.
MkDocs runs in child processes (`mkdocs build --strict` for one region, worker processes
for a portal), so this module imports nothing of MkDocs. The engine can be swapped: ProperDocs, a maintained
fork of MkDocs 1.6, builds the same files (`--engine properdocs`, guide/engine.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.data.language.catalog import Catalog
from macros.data.plan.today import VARIABLE as TODAY_VARIABLE
from macros.data.plan.today import run_date, source_date_epoch
from macros.data.portal.regions import several_regions
from macros.site.portal_build import build_portal

# Where a build is staged: next to the target, so that the final rename stays on one file system.
STAGING_PREFIX = ".site-build-"

# The engines that build the same site: the module `python -m <engine> build` runs.
ENGINES = ("mkdocs", "properdocs")


_SAY = Catalog(
    "site.build",
    {
        "dated_by_environment": (
            "bertanggal menurut SOURCE_DATE_EPOCH={epoch} dari lingkungan, {as_of}",
            "dated by SOURCE_DATE_EPOCH={epoch} from the environment, {as_of}",
        ),
        "as_of": ("data per {day} ({reason})", "data as of {day} ({reason})"),
        "dated_today": (
            "bertanggal hari ini: bukan checkout git, sehingga build di hari lain berbeda; {as_of}",
            "dated today: not a git checkout, so a build on another day differs; {as_of}",
        ),
        "dated_by_commit": (
            "bertanggal menurut commit terakhir (SOURCE_DATE_EPOCH={epoch}), {as_of}",
            "dated by the last commit (SOURCE_DATE_EPOCH={epoch}), {as_of}",
        ),
        "failed": ("Build gagal: {site} dibiarkan seperti semula.", "The build failed: {site} was left as it was."),
        "built": ("Selesai membangun {site}, {note}.", "Built {site}, {note}."),
    },
)


def last_commit_time(root: Path) -> str | None:
    """The committer time of HEAD in seconds since the epoch, or None outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git installed
        return None
    seconds = result.stdout.strip()
    return seconds if result.returncode == 0 and seconds.isdigit() else None


def build_environment(root: Path) -> tuple[dict[str, str], str]:
    """The environment of the MkDocs process, and a sentence saying where its date comes from."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The data's "today" (late programs, "Data per …") is chosen once, as `make check` chooses it.
    today = run_date(root)
    environment[TODAY_VARIABLE] = today.day.isoformat()
    as_of = _SAY.say("as_of", day=today.day.isoformat(), reason=today.reason)
    epoch = source_date_epoch(environment)
    if epoch is not None:
        return environment, _SAY.say("dated_by_environment", epoch=epoch, as_of=as_of)
    seconds = last_commit_time(root)
    if seconds is None:
        return environment, _SAY.say("dated_today", as_of=as_of)
    environment["SOURCE_DATE_EPOCH"] = seconds
    return environment, _SAY.say("dated_by_commit", epoch=seconds, as_of=as_of)


def replace_folder(target: Path, new: Path, parking: Path) -> None:
    """Move `new` to `target`; the previous `target` goes to `parking` (which must not exist)."""
    if target.exists():
        target.rename(parking)
    try:
        new.rename(target)
    except OSError:
        if parking.exists():
            parking.rename(target)  # put the previous site back rather than leave none
        raise


def publishes_portal(root: Path) -> bool:
    """Several regions and no CITY: the portal at the root, each region at /<slug>/."""
    return several_regions(root) and not os.environ.get("CITY")


def build_site(
    root: Path,
    site: Path,
    config_file: Path | None = None,
    engine: str = "mkdocs",
    workers: int | None = None,
    *,
    regions: list[str] | None = None,
    prebuilt: Path | None = None,
) -> int:
    """Build the site of the project in `root` into `site`; on failure `site` is left as it was.

    One region (or `CITY=<slug>`): that region's site at the root, by `<engine> build --strict`.
    Several: the portal and every region (`macros.site.portal_build`), on `workers` cores; or only
    the `regions` named, or the portal over regions `prebuilt` (a build shared out over machines).
    """
    config_file = config_file or root / "mkdocs.yml"
    environment, date_note = build_environment(root)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=site.parent))
    try:
        built = staging / "site"
        if publishes_portal(root) or regions is not None or prebuilt is not None:
            built.mkdir()
            status = build_portal(
                root, built, config_file, engine, environment, workers, regions=regions, prebuilt=prebuilt
            )
        else:
            command = [sys.executable, "-m", engine, "build", "--strict"]
            command += ["--config-file", str(config_file), "--site-dir", str(built)]
            status = subprocess.run(command, cwd=root, env=environment, check=False).returncode
        if status != 0:
            print(_SAY.say("failed", site=site), file=sys.stderr)
            return status
        replace_folder(site, built, staging / "previous")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(_SAY.say("built", site=site, note=date_note), file=sys.stderr)
    return 0
