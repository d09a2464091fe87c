"""`make bench`: build time, memory and size of Rencana against hand-written MkDocs, at growing sizes.

For each size (100 and 1,000 programs; 10,000 with --full) a seeded synthetic city
(`scripts.synthetic`) is built both as the Rencana site (data layer + Pagefind) and as
the baseline (`scripts.baseline`: the same content as plain Markdown, built by plain
MkDocs + Material with its lunr search). The two builds run in alternation, round after
round, and the table reports medians, so that their ratio holds on a noisy machine.
Then: the bytes a first search downloads (Pagefind) against lunr's search_index.json,
how long `mkdocs serve` takes to show one YAML edit at 100 programs, the same comparison on
a lean profile (programs with less Markdown), how long `python -m macros export` and `import`
of 1,000 programs take (target: 5 s each), what the Git history costs (Riwayat, Perubahan,
feed.xml) at 1,000 programs with 20 commits each (the same project built from its repository
and from a copy without `.git`), the portal's figures (`scripts.bench_portal`) and what reading
offline costs (`scripts.bench_offline`).

Usage: python -m scripts.bench [--full] [--rounds N] [--sizes 100,1000] [--work DIR] [--no-history]
       python -m scripts.bench --history-only   (only the cost of the Git history)
       python -m scripts.bench --profile 1000   (pyinstrument profile of one Rencana build)
       python -m scripts.bench --spreadsheets-only   (workbook export and import of 1,000 programs)
Figures are printed, never asserted: targets are reported as met or not met.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from macros.data.history.log import forget, read_history
from macros.data.plan.assemble import load_plan
from scripts.baseline import write_baseline
from scripts.bench_disk import clear_aside, make_room
from scripts.bench_federation import federation_report
from scripts.bench_offline import report as offline_report
from scripts.bench_portal import portal_report
from scripts.bench_samples import Run, Sample, build_environment, paired_ratio, verdict
from scripts.bench_search import first_query, wire_size
from scripts.synthetic import TODAY, write_city
from tests.helpers import REPO, copy_site_config

SEED = 20231
SLUG = "sintetis"
SEARCH_QUERY = "sampah"
SERVE_EDITS = 5
HISTORY_PROGRAMS, HISTORY_COMMITS = 1000, 20


def timed_build(project: Path, site: Path, *, strict: bool, page_cache: bool = False) -> Run:
    """One `mkdocs build` in a child process: wall time and the peak RSS of its largest process."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--quiet",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(site),
        *(["--strict"] if strict else []),
    ]
    return timed_command(command, project, page_cache=page_cache)


def timed_command(command: list[str], cwd: Path, *, page_cache: bool = False) -> Run:
    """One command in a child process: wall time, CPU time and the peak RSS of its largest process."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        environment = build_environment(page_cache=page_cache)
        child = subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=subprocess.STDOUT)
        # wait4 gives this child's own resource use; ru_maxrss covers it and the children it reaped
        # (Pagefind's binary), in KiB on Linux.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            sys.exit(f"{' '.join(command[2:4])} in {cwd} failed:\n{log.read().decode(errors='replace')}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def make_projects(work: Path, programs: int, profile: str = "rich") -> tuple[Path, Path]:
    """The Rencana project and the baseline project of a synthetic city of `programs` programs
    (`profile`: the rich synthetic city, or lean programs with less Markdown)."""
    name = f"{programs}" if profile == "rich" else f"{profile}-{programs}"
    ours, baseline = work / f"rencana-{name}", work / f"baseline-{name}"
    if not (ours / "data").is_dir():
        write_city(ours, programs, seed=SEED, slug=SLUG, profile=profile)
    copy_site_config(ours, SLUG)  # afresh every run
    if not (baseline / "mkdocs.yml").is_file():
        write_baseline(ours, baseline)
    return ours, baseline


def measure_builds(
    work: Path, sizes: list[int], rounds: int, profile: str = "rich"
) -> dict[int, tuple[Sample, Sample]]:
    """Rencana and baseline builds of every size, alternating (and swapping who goes first) every round."""
    projects = {size: make_projects(work, size, profile) for size in sizes}
    samples = {size: (Sample(), Sample()) for size in sizes}
    tag = "" if profile == "rich" else f"{profile}-"
    for round_number in range(rounds):
        for size in sizes:
            order = (0, 1) if round_number % 2 == 0 else (1, 0)
            for kind in order:
                project, site = projects[size][kind], work / f"site-{kind}-{tag}{size}"
                make_room(site)
                run = timed_build(project, site, strict=kind == 0)
                samples[size][kind].runs.append(run)
                name = ("rencana", "baseline")[kind]
                print(
                    f"  round {round_number + 1}/{rounds}, {size} {profile} programs, {name}: "
                    f"{run.seconds:.1f} s ({run.cpu_seconds:.1f} s CPU), {run.peak_rss_mb:.0f} MB",
                    file=sys.stderr,
                )
    for size in sizes:
        for kind in (0, 1):
            samples[size][kind].site_bytes = folder_size(work / f"site-{kind}-{tag}{size}")
    return samples


# ------------------------------------------------------------------ spreadsheets


SPREADSHEET_PROGRAMS = 1000
SPREADSHEET_LIMIT = 5.0  # seconds, for each of export and import


def measure_spreadsheets(work: Path, rounds: int, programs: int = SPREADSHEET_PROGRAMS) -> dict[str, Sample]:
    """`python -m macros export` of a synthetic city, `import` of that workbook into the region without
    its program files (every file written), and `import --update` into the region itself (nothing
    changes): each a command in a child process, as a maintainer runs it."""
    project, _ = make_projects(work, programs)
    workbook = work / f"plan-{programs}.xlsx"
    empty = work / f"import-{programs}"
    macros = [sys.executable, "-m", "macros"]
    samples = {"export": Sample(), "import": Sample(), "import --update": Sample()}
    for round_number in range(rounds):
        samples["export"].runs.append(timed_command([*macros, "export", SLUG, str(workbook)], project))
        shutil.rmtree(empty, ignore_errors=True)
        (empty / "data" / "cities").mkdir(parents=True)
        shutil.copy(project / "data" / "cities" / f"{SLUG}.yml", empty / "data" / "cities")
        samples["import"].runs.append(timed_command([*macros, "import", SLUG, str(workbook)], empty))
        update = [*macros, "import", SLUG, str(workbook), "--update"]
        samples["import --update"].runs.append(timed_command(update, project))
        print(
            f"  round {round_number + 1}/{rounds}, spreadsheets at {programs} programs: "
            + ", ".join(f"{name} {sample.runs[-1].seconds:.1f} s" for name, sample in samples.items()),
            file=sys.stderr,
        )
    samples["export"].site_bytes = workbook.stat().st_size
    shutil.rmtree(empty, ignore_errors=True)
    return samples


# ------------------------------------------------------------------ search download


def lunr_index_bytes(site: Path) -> tuple[int, int]:
    """Material's search_index.json: its size, and the bytes GitHub Pages sends for it (gzip)."""
    index = (site / "search" / "search_index.json").read_bytes()
    return len(index), wire_size("search_index.json", index)


def first_search_bytes(site: Path, query: str = SEARCH_QUERY) -> tuple[int, int] | None:
    """What a citizen's first search downloads, from a program page's header: (bytes, bytes sent gzipped).

    `scripts.bench_search` drives the real search dialog in headless Chromium and counts
    every response, Pagefind's worker included. None when the site has no Pagefind index.
    """
    if not (site / "pagefind" / "pagefind.js").is_file():
        return None
    program = next(path for path in sorted(site.glob("*/*/index.html")) if path.parent.parent.name != "pagefind")
    fetched = first_query(site, program.parent.relative_to(site).as_posix() + "/", query)
    return sum(item.size for item in fetched), sum(item.wire for item in fetched)


# ------------------------------------------------------------------ mkdocs serve


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at `url` contains `text`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = _fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.02)
    sys.exit(f"{url} did not show {text!r} within {timeout:.0f} s")


@contextmanager
def mkdocs_serve(project: Path) -> Iterator[str]:
    """`mkdocs serve` of `project` on 127.0.0.1; yields the served site's base URL."""
    port = _free_port()
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    mount = "/" + urllib.parse.urlsplit(config.get("site_url") or "/").path.strip("/")
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
                "--config-file",
                str(project / "mkdocs.yml"),
            ],
            cwd=project,
            env={**build_environment(page_cache=True), "PYTHONFAULTHANDLER": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}{mount.rstrip('/')}/"
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs then removes its temporary site folder
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # said, with where each thread stood; the figures stand
                server.send_signal(signal.SIGABRT)  # faulthandler writes every thread's stack to the log
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
                log.seek(0)
                said = log.read().decode(errors="replace").splitlines()[-80:]
                print(
                    "  mkdocs serve did not stop within 30 s of Ctrl+C; it ended with:",
                    *said,
                    sep="\n    ",
                    file=sys.stderr,
                )


def serve_rebuild_seconds(work: Path, programs: int = 100, edits: int = SERVE_EDITS) -> list[float]:
    """Seconds from saving a program's YAML file to `mkdocs serve` serving its page with the change."""
    project, _ = make_projects(work, programs)
    data_file = sorted((project / "data" / "programs" / SLUG).rglob("*.yml"))[0]
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    page = f"{data['dimension']}/{data['id'].lower()}/"
    original = data_file.read_text(encoding="utf-8")
    timings = []
    with mkdocs_serve(project) as base:
        _wait_for(base + page, data["title"], timeout=600)
        try:
            for edit in range(edits):
                title = f"Judul suntingan nomor {edit + 1}"
                edited = yaml.safe_dump({**data, "title": title}, allow_unicode=True, sort_keys=False)
                time.sleep(1.0)  # let the watcher settle after the previous rebuild
                data_file.write_text(edited, encoding="utf-8")
                timings.append(_wait_for(base + page, title, timeout=120))
        finally:
            data_file.write_text(original, encoding="utf-8")
    return timings


# ------------------------------------------------------------------ Git history


def _progress_version(text: str, step: int) -> str:
    """A program file as an earlier commit had it: under way, at another progress."""
    text = re.sub(r"(?m)^status: .*$", "status: ongoing", text)
    if re.search(r"(?m)^progress: ", text):
        return re.sub(r"(?m)^progress: .*$", f"progress: {step * 5}", text)
    return re.sub(r"(?m)^status: ongoing$", f"status: ongoing\nprogress: {step * 5}", text)


def make_history_project(work: Path, programs: int = HISTORY_PROGRAMS, commits: int = HISTORY_COMMITS) -> Path:
    """A synthetic city in a Git repository where every program file has `commits` commits of its own.

    As agencies report one program at a time, each commit changes one file: 20,000 commits
    for 1,000 programs × 20. They are written with `git fast-import` (seconds, not hours).
    The earlier versions move status and progress; the last is the synthetic data as it is,
    so that the build sees valid data with a long history behind every program.
    """
    project = work / f"history-{programs}x{commits}"
    if (project / ".git").is_dir():
        return _with_site_config(project)
    shutil.rmtree(project, ignore_errors=True)
    write_city(project, programs, seed=SEED, slug=SLUG)
    files = sorted((project / "data" / "programs" / SLUG).rglob("*.yml"))
    final = {file: file.read_bytes() for file in files}
    subprocess.run(["git", "init", "-q", "-b", "main", str(project)], check=True)
    start = int(datetime(TODAY.year - 2, 1, 1, tzinfo=UTC).timestamp())
    importer = subprocess.Popen(["git", "-C", str(project), "fast-import", "--quiet"], stdin=subprocess.PIPE)
    assert importer.stdin is not None
    mark = 0
    city_file = project / "data" / "cities" / f"{SLUG}.yml"
    for step in range(commits):
        for file in files:
            last = step == commits - 1
            content = final[file] if last else _progress_version(final[file].decode(), step).encode()
            changed = [(file, content)] + ([(city_file, city_file.read_bytes())] if mark == 0 else [])
            when = start + mark * 600
            header = f"commit refs/heads/main\ncommitter Tim Rencana <rencana@example.org> {when} +0700\n"
            message = f"Kemajuan {file.stem.upper()} ({step + 1})".encode()
            importer.stdin.write(header.encode() + b"data %d\n%s\n" % (len(message), message))
            for path, data in changed:
                relative = path.relative_to(project).as_posix()
                importer.stdin.write(b"M 100644 inline %s\ndata %d\n%s\n" % (relative.encode(), len(data), data))
            mark += 1
    importer.stdin.close()
    if importer.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", str(project), "reset", "-q", "--hard"], check=True)
    return _with_site_config(project)


def _with_site_config(project: Path) -> Path:
    copy_site_config(project, SLUG)  # not committed: the history covers data/ only
    return project


@dataclass(frozen=True)
class HistoryCost:
    read_seconds: list[float]  # read_history() alone, in this process
    changes: int
    with_history: Sample
    without_history: Sample


def measure_history(work: Path, rounds: int) -> HistoryCost:
    project = make_history_project(work)
    plan, _ = load_plan(project, SLUG, TODAY)
    timings, changes = [], 0
    for _ in range(max(rounds, 5)):
        forget()
        start = time.perf_counter()
        history = read_history(project, SLUG, plan.source_paths)
        timings.append(time.perf_counter() - start)
        changes = sum(len(found) for found in getattr(history, "changes", {}).values())
    copy = work / "history-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".git"))
    with_history, without_history = Sample(), Sample()
    for round_number in range(rounds):
        pairs = [(project, with_history, "with history"), (copy, without_history, "without .git")]
        for source, sample, name in pairs if round_number % 2 == 0 else pairs[::-1]:
            run = timed_build(source, work / "site-history", strict=True)
            sample.runs.append(run)
            print(
                f"  round {round_number + 1}/{rounds}, {HISTORY_PROGRAMS} programs, {name}: {run.seconds:.1f} s",
                file=sys.stderr,
            )
    return HistoryCost(timings, changes, with_history, without_history)


def history_report(cost: HistoryCost) -> list[str]:
    """The history's cost two ways: the median of paired rounds, and best against best.

    On a shared machine another job's load lands on some rounds and not others; the best
    build of each kind is the closest to a quiet machine, where the history is read on a
    core the build does not use.
    """
    read = statistics.median(cost.read_seconds)
    build = cost.without_history.seconds
    added = paired_ratio(cost.with_history, cost.without_history) - 1
    added_cpu = paired_ratio(cost.with_history, cost.without_history, cpu=True) - 1
    best = (
        min(run.seconds for run in cost.with_history.runs) / min(run.seconds for run in cost.without_history.runs) - 1
    )
    return [
        f"Git history at {HISTORY_PROGRAMS:,} programs × {HISTORY_COMMITS} commits ({cost.changes:,} changes): "
        f"read alone in {read:.2f} s (median); build {cost.with_history.seconds:.1f} s with the history "
        f"(Riwayat, Perubahan, feed.xml; read while the pages are made) against {build:.1f} s from a copy "
        f"without .git: {added:+.1%} wall clock, {added_cpu:+.1%} CPU time (medians of paired rounds); "
        f"best against best: {best:+.1%}.",
        f"- history adds ≤ 10 % to a build at {HISTORY_PROGRAMS:,} programs × {HISTORY_COMMITS} commits: "
        f"best against best {best:+.1%} ({verdict(best <= 0.10)}); paired median {added:+.1%}, "
        f"CPU time {added_cpu:+.1%}",
    ]


# ------------------------------------------------------------------ profile


def profile(work: Path, programs: int) -> str:
    """A pyinstrument profile of one Rencana build: the call tree in percent, then the costliest functions."""
    project, _ = make_projects(work, programs)
    folder = REPO / ".bench"
    folder.mkdir(exist_ok=True)
    session = folder / f"profile-{programs}.pyisession"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pyinstrument",
            "-r",
            "session",
            "-o",
            str(session),
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "--config-file",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(work / f"site-profile-{programs}"),
        ],
        cwd=project,
        env=build_environment(),
        check=True,
    )
    views = []
    for options in (["-p", "time=percent_of_total"], ["-p", "flat=true", "-p", "time=percent_of_total"]):
        views.append(
            subprocess.run(
                [sys.executable, "-m", "pyinstrument", "--load", str(session), "-r", "text", "--no-color", *options],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    text = "\n".join(views)
    (folder / f"profile-{programs}.txt").write_text(text, encoding="utf-8")
    return text


# ------------------------------------------------------------------ report


@dataclass(frozen=True)
class SearchBytes:
    pagefind: tuple[int, int] | None  # files, transferred; None: the site has no Pagefind index
    lunr: tuple[int, int]  # search_index.json: file, transferred


def report(
    samples: dict[int, tuple[Sample, Sample]],
    search: dict[int, SearchBytes],
    serve: list[float],
    rounds: int,
    lean: dict[int, tuple[Sample, Sample]],
    spreadsheets: dict[str, Sample] | None = None,
    history: HistoryCost | None = None,
) -> str:
    lines = [
        f"Medians of {rounds} alternating round(s); ratio: median of the rounds' Rencana/baseline ratios "
        f"(wall clock, CPU time in brackets); peak RSS: the largest of the rounds; {os.cpu_count()} cores.",
        "",
        "| programs | Rencana build | baseline build | ratio | Rencana per program | peak RSS Rencana / baseline "
        "| site size Rencana / baseline |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [(f"{size:,}", size, pair) for size, pair in samples.items()]
    rows += [(f"{size:,} lean", size, pair) for size, pair in lean.items()]
    for label, size, (ours, baseline) in rows:
        lines.append(
            f"| {label} | {ours.seconds:.1f} s | {baseline.seconds:.1f} s "
            f"| {paired_ratio(ours, baseline):.2f} ({paired_ratio(ours, baseline, cpu=True):.2f}) "
            f"| {ours.seconds / size * 1000:.1f} ms | {ours.peak_rss_mb:.0f} / {baseline.peak_rss_mb:.0f} MB "
            f"| {ours.site_bytes / 1e6:.1f} / {baseline.site_bytes / 1e6:.1f} MB |"
        )
    lines.append("")
    for size, sizes in search.items():
        pagefind = (
            "no Pagefind index"
            if sizes.pagefind is None
            else (f"{sizes.pagefind[1] / 1024:.0f} KB transferred ({sizes.pagefind[0] / 1024:.0f} KB of files)")
        )
        lines.append(
            f"First search for {SEARCH_QUERY!r} at {size:,} programs: Pagefind {pagefind}; "
            f"lunr's search_index.json {sizes.lunr[1] / 1024:.0f} KB transferred "
            f"({sizes.lunr[0] / 1024:.0f} KB file)."
        )
    if serve:
        lines.append(
            f"`mkdocs serve` at 100 programs, from saving one YAML file to the page showing it: median "
            f"{statistics.median(serve):.2f} s ({', '.join(f'{s:.2f}' for s in serve)} s)."
        )
    if spreadsheets:
        lines.append(
            f"Spreadsheets at {SPREADSHEET_PROGRAMS:,} programs (`python -m macros`, wall clock, CPU in brackets, "
            f"peak RSS): "
            + "; ".join(
                f"{name} {sample.seconds:.1f} s ({sample.cpu_seconds:.1f} s), {sample.peak_rss_mb:.0f} MB"
                for name, sample in spreadsheets.items()
            )
            + f"; the workbook is {spreadsheets['export'].site_bytes / 1024:.0f} KB."
        )
    if history is not None:
        lines.append(history_report(history)[0])
    lines += ["", "Targets:"]
    if 1000 in samples:
        ratio = paired_ratio(*samples[1000])
        lines.append(f"- build ≤ 1.0 × baseline at 1,000 programs: {ratio:.2f} × ({verdict(ratio <= 1.0)})")
    for size, pair in lean.items():
        ratio, cpu = paired_ratio(*pair), paired_ratio(*pair, cpu=True)
        lines.append(
            f"- build ≤ 1.0 × baseline at {size:,} lean programs: {ratio:.2f} × (CPU {cpu:.2f} ×) "
            f"({verdict(ratio <= 1.0)})"
        )
    if 1000 in samples and 10000 in samples:
        per_1k, per_10k = samples[1000][0].seconds / 1000, samples[10000][0].seconds / 10000
        lines.append(
            f"- time per program at 10,000 ≤ 1.3 × at 1,000: {per_10k / per_1k:.2f} × "
            f"({verdict(per_10k <= 1.3 * per_1k)})"
        )
    if 10000 in samples:
        rss = samples[10000][0].peak_rss_mb
        lines.append(f"- peak RSS ≤ 1 GB at 10,000 programs: {rss:.0f} MB ({verdict(rss <= 1024)})")
    for size, sizes in search.items():
        if sizes.pagefind is not None:
            share = sizes.pagefind[1] / sizes.lunr[1]
            lines.append(
                f"- first search ≤ 10 % of lunr's index at {size:,} programs: {share:.1%} of its transfer, "
                f"{sizes.pagefind[0] / sizes.lunr[0]:.1%} of its file ({verdict(share <= 0.1)})"
            )
    if serve:
        median = statistics.median(serve)
        lines.append(f"- serve rebuild ≤ 2 s at 100 programs: {median:.2f} s ({verdict(median <= 2)})")
    for name, sample in (spreadsheets or {}).items():
        lines.append(
            f"- {name} of {SPREADSHEET_PROGRAMS:,} programs ≤ {SPREADSHEET_LIMIT:.0f} s: {sample.seconds:.1f} s "
            f"({verdict(sample.seconds <= SPREADSHEET_LIMIT)})"
        )
    if history is not None:
        lines.append(history_report(history)[1])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also 10,000 programs (BENCH_FULL=1 does the same)")
    parser.add_argument("--sizes", help="comma-separated program counts, instead of 100,1000[,10000]")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per size (default 3)")
    parser.add_argument("--work", type=Path, help="folder for the generated projects and sites (kept and reused)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` measurement")
    spreadsheet_options = parser.add_mutually_exclusive_group()
    spreadsheet_options.add_argument(
        "--no-spreadsheets", action="store_true", help="skip the workbook export and import of 1,000 programs"
    )
    spreadsheet_options.add_argument(
        "--spreadsheets-only", action="store_true", help="only the workbook export and import of 1,000 programs"
    )
    parser.add_argument("--lean", default="1000", help="sizes of the lean profile, comma-separated ('' for none)")
    parser.add_argument("--no-portal", action="store_true", help="skip the portal's figures (scripts.bench_portal)")
    parser.add_argument("--profile", type=int, metavar="PROGRAMS", help="only profile one build of this size")
    parser.add_argument("--no-history", action="store_true", help="skip the cost of the Git history")
    parser.add_argument("--history-only", action="store_true", help="only the cost of the Git history")
    args = parser.parse_args()

    full = args.full or os.environ.get("BENCH_FULL") == "1"
    sizes = [int(size) for size in args.sizes.split(",")] if args.sizes else [100, 1000] + ([10000] if full else [])
    # Without --work the generated cities and sites (hundreds of MB) go when the run ends.
    with nullcontext(str(args.work)) if args.work else tempfile.TemporaryDirectory(prefix="rencana-bench-") as folder:
        work = Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        if args.profile:
            print(profile(work, args.profile))
            return
        if args.spreadsheets_only:
            print(report({}, {}, [], args.rounds, {}, measure_spreadsheets(work, args.rounds)))
            return
        print(f"Generating and building in {work} …", file=sys.stderr)
        try:
            measure_all(work, args, sizes, full)
        finally:
            clear_aside(work)  # the sites set aside, once nothing is timed any more


def measure_all(work: Path, args: argparse.Namespace, sizes: list[int], full: bool) -> None:
    """Every figure of `make bench` but the profile and the spreadsheets alone."""
    if args.history_only:
        print("\n".join(history_report(measure_history(work, args.rounds))))
        return
    samples = measure_builds(work, sizes, args.rounds)
    search = {
        size: SearchBytes(first_search_bytes(work / f"site-0-{size}"), lunr_index_bytes(work / f"site-1-{size}"))
        for size in sizes
    }
    lean_sizes = [int(size) for size in args.lean.split(",") if size]
    lean = measure_builds(work, lean_sizes, args.rounds, profile="lean") if lean_sizes else {}
    serve = [] if args.no_serve else serve_rebuild_seconds(work)
    spreadsheets = None if args.no_spreadsheets else measure_spreadsheets(work, args.rounds)
    history = None if args.no_history else measure_history(work, args.rounds)
    print(report(samples, search, serve, args.rounds, lean, spreadsheets, history))
    if not args.no_portal:
        print()
        print(portal_report(work, rounds=args.rounds, full=full, serve=not args.no_serve))
        print()
        print(federation_report(work))  # the same portal over 500 regions' own sites (issue 27)
    print()
    from scripts.bench_rebuild import rebuild_report  # it builds with this module's helpers

    print(rebuild_report(work, rounds=args.rounds, serve=not args.no_serve))  # the page cache (issue 29)
    print()
    print(offline_report(work))  # the worker's shell, the whole plan saved at 50 and 1,000 programs, a first visit


if __name__ == "__main__":
    main()
