"""`python -m macros new-city`: a region of one's own, never the template's addresses."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from macros.data.plan.model import Program
from macros.data.settings.rules import EXAMPLE_REGIONS
from macros.publish.new_city import Repository, configured_mkdocs, origin_repository
from tests.helpers import REPO, copy_repository, macros_here, write_small_region

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


TEMPLATE_CONFIG = """# comment kept
site_name: Rencana Induk Smart City
site_url: https://rencana-id.github.io/rencana-mojokerto/
repo_url: https://github.com/rencana-id/rencana-mojokerto
repo_name: rencana-id/rencana-mojokerto
# Program pages point their edit link at their YAML file instead.
edit_uri: edit/main/docs/
extra:
  city: mojokerto   # the published region
  generator: false
"""


def run_macros(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return macros_here(["--root", str(root), *arguments], cwd=root)


def test_mkdocs_yml_names_the_repository_of_the_git_remote_and_keeps_its_comments() -> None:
    repository = Repository("pemkot-kediri", "rencana")
    text = configured_mkdocs(TEMPLATE_CONFIG, "kediri", "Kota Kediri", repository)
    assert text.splitlines() == [
        "# comment kept",
        "site_name: Rencana Induk Smart City Kota Kediri",
        "site_url: https://pemkot-kediri.github.io/rencana/",
        "repo_url: https://github.com/pemkot-kediri/rencana",
        "repo_name: pemkot-kediri/rencana",
        "# Program pages point their edit link at their YAML file instead.",
        "edit_uri: edit/main/docs/",
        "extra:",
        "  city: kediri   # the published region",
        "  generator: false",
    ]


def test_without_a_github_remote_the_template_addresses_become_placeholders() -> None:
    text = configured_mkdocs(TEMPLATE_CONFIG, "kediri", "Kota Kediri", None)
    assert "rencana-mojokerto" not in text
    assert "# site_url: https://<owner>.github.io/<repo>/" in text
    assert "# repo_url: https://github.com/<owner>/<repo>" in text
    assert "# edit_uri: edit/main/docs/" in text
    assert "  city: kediri   # the published region\n" in text


def test_a_user_site_repository_is_published_at_the_root() -> None:
    assert Repository("pemkot-kediri", "pemkot-kediri.github.io").pages_url == "https://pemkot-kediri.github.io/"
    assert Repository("Pemkot", "rencana").pages_url == "https://pemkot.github.io/rencana/"


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://github.com/pemkot-kediri/rencana.git", Repository("pemkot-kediri", "rencana")),
        ("git@github.com:pemkot-kediri/rencana.git", Repository("pemkot-kediri", "rencana")),
        ("https://gitlab.com/pemkot-kediri/rencana.git", None),
    ],
)
def test_the_repository_comes_from_the_origin_remote(tmp_path: Path, remote: str, expected: Repository | None) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", remote], check=True)
    assert origin_repository(tmp_path) == expected


def test_no_remote_and_no_git_give_no_repository(tmp_path: Path) -> None:
    assert origin_repository(tmp_path) is None


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Kota Kediri", "new-city: `Kota Kediri` is not a valid slug: use lower-case letters, digits and single `-`"),
        ("contoh", "new-city: data/cities/contoh.yml or data/programs/contoh/ already exists: choose another slug"),
    ],
)
def test_a_bad_or_taken_slug_is_refused_on_one_line_and_nothing_is_written(
    tmp_path: Path, slug: str, message: str
) -> None:
    project = tmp_path / "project"
    (project / "data" / "cities").mkdir(parents=True)
    (project / "data" / "cities" / "contoh.yml").write_text("name: Kota Contoh\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(TEMPLATE_CONFIG, encoding="utf-8")
    result = run_macros(project, "new-city", slug, "--name", "Kota Kediri")
    assert result.returncode == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == TEMPLATE_CONFIG
    assert sorted(path.name for path in (project / "data" / "cities").iterdir()) == ["contoh.yml"]


def test_the_new_region_passes_check_and_shows_every_field_as_an_example(tmp_path: Path) -> None:
    project = copy_repository(tmp_path / "repo")
    result = run_macros(project, "new-city", "kota-batu", "--name", "Kota Batu", "--province", "Jawa Timur")
    assert result.returncode == 0, result.stdout + result.stderr
    city_text = (project / "data" / "cities" / "kota-batu.yml").read_text(encoding="utf-8")
    assert city_text.startswith("# yaml-language-server: $schema=../schema/city.schema.json\n")
    assert 'name: "Kota Batu"\nprovince: "Jawa Timur"\n' in city_text
    example = (project / "data" / "programs" / "kota-batu" / "governance" / "gov-01.yml").read_text(encoding="utf-8")
    # Every program field is in the example, written or as a commented line.
    for field in Program.model_fields:
        assert f"\n{field}:" in example or f"\n# {field}:" in example, field
    assert "Next steps:" in result.stdout
    checked = run_macros(project, "check", "--city", "kota-batu")
    assert checked.returncode == 0, checked.stdout
    assert (REPO / "mkdocs.yml").read_text(encoding="utf-8") != (project / "mkdocs.yml").read_text(encoding="utf-8")


def example_regions_project(root: Path) -> Path:
    """A project holding every example region and one region of its own (`contoh`), each with a program."""
    for slug in (*EXAMPLE_REGIONS, "contoh"):
        write_small_region(root, slug)
    (root / "mkdocs.yml").write_text(TEMPLATE_CONFIG, encoding="utf-8")
    return root


def test_replacing_the_example_removes_every_example_region_and_keeps_the_others(tmp_path: Path) -> None:
    project = example_regions_project(tmp_path / "project")
    result = run_macros(project, "new-city", "kediri", "--name", "Kota Kediri", "--replace-example")
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in EXAMPLE_REGIONS:
        assert f"removed the example region {slug} (data/cities/{slug}.yml and data/programs/{slug}/)" in result.stdout
    assert sorted(path.name for path in (project / "data" / "cities").iterdir()) == ["contoh.yml", "kediri.yml"]
    assert sorted(path.name for path in (project / "data" / "programs").iterdir()) == ["contoh", "kediri"]


@pytest.mark.parametrize("slug", EXAMPLE_REGIONS)
def test_replacing_the_example_refuses_the_slug_of_an_example_region(tmp_path: Path, slug: str) -> None:
    project = example_regions_project(tmp_path / "project")
    (project / "data" / "cities" / f"{slug}.yml").unlink()
    shutil.rmtree(project / "data" / "programs" / slug)
    result = run_macros(project, "new-city", slug, "--name", "Kota Baru", "--replace-example")
    assert result.returncode == 1
    assert result.stderr == (
        f"new-city: `{slug}` is the slug of an example region: --replace-example would delete the new region; "
        f"choose another slug, e.g. kota-{slug}\n"
    )
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == TEMPLATE_CONFIG


def test_mkdocs_yml_with_tags_and_no_extra_section_is_edited_and_its_tags_kept() -> None:
    config = (
        "site_name: Situs\r\n"
        "markdown_extensions:\r\n"
        "  - pymdownx.emoji:\r\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\r\n"
        "copyright: !ENV [COPYRIGHT, 'Pemkot']\r\n"
    )
    text = configured_mkdocs(config, "yes", "Kota Kediri", Repository("pemkot-kediri", "rencana"))
    assert text == (
        "site_name: Rencana Induk Smart City Kota Kediri\r\n"
        "markdown_extensions:\r\n"
        "  - pymdownx.emoji:\r\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\r\n"
        "copyright: !ENV [COPYRIGHT, 'Pemkot']\r\n"
        "extra:\r\n"
        '  city: "yes"\r\n'
        "site_url: https://pemkot-kediri.github.io/rencana/\r\n"
        "repo_url: https://github.com/pemkot-kediri/rencana\r\n"
        "repo_name: pemkot-kediri/rencana\r\n"
    )


@pytest.mark.parametrize("extra", ["extra:\n", "extra:\nnav: []\n", "extra: ~\n"])
def test_an_empty_extra_section_gets_the_city(extra: str) -> None:
    text = configured_mkdocs("site_name: Situs\n" + extra, "kediri", "Kota Kediri", Repository("pemkot", "rencana"))
    assert "extra:\n  city: kediri\n" in text
    assert text.count("extra:") == 1
