"""Reading mkdocs.yml without MkDocs, for the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.settings.config import SiteConfig, read_site_config
from macros.data.settings.rules import TEMPLATE_REPOSITORY
from tests.helpers import FIXED_EPOCH, build_site, city, make_project, program, run_macros


def test_reads_the_addresses_the_city_and_where_each_is_written(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "# Kota Contoh\nsite_name: Rencana\nsite_url: https://kota.example/rencana/\n"
        "repo_url: https://github.com/kota/rencana\nextra:\n  generator: false\n  city: contoh\n",
        encoding="utf-8",
    )
    config = read_site_config(tmp_path)
    assert config == SiteConfig(
        site_url="https://kota.example/rencana/", repo_url="https://github.com/kota/rencana", city="contoh"
    )
    assert config.position_of("site_url") == (3, 1)
    assert config.position_of("extra.city") == (7, 3)
    assert config.position_of("edit_uri") == (1, 1)  # not written


def test_tags_for_mkdocs_are_read_as_plain_values_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [SITE_URL, 'https://kota.example/']\n"
        "repo_url: https://github.com/kota/rencana\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/object/apply:os.system ['touch pwned']\n",
        encoding="utf-8",
    )
    config = read_site_config(tmp_path)
    assert config.repo_url == "https://github.com/kota/rencana"
    assert config.site_url == "https://kota.example/"  # !ENV's default
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    monkeypatch.setenv("SITE_URL", "https://rencana.kota.example/")
    assert read_site_config(tmp_path).site_url == "https://rencana.kota.example/"


def test_missing_file_or_keys_give_nothing(tmp_path: Path) -> None:
    assert read_site_config(tmp_path) == SiteConfig()
    (tmp_path / "mkdocs.yml").write_text("site_name: Kota\n", encoding="utf-8")
    assert read_site_config(tmp_path) == SiteConfig()


def test_an_inherit_config_is_merged_and_each_key_is_placed_in_the_file_that_writes_it(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Rencana\nsite_url: https://kota.example/\nrepo_url: https://github.com/a/b\n"
        "extra:\n  city: contoh\n  generator: false\n",
        encoding="utf-8",
    )
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "site.yml").write_text(
        "INHERIT: ../mkdocs.yml\nrepo_url: https://github.com/kediri/rencana\nextra:\n  generator: true\n",
        encoding="utf-8",
    )
    config = read_site_config(tmp_path, tmp_path / "config" / "site.yml")
    assert (config.repo_url, config.site_url, config.city) == (
        "https://github.com/kediri/rencana",
        "https://kota.example/",
        "contoh",  # extra is merged key by key, as MkDocs merges it
    )
    assert config.path == "config/site.yml"
    assert config.where("repo_url") == ("config/site.yml", 2, 1)
    assert config.where("site_url") == ("mkdocs.yml", 2, 1)
    assert config.where("extra.city") == ("mkdocs.yml", 5, 3)


def test_an_inherit_loop_ends(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("INHERIT: b.yml\nsite_url: https://a.example/\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("INHERIT: a.yml\nrepo_url: https://github.com/b/b\n", encoding="utf-8")
    config = read_site_config(tmp_path, tmp_path / "a.yml")
    assert (config.site_url, config.repo_url) == ("https://a.example/", "https://github.com/b/b")


def _project_with_a_child_config(root: Path) -> Path:
    """A region other than the example whose mkdocs.yml keeps the template's addresses, and a config
    inheriting it (`site.yml`) that sets the region's own."""
    project = make_project(root, city(name="Kota Kediri"), [program()], slug="kediri")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^repo_url: .*$", f"repo_url: https://github.com/{TEMPLATE_REPOSITORY}", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "site.yml").write_text(
        "# The region's own addresses over the shared config\nINHERIT: mkdocs.yml\n"
        "repo_url: https://github.com/diskominfo-kediri/rencana\n",
        encoding="utf-8",
    )
    return project


def test_check_and_build_judge_the_config_they_are_given_with_inherit_merged(tmp_path: Path) -> None:
    project = _project_with_a_child_config(tmp_path / "project")
    line = next(
        number
        for number, text in enumerate((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("repo_url:")
    )
    plain = run_macros(project, "check")
    assert plain.returncode == 1
    assert f"mkdocs.yml:{line}:1: repo_url:" in plain.stdout
    inherited = run_macros(project, "check", "-f", str(project / "site.yml"))
    assert inherited.returncode == 0, inherited.stdout
    assert "repo_url" not in inherited.stdout
    built = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": FIXED_EPOCH})
    assert built.returncode != 0 and "repo_url" in built.stderr
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "site.yml", "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "governance" / "gov-01" / "index.html").read_text(encoding="utf-8")
    assert "github.com/diskominfo-kediri/rencana" in page
