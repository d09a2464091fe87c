"""The few settings of mkdocs.yml that the command line needs, read without MkDocs.

`python -m macros` runs outside a build, so it reads `site_url` and `repo_url`
itself. mkdocs.yml may hold tags such as `!!python/name:…` (Material's emoji
extension) or `!ENV`: they are read as plain values, never run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ConfigLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that turns any tag it does not know into the plain value under it."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("", _untagged)


@dataclass(frozen=True)
class SiteConfig:
    site_url: str | None = None
    repo_url: str | None = None


def read_site_config(root: Path) -> SiteConfig:
    """`site_url` and `repo_url` of `root/mkdocs.yml`; empty when the file or a key is missing."""
    file = root / "mkdocs.yml"
    if not file.is_file():
        return SiteConfig()
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    if not isinstance(data, dict):
        return SiteConfig()

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value.strip() else None

    return SiteConfig(site_url=text("site_url"), repo_url=text("repo_url"))
