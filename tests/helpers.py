"""Factories for test data and real builds of small projects into temporary folders."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent

# A project site, as GitHub Pages serves `https://<owner>.github.io/<repo>/`.
SUBPATH_SITE_URL = "https://example.github.io/rencana/"
SUBPATH_PREFIX = "/rencana/"
# 2024-03-01 12:00 UTC: the date that the sub-path build carries instead of today's.
FIXED_EPOCH = "1709294400"


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


def site_config(slug: str = "mojokerto", site_url: str | None = None) -> str:
    """This repository's mkdocs.yml for a project in another folder (hooks from this checkout)."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - macros/site/hooks.py", f"  - {REPO / 'macros' / 'site' / 'hooks.py'}")
    config = config.replace("  city: mojokerto", f"  city: {slug}")
    config = config.replace("  - macros\n", f"  - {REPO / 'macros'}\n")
    if site_url:
        config = re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", config)
    return config


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


def copy_site_config(root: Path, slug: str) -> None:
    """This repository's docs, portal, overrides and mkdocs.yml in `root`, publishing city `slug` with our hooks."""
    for folder in ("docs", "portal", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "mkdocs.yml").write_text(site_config(slug), encoding="utf-8")


def copy_example(root: Path, site_url: str | None = None) -> Path:
    """This repository's site and example data in `root` (for `site_url`, if given); returns `root`."""
    for folder in ("docs", "portal", "overrides", "data"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "mkdocs.yml").write_text(site_config(site_url=site_url), encoding="utf-8")
    return root


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


def run_macros(root: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m macros --root ROOT …` (what `make site` and `make check` run), without a CITY from outside."""
    environment = {key: value for key, value in os.environ.items() if key != "CITY"}
    return subprocess.run(
        [sys.executable, "-m", "macros", "--root", str(root), *arguments],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        check=False,
    )
