"""Factories for test data and real builds of small projects into temporary folders."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from macros.__main__ import main
from macros.data.settings.rules import EXAMPLE_REGIONS

REPO = Path(__file__).resolve().parent.parent

# The tests' own full region: a frozen copy of the plan the template started with (every
# field used, evaluations, sample flag). Tests name its programs; they never name the
# programs of data/, which a city replaces with its own.
SAMPLE = REPO / "tests" / "fixtures" / "sample"
SAMPLE_SLUG = "mojokerto"

# Where fixture projects say they live: never the template's own repository or address.
TEST_REPOSITORY = "kota-contoh/rencana"
TEST_SITE_URL = "https://kota-contoh.github.io/rencana/"
# The template's site name; new-city writes the region's own into mkdocs.yml, fixture sites keep this one.
TEST_SITE_NAME = "Rencana Induk Smart City"

# A project site, as GitHub Pages serves `https://<owner>.github.io/<repo>/`.
SUBPATH_SITE_URL = "https://example.github.io/rencana/"
SUBPATH_PREFIX = "/rencana/"
# 2024-03-01 12:00 UTC: the date that the sub-path build carries instead of today's.
FIXED_EPOCH = "1709294400"
# What makes a title run to 200 characters, the longest the format allows, with a long unbroken word in it.
LONG_TITLE_TAIL = (
    " untuk seluruh kelurahan, kecamatan dan perangkat daerah dengan layanan-terpadu-berbasis-data-kependudukan"
    " yang dapat dipantau warga setiap hari melalui ponsel"
)


def city(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Kota Contoh",
        "province": "Jawa Tengah",
        "plan": {"title": "Rencana Induk Smart City Kota Contoh 2024–2033", "start": 2024, "end": 2033},
    }
    data.update(overrides)
    return data


def program(program_id: str = "GOV-01", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": program_id,
        "title": f"Program {program_id}",
        "dimension": "governance",
        "element": "layanan-publik",
        "summary": "Ringkasan program.",
        "horizon": "short",
        "period": {"start": 2024, "end": 2026},
        "lead": "Dinas Komunikasi dan Informatika",
        "status": "planned",
    }
    data.update(overrides)
    return data


def write_yaml(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def site_config(slug: str = SAMPLE_SLUG, site_url: str | None = None) -> str:
    """This repository's mkdocs.yml for a project in another folder (hooks from this checkout),
    publishing `slug` from TEST_REPOSITORY at `site_url` (default TEST_SITE_URL) as TEST_SITE_NAME,
    whatever city, name and addresses the repository's own mkdocs.yml names."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - macros/site/hooks.py", f"  - {REPO / 'macros' / 'site' / 'hooks.py'}")
    config = config.replace("  - macros\n", f"  - {REPO / 'macros'}\n")
    settings = {
        "site_name": TEST_SITE_NAME,
        "site_url": site_url or TEST_SITE_URL,
        "repo_url": f"https://github.com/{TEST_REPOSITORY}",
        "repo_name": TEST_REPOSITORY,
        "edit_uri": "edit/main/docs/",
    }
    for key, value in settings.items():  # written, commented out (new-city) or missing
        config, found = re.subn(rf"(?m)^(?:# )?{key}: .*$", f"{key}: {value}", config, count=1)
        if not found:
            config = f"{key}: {value}\n{config}"
    return re.sub(r"(?m)^  city: .*$", f"  city: {slug}", config, count=1)


def make_project(root: Path, city_data: dict[str, Any], programs: list[dict[str, Any]], slug: str = "contoh") -> Path:
    """A project folder with this repository's site config and the given data; returns its root."""
    copy_site_config(root, slug)
    write_yaml(root / "data" / "cities" / f"{slug}.yml", city_data)
    for entry in programs:
        write_yaml(root / "data" / "programs" / slug / f"{entry['id'].lower()}.yml", entry)
    return root


def make_project_from(root: Path, data_tree: Path, slug: str = "contoh") -> Path:
    """A project folder with this repository's site config and a copy of `data_tree` (which holds `data/`)."""
    copy_site_config(root, slug)
    shutil.copytree(data_tree / "data", root / "data")
    return root


SITE_CONFIG_FOLDERS = ("docs", "portal", "overrides")


def copy_site_config(root: Path, slug: str) -> None:
    """This repository's docs, portal, overrides and mkdocs.yml in `root`, publishing city `slug` with our hooks.

    What `root` had of them is replaced: a benchmark's kept work folder must not build old templates.
    """
    for folder in SITE_CONFIG_FOLDERS:
        shutil.rmtree(root / folder, ignore_errors=True)
        shutil.copytree(REPO / folder, root / folder)
    (root / "mkdocs.yml").write_text(site_config(slug), encoding="utf-8")


def copy_sample(root: Path, site_url: str | None = None) -> Path:
    """This repository's site with the sample region in `root` (for `site_url`, if given); returns `root`."""
    for folder in SITE_CONFIG_FOLDERS:
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(SAMPLE / "data", root / "data")
    (root / "mkdocs.yml").write_text(site_config(site_url=site_url), encoding="utf-8")
    return root


def copy_repository(root: Path) -> Path:
    """Every file git tracks in this repository (and the current edits to them), copied to `root`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    )
    for name in listed.stdout.decode("utf-8").split("\0"):
        source = REPO / name
        if name and source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    return root


def copy_template(root: Path) -> Path:
    """This repository in `root` as the template is before a city adopts it: its example regions, no other.

    A city that adopted the template (README, "Start your own city") removed the examples and
    holds regions of its own. Tests of the template's own paths (*Mulai daerah*, the start note,
    `--replace-example`) still need the template's data: the city's regions are left out of the
    copy, and each example region it no longer has is written as a small one.
    """
    copy_repository(root)
    for own in sorted((root / "data" / "cities").glob("*.yml")):
        if own.stem not in EXAMPLE_REGIONS:
            own.unlink()
            shutil.rmtree(root / "data" / "programs" / own.stem, ignore_errors=True)
    for slug in EXAMPLE_REGIONS:
        if not (root / "data" / "cities" / f"{slug}.yml").is_file():
            write_small_region(root, slug)
    return root


def write_small_region(root: Path, slug: str) -> None:
    """The region `slug` in the project `root`: a city file and one program."""
    write_yaml(root / "data" / "cities" / f"{slug}.yml", city(name=f"Kota {slug.title()}"))
    write_yaml(root / "data" / "programs" / slug / "gov-01.yml", program("GOV-01"))


def build_site(
    project: Path, site: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build --strict` of `project` into `site`."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment.pop("CITY", None) if env is None or "CITY" not in env else None
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(site),
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=project,
        env=environment,
        check=False,
    )


def built_on(site: Path) -> str:
    """The day a built site's data is dated (`built` in its rencana.json): a test that builds or exports
    again to compare takes it, since a run can cross midnight after a shared site was built by the clock."""
    return str(json.loads((site / "rencana.json").read_text(encoding="utf-8"))["built"])


def build_with_caches(
    project: Path, site: Path, reused: re.Pattern[str], *, cache: bool, today: str = "2026-06-30"
) -> tuple[int, int]:
    """Build `project` into a fresh `site`, the caches (.cache/rencana/pages) on or off: the two numbers
    of the build's line `reused` finds (reused, in all), or (0, 0) when off, where it must not appear."""
    shutil.rmtree(site, ignore_errors=True)
    # The day and the build's own date both fixed: two builds compared must not fall either side of midnight.
    environment = {"RENCANA_TODAY": today, "RENCANA_LANG": "id", "SOURCE_DATE_EPOCH": FIXED_EPOCH}
    if not cache:
        environment["RENCANA_PAGE_CACHE"] = "off"
    result = build_site(project, site, env=environment)
    assert result.returncode == 0, result.stderr
    found = reused.search(result.stderr)
    if not cache:
        assert found is None, "the cache was used although it is off"
        return 0, 0
    assert found is not None, result.stderr
    return int(found.group(1)), int(found.group(2))


def small_city_data() -> dict[str, Any]:
    """A city with two dimensions of its own and no evaluations."""
    return city(
        name="Kabupaten Kecil",
        dimensions={
            "tata-kelola": {
                "label": "Tata Kelola",
                "description": "Pemerintahan yang melayani.",
                "icon": "material/bank-outline",
                "color": "#1d4ed8",
                "elements": {"layanan": "Layanan", "data": "Data"},
            },
            "lingkungan": {
                "label": "Lingkungan & Air",
                "description": "Lingkungan yang terjaga.",
                "icon": "material/leaf",
                "color": "#15803d",
                "elements": {"sampah": "Sampah"},
            },
        },
    )


def small_city_programs() -> list[dict[str, Any]]:
    """Programs that reach the edges: an agency named with `&`, a lead that is also a partner,
    a title a spreadsheet would run, years outside the plan, budgets of several sources."""
    return [
        program(
            "TK-1",
            dimension="tata-kelola",
            element="layanan",
            horizon="quick-win",
            status="completed",
            period={"start": 2024, "end": 2024},
            lead="Dinas Kominfo & Statistik",
            budget=[{"year": 2024, "amount": 250_000_000, "source": "APBD"}],
        ),
        program(
            "TK-2",
            dimension="tata-kelola",
            element="data",
            status="delayed",
            progress=40,
            title='=HYPERLINK("http://contoh.test")',
            lead="Badan Perencanaan",
            partners=["Dinas Kominfo & Statistik"],
            period={"start": 2022, "end": 2027},
            budget=[
                {"year": 2025, "amount": 1_000_000_000, "source": "APBN"},
                {"year": 2024, "amount": 500_000_000, "source": "APBD"},
            ],
        ),
        program(
            "LH-1",
            dimension="lingkungan",
            element="sampah",
            status="ongoing",
            progress=60,
            lead="Dinas Kominfo & Statistik",
            period={"start": 2025, "end": 2030},
            budget=[{"year": 2025, "amount": 2_000_000_000, "source": "CSR"}],
        ),
        {
            key: value
            for key, value in program(
                "LH-2",
                dimension="lingkungan",
                status="planned",
                lead="Dinas Lingkungan Hidup",
                period={"start": 2029, "end": 2033},
            ).items()
            if key != "element"
        },
    ]


def yaml_programs(project: Path, slug: str) -> list[dict[str, Any]]:
    """Every program file of a city read straight from YAML, for figures computed apart from the Plan."""
    files = sorted((project / "data" / "programs" / slug).rglob("*.y*ml"))
    return [yaml.safe_load(file.read_text(encoding="utf-8")) for file in files]


def yaml_city(project: Path, slug: str) -> dict[str, Any]:
    return yaml.safe_load((project / "data" / "cities" / f"{slug}.yml").read_text(encoding="utf-8"))


def rich_city_programs() -> list[dict[str, Any]]:
    """Programs of `small_city_data()` that use every field of the format, with values that trap
    spreadsheets and YAML alike: a title a spreadsheet would run, texts with `:`, `#`, `;` and
    quotes, Markdown over several lines, decimals, tags YAML reads as booleans or numbers."""
    return [
        program(
            "TK-1",
            title="Layanan aduan: satu pintu untuk #semua warga",
            dimension="tata-kelola",
            element="layanan",
            summary='Satu pintu bagi warga untuk "mengadu", dengan tindak lanjut yang tercatat; dipantau terbuka.',
            description="**Aduan** dari WhatsApp dan surat masuk ke satu sistem.\n\n- tercatat\n- terpantau",
            problem="Aduan tersebar di banyak kanal dan tidak tercatat.",
            objectives=["Menyatukan kanal aduan; semuanya.", "Menetapkan batas waktu tindak lanjut."],
            horizon="medium",
            period={"start": 2024, "end": 2027},
            lead="Dinas Kominfo & Statistik",
            partners=["Badan Perencanaan", "Kecamatan se-Kabupaten; dan kelurahan"],
            budget=[
                {"year": 2024, "amount": 350_000_000, "source": "APBD"},
                {"year": 2025, "amount": 1_250_000_000, "source": "APBD-Provinsi"},
            ],
            indicators=[
                {"name": "Aduan ditindaklanjuti", "unit": "persen", "baseline": 40, "target": 90.5, "year": 2026},
                {"name": "Kanal terhubung", "unit": "kanal", "baseline": 1.5, "target": 5, "year": 2025, "actual": 3},
            ],
            status="ongoing",
            progress=45,
            milestones=[
                {"name": "Kanal WhatsApp dibuka", "planned": "2024-03", "done": "2024-03-20"},
                {"name": "Dasbor pimpinan", "planned": "2025-06-15"},
            ],
            updates=[
                {"date": "2024-03-20", "text": "Kanal **WhatsApp** dibuka."},
                {"date": "2024-09-01", "text": "Dua kanal terhubung:\n\n1. surat\n2. SP4N-LAPOR!"},
            ],
            related=["TK-2"],
            sdgs=[11, 16],
            tags=["aduan", "yes", "2024", "null", "quick win"],
            issues=[3, 14],
            sources=[
                {"title": "Portal resmi", "url": "https://contoh.go.id/"},
                {"title": "SP4N-LAPOR!", "url": "https://www.lapor.go.id"},
            ],
            reviewed="2026-05-10",
        ),
        {
            key: value
            for key, value in program(
                "TK-2",
                title='=HYPERLINK("http://contoh.test")',
                dimension="tata-kelola",
                horizon="quick-win",
                status="completed",
                period={"start": 2024, "end": 2024},
                lead="Badan Perencanaan",
                partners=["Dinas Kominfo & Statistik"],
                sdgs=[9],
                issues=[7],
            ).items()
            if key != "element"
        },
        program(
            "LH-1",
            title="*Bank sampah* di setiap kelurahan",
            dimension="lingkungan",
            element="sampah",
            status="delayed",
            progress=10,
            horizon="long",
            period={"start": 2025, "end": 2033},
            lead="Dinas Lingkungan Hidup",
            tags=["sampah"],
        ),
        program("LH-2", dimension="lingkungan", element="sampah", lead="Dinas Lingkungan Hidup"),
    ]


def data_snapshot(project: Path) -> dict[str, bytes]:
    """Every file under the project's data/ folder, for "nothing changed" assertions."""
    folder = project / "data"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def run_cli(*arguments: str) -> tuple[int, str]:
    """`python -m macros …` in this process: its exit status and what it printed, both streams in order."""
    result = macros_here(list(arguments), merged=True)
    return result.returncode, result.stdout


def git_environment(when: str = "2024-01-01T00:00:00+00:00") -> dict[str, str]:
    """Git run by a fixed author at a fixed date (ISO 8601 with offset), without the user's config."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    environment.update(
        {
            "GIT_AUTHOR_NAME": "Tim Rencana",
            "GIT_AUTHOR_EMAIL": "rencana@example.org",
            "GIT_COMMITTER_NAME": "Tim Rencana",
            "GIT_COMMITTER_EMAIL": "rencana@example.org",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
        }
    )
    return environment


def commit_all(root: Path, message: str, when: str) -> None:
    """Commit every change under `root` (a repository is made the first time) as of `when`."""
    environment = git_environment(when)
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], env=environment, check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], env=environment, check=True)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", message], env=environment, check=True)


# ---------------------------------------------------------------- several regions: a portal

# The fixture portal's regions: each has a program about "sampah" (waste), and two share program ids.
PORTAL_REGIONS = ("contoh", "kecil", "pesisir")


def portal_regions() -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """slug → (city file, program files) of three regions: a kota and two kabupaten, two provinces,
    default and own dimensions, with and without evaluations, the same ids in two of them."""
    contoh = city(
        evaluations=[
            {"year": 2024, "index": 3.1, "dimensions": {"governance": 3.5, "environment": 2.75}},
            {"year": 2025, "index": 3.4, "dimensions": {"governance": 3.75, "environment": 3.0}},
        ]
    )
    contoh_programs = [
        program("GOV-01", status="completed", budget=[{"year": 2024, "amount": 150_000_000, "source": "APBD"}]),
        program("GOV-02", status="ongoing", progress=30),
        program(
            "ENV-01",
            title="Bank sampah kelurahan",
            dimension="environment",
            element="sampah",
            status="ongoing",
            progress=50,
            budget=[
                {"year": 2024, "amount": 400_000_000, "source": "APBD"},
                {"year": 2025, "amount": 600_000_000, "source": "APBN"},
            ],
        ),
    ]
    pesisir = city(
        name="Kabupaten Pesisir",
        province="Jawa Timur",
        plan={"title": "Rencana Induk Smart City Kabupaten Pesisir 2025–2030", "start": 2025, "end": 2030},
    )
    pesisir_programs = [
        program(
            "GOV-01",
            title="Layanan desa daring",
            period={"start": 2025, "end": 2027},
            budget=[{"year": 2025, "amount": 2_500_000_000, "source": "APBN"}],
        ),
        program(
            "ENV-01",
            title="Sampah pantai terangkut",
            dimension="environment",
            element="sampah",
            status="completed",
            period={"start": 2025, "end": 2026},
            budget=[{"year": 2026, "amount": 75_000_000, "source": "CSR"}],
        ),
    ]
    return {
        "contoh": (contoh, contoh_programs),
        "kecil": (small_city_data(), small_city_programs()),
        "pesisir": (pesisir, pesisir_programs),
    }


def make_portal_project(root: Path, site_url: str | None = None) -> Path:
    """A project of the three regions of `portal_regions()`, with this repository's site config."""
    copy_site_config(root, PORTAL_REGIONS[0])
    if site_url:
        (root / "mkdocs.yml").write_text(site_config(PORTAL_REGIONS[0], site_url), encoding="utf-8")
    for slug, (city_data, programs) in portal_regions().items():
        write_yaml(root / "data" / "cities" / f"{slug}.yml", city_data)
        for entry in programs:
            write_yaml(root / "data" / "programs" / slug / f"{entry['id'].lower()}.yml", entry)
    return root


# Commands that start MkDocs (its build forks and pools workers, its preview serves) run in a
# process of their own; the others run in the test's process, with the same `main`.
_OWN_PROCESS = ("build", "serve")


def run_macros(root: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m macros --root ROOT …` (what `make site` and `make check` run), without a CITY from outside."""
    environment = {key: value for key, value in os.environ.items() if key != "CITY"}
    command = ["--root", str(root), *arguments]
    if not set(arguments) & set(_OWN_PROCESS):
        return macros_here(command, env={**environment, **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "macros", *command],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        check=False,
    )


def macros_here(
    arguments: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, merged: bool = False
) -> subprocess.CompletedProcess[str]:
    """`python -m macros ARGUMENTS` run by this process: the same `main`, its exit status and output.

    A new Python process would pay its start-up and imports again (half a second of CPU, the
    bulk of a small command); hundreds of runs made that most of `make test-fast`. `env`
    replaces the environment and `cwd` the working folder for the run, as they would for a
    process; both come back afterwards. A crash raises here instead of printing a traceback.
    `merged`: standard error goes into `stdout` too, in the order it was written.
    """
    saved_environment, saved_folder = dict(os.environ), Path.cwd()
    stdout = io.StringIO()
    stderr = stdout if merged else io.StringIO()
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = main(list(arguments))
            except SystemExit as stop:  # argparse's usage errors
                status = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    finally:
        os.environ.clear()
        os.environ.update(saved_environment)
        os.chdir(saved_folder)
    return subprocess.CompletedProcess(
        ["python", "-m", "macros", *arguments], status, stdout.getvalue(), "" if merged else stderr.getvalue()
    )
