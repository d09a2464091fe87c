"""The few settings of mkdocs.yml that the command line needs, read without MkDocs.

`python -m macros` runs outside a build, so it reads `site_url` and `repo_url`
itself. mkdocs.yml may hold tags such as `!!python/name:…` (Material's emoji
extension): they are read as plain values, never run. `!ENV` is resolved as
MkDocs does: the first variable that is set, else the last item as the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ConfigLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that turns any tag it does not know into the plain value under it."""


def _untagged(loader: yaml.SafeLoader, tag: str, node: yaml.Node) -> Any:
    if tag == "!ENV":
        return _environment(loader, node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    *names, default = items or [None]
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return default


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
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a safe loader (see above)
    if not isinstance(data, dict):
        return SiteConfig()

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value.strip() else None

    return SiteConfig(site_url=text("site_url"), repo_url=text("repo_url"))
