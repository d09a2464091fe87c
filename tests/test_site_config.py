"""Reading mkdocs.yml without MkDocs, for the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.settings.config import SiteConfig, read_site_config


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
