"""What every benchmark records of a build, and how it says whether a target is met.

Shared by `scripts.bench` (one region against plain MkDocs) and `scripts.bench_portal`
(a portal against one large region), which `scripts.bench` also runs: their figures are
printed side by side and must mean the same thing by a run's time and memory.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field

from macros.site.page_cache import CACHE_VARIABLE
from scripts.synthetic import TODAY_EPOCH


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, of the build and the processes it waited for: less swayed by other load
    peak_rss_mb: float  # resident memory at its peak; each benchmark says of which processes


@dataclass
class Sample:
    """Every build of one kind of site at one size."""

    runs: list[Run] = field(default_factory=list)
    site_bytes: int = 0

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        return max(run.peak_rss_mb for run in self.runs)


def paired_ratio(ours: Sample, baseline: Sample, cpu: bool = False) -> float:
    """Median over rounds of `ours`' time over the baseline's in the same round (neighbours in time)."""
    return statistics.median(
        (mine.cpu_seconds / theirs.cpu_seconds) if cpu else (mine.seconds / theirs.seconds)
        for mine, theirs in zip(ours.runs, baseline.runs, strict=True)
    )


def build_environment(*, page_cache: bool = False) -> dict[str, str]:
    """The environment of a timed build: the synthetic data's "today" (no warnings), no CITY.

    Without `page_cache` every page is rendered (a cold build, as in a fresh clone); the
    previews and the rebuild figures of `scripts.bench_rebuild` measure it on.
    """
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "SOURCE_DATE_EPOCH": str(TODAY_EPOCH),
        CACHE_VARIABLE: "" if page_cache else "off",
    }
    environment.pop("CITY", None)
    return environment


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"
