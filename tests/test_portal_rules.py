"""Several regions in one repository: what a region is called, what kind it is, and how the portal lists them."""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from macros.data.plan.load import city_files
from macros.data.plan.model import City
from macros.data.plan.problems import DataProblems
from macros.data.portal.regions import load_portal, region_rules, sort_name
from macros.site import preview
from macros.site.portal_build import region_groups
from tests.helpers import city, make_portal_project, make_project, program, run_macros, write_yaml

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Kota Mojokerto", "kota"), ("Kabupaten Kendal", "kabupaten"), ("Kab. Kendal", "kabupaten"), ("Batu", "kota")],
)
def test_the_type_of_a_region_comes_from_its_name_by_default(name: str, kind: str) -> None:
    assert City.model_validate(city(name=name)).region_type == kind


def test_a_written_type_wins_over_the_name() -> None:
    assert City.model_validate(city(name="Kepulauan Seribu", type="kabupaten")).region_type == "kabupaten"


def test_a_wrong_type_names_the_choices(tmp_path: Path) -> None:
    project = make_portal_project(tmp_path / "project")
    write_yaml(project / "data" / "cities" / "pesisir.yml", city(name="Kabupaten Pesisir", type="regency"))
    result = run_macros(project, "check")
    assert result.returncode == 1
    assert "data/cities/pesisir.yml:7:7: type: `regency` is not allowed; use one of: kota, kabupaten" in result.stdout


def test_with_several_regions_each_file_name_must_be_an_address(tmp_path: Path) -> None:
    project = make_portal_project(tmp_path / "project")
    for name in ("Kota_Besar", "cari", "kota-dengan-nama-yang-sangat-panjang-sekali"):
        write_yaml(project / "data" / "cities" / f"{name}.yml", city())
        write_yaml(project / "data" / "programs" / name / "gov-01.yml", program())
    result = run_macros(project, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("data/cities/Kota_Besar.yml:1:1: (file): `Kota_Besar.yml`: with several") for line in lines
    )
    assert any(
        line.startswith("data/cities/cari.yml:1:1: (file): /cari/ is already a page of the portal") for line in lines
    )
    assert any("at most 30 characters" in line for line in lines if line.startswith("data/cities/kota-dengan"))
    assert region_rules(project)  # the same rules, read without the command line


def test_one_region_may_be_named_anyhow(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_yaml(project / "data" / "cities" / "Kota_Besar.yml", city())
    assert region_rules(project) == []


def test_check_lists_every_problem_of_every_region_at_once(tmp_path: Path) -> None:
    project = make_portal_project(tmp_path / "project")
    write_yaml(project / "data" / "programs" / "pesisir" / "gov-01.yml", program("GOV-01", status="done"))
    write_yaml(project / "data" / "programs" / "contoh" / "gov-02.yml", program("GOV-02", lead=""))
    result = run_macros(project, "check")
    assert result.returncode == 1
    assert "data/programs/pesisir/gov-01.yml:11:9: status: `done` is not allowed" in result.stdout
    assert "data/programs/contoh/gov-02.yml:10:7: lead:" in result.stdout
    with pytest.raises(DataProblems) as raised:
        load_portal(project, date(2025, 1, 1))
    assert {problem.path for problem in raised.value.problems if problem.severity == "error"} == {
        "data/programs/pesisir/gov-01.yml",
        "data/programs/contoh/gov-02.yml",
    }


def test_the_portal_lists_regions_by_the_name_that_tells_them_apart(tmp_path: Path) -> None:
    portal, _ = load_portal(make_portal_project(tmp_path / "project"), date(2025, 1, 1))
    assert [plan.city.name for plan in portal.plans] == ["Kota Contoh", "Kabupaten Kecil", "Kabupaten Pesisir"]
    assert sort_name("Kabupaten Kendal") == "kendal" and sort_name("Kota Batu") == "batu"


@pytest.mark.parametrize(("count", "groups"), [(1, 0), (3, 1), (25, 3), (500, 50), (3000, 256)])
def test_regions_are_shared_out_over_at_most_256_jobs(tmp_path: Path, count: int, groups: int) -> None:
    for number in range(count):
        write_yaml(tmp_path / "data" / "cities" / f"daerah-{number:04d}.yml", city())
    shared = region_groups(tmp_path)
    assert len(shared) == groups
    assert sorted(slug for group in shared for slug in group) == (sorted(city_files(tmp_path)) if count > 1 else [])
    assert all(group for group in shared)


@pytest.mark.slow
def test_a_build_shared_out_over_machines_gives_the_same_site(tmp_path: Path) -> None:
    project = make_portal_project(tmp_path / "project")
    groups = run_macros(project, "groups", "--per-job", "2")
    assert groups.returncode == 0
    parts = json.loads(groups.stdout.removeprefix("groups="))
    assert parts == ["contoh pesisir", "kecil"]
    dated = {"SOURCE_DATE_EPOCH": "1709294400"}
    for number, part in enumerate(parts):
        built = run_macros(project, "build", "--regions", part, "--site-dir", f"part-{number}", env=dated)
        assert built.returncode == 0, built.stderr
        assert not (project / f"part-{number}" / "index.html").exists()  # no portal in a part
        for slug in part.split():
            shutil.copytree(project / f"part-{number}" / slug, project / "merged" / slug)
    assembled = run_macros(project, "build", "--prebuilt", "merged", "--site-dir", "site", env=dated)
    assert assembled.returncode == 0, assembled.stderr
    whole = run_macros(project, "build", "--site-dir", "whole", env=dated)
    assert whole.returncode == 0, whole.stderr
    assert files_of(project / "site") == files_of(project / "whole")
    # A region missing from the parts publishes nothing.
    shutil.rmtree(project / "merged" / "kecil")
    missing = run_macros(project, "build", "--prebuilt", "merged", "--site-dir", "site", env=dated)
    assert missing.returncode == 1
    assert "data/cities/kecil.yml:1:1: (build): no built site in" in missing.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_make_serve_of_one_region_is_mkdocs_serve_as_ever(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", city(), [program()])
    started: list[list[str]] = []
    monkeypatch.setattr(preview, "serve_region", lambda command, root: started.append(command) or 0)
    monkeypatch.delenv("CITY", raising=False)
    assert preview.serve(project, project / "mkdocs.yml", "127.0.0.1:8123") == 0
    assert started == [
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            "127.0.0.1:8123",
            "--config-file",
            str(project / "mkdocs.yml"),
        ]
    ]
    # CITY picks one region of several: `mkdocs serve` of it alone, too.
    portal = make_portal_project(tmp_path / "portal")
    monkeypatch.setenv("CITY", "kecil")
    assert preview.serve(portal, portal / "mkdocs.yml", "127.0.0.1:8124") == 0
    assert started[-1][2:4] == ["mkdocs", "serve"]
