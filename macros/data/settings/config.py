"""The few settings of mkdocs.yml that the command line needs, read without MkDocs.

`python -m macros` runs outside a build, so it reads `site_url` and `repo_url`
itself. mkdocs.yml may hold tags such as `!!python/name:…` (Material's emoji
extension): they are read as plain values, never run. `!ENV` is resolved as
MkDocs does: the first variable that is set, else the last item as the default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
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


CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class SiteConfig:
    """What the checks need of mkdocs.yml, and where each key is written (for messages)."""

    site_url: str | None = None
    repo_url: str | None = None
    city: str | None = None
    path: str = CONFIG_FILE
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    def position_of(self, key: str) -> tuple[int, int]:
        """1-based (line, column) of a key (`site_url`, `extra.city`); (1, 1) when it is not written."""
        return self.positions.get(key, (1, 1))


def _key_positions(text: str) -> dict[str, tuple[int, int]]:
    """Line of every top-level key and of the keys under `extra:` (composed only, nothing constructed)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    positions: dict[str, tuple[int, int]] = {}
    if not isinstance(root, yaml.MappingNode):
        return positions
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        positions[str(key.value)] = (key.start_mark.line + 1, key.start_mark.column + 1)
        if key.value == "extra" and isinstance(value, yaml.MappingNode):
            for inner, _ in value.value:
                if isinstance(inner, yaml.ScalarNode):
                    positions[f"extra.{inner.value}"] = (inner.start_mark.line + 1, inner.start_mark.column + 1)
    return positions


def read_site_config(root: Path) -> SiteConfig:
    """`site_url`, `repo_url` and `extra.city` of `root/mkdocs.yml`; empty when the file or a key is missing."""
    file = root / CONFIG_FILE
    if not file.is_file():
        return SiteConfig()
    text = file.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_ConfigLoader)  # a safe loader (see above)
    if not isinstance(data, dict):
        return SiteConfig()

    def text_of(mapping: dict[str, Any], key: str) -> str | None:
        value = mapping.get(key)
        return value if isinstance(value, str) and value.strip() else None

    extra = data.get("extra")
    return SiteConfig(
        site_url=text_of(data, "site_url"),
        repo_url=text_of(data, "repo_url"),
        city=text_of(extra, "city") if isinstance(extra, dict) else None,
        positions=_key_positions(text),
    )
