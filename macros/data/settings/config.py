"""The few settings of the MkDocs config that the checks need, read without MkDocs.

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
# MkDocs' key for a parent config: the child's keys are merged over it (mappings deeply).
_INHERIT = "INHERIT"
_MAX_INHERITANCE = 10  # a loop of INHERIT files stops here instead of running forever

# Where a key is written: (file shown in messages, 1-based line, 1-based column).
Position = tuple[str, int, int]


@dataclass(frozen=True)
class SiteConfig:
    """What the checks need of the MkDocs config, and where each key is written (for messages).

    `path` is the config file MkDocs was given; with `INHERIT`, a key may be written in a parent,
    and `position_of` names that file.
    """

    site_url: str | None = None
    repo_url: str | None = None
    city: str | None = None
    path: str = CONFIG_FILE
    positions: Mapping[str, Position] = field(default_factory=dict, compare=False)

    def position_of(self, key: str) -> tuple[int, int]:
        """1-based (line, column) of a key (`site_url`, `extra.city`); (1, 1) when it is not written."""
        _, line, column = self.where(key)
        return line, column

    def where(self, key: str) -> Position:
        """(file, line, column) where a key is written; the config file's first line when it is not."""
        return self.positions.get(key, (self.path, 1, 1))


def _key_positions(text: str, shown: str) -> dict[str, Position]:
    """Line of every top-level key and of the keys under `extra:` (composed only, nothing constructed)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    positions: dict[str, Position] = {}
    if not isinstance(root, yaml.MappingNode):
        return positions
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        positions[str(key.value)] = (shown, key.start_mark.line + 1, key.start_mark.column + 1)
        if key.value == "extra" and isinstance(value, yaml.MappingNode):
            for inner, _ in value.value:
                if isinstance(inner, yaml.ScalarNode):
                    positions[f"extra.{inner.value}"] = (shown, inner.start_mark.line + 1, inner.start_mark.column + 1)
    return positions


def _merged(parent: dict[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """`child` over `parent` as MkDocs merges an INHERIT config: mappings key by key, the rest replaced."""
    merged = dict(parent)
    for key, value in child.items():
        earlier = merged.get(key)
        merged[key] = _merged(earlier, value) if isinstance(earlier, dict) and isinstance(value, dict) else value
    return merged


def _shown(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _read_chain(file: Path, root: Path) -> tuple[dict[str, Any], dict[str, Position]]:
    """The config's data with its INHERIT parents merged under it, and where each key is written."""
    chain: list[tuple[Path, str, Any]] = []  # each file, its text and its data, read once
    current: Path | None = file
    while current is not None and current.is_file() and len(chain) < _MAX_INHERITANCE:
        if current.resolve() in (seen.resolve() for seen, _, _ in chain):
            break
        text = current.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_ConfigLoader)  # a safe loader (above)
        chain.append((current, text, data))
        parent = data.get(_INHERIT) if isinstance(data, dict) else None
        current = current.parent / parent if isinstance(parent, str) and parent.strip() else None
    merged: dict[str, Any] = {}
    positions: dict[str, Position] = {}
    for config, text, data in reversed(chain):  # the furthest parent first, the given file last
        if isinstance(data, dict):
            merged = _merged(merged, {key: value for key, value in data.items() if key != _INHERIT})
            positions.update(_key_positions(text, _shown(config, root)))
    return merged, positions


def read_site_config(root: Path, config_file: Path | None = None) -> SiteConfig:
    """`site_url`, `repo_url` and `extra.city` of the config MkDocs is given (default `root/mkdocs.yml`).

    With `INHERIT`, its parents are merged under it as MkDocs merges them, so that the checks judge
    the settings the build uses; empty when the file or a key is missing.
    """
    file = config_file if config_file is not None else root / CONFIG_FILE
    if not file.is_file():
        return SiteConfig(path=_shown(file, root))
    data, positions = _read_chain(file, root)

    def text_of(mapping: dict[str, Any], key: str) -> str | None:
        value = mapping.get(key)
        return value if isinstance(value, str) and value.strip() else None

    extra = data.get("extra")
    return SiteConfig(
        site_url=text_of(data, "site_url"),
        repo_url=text_of(data, "repo_url"),
        city=text_of(extra, "city") if isinstance(extra, dict) else None,
        path=_shown(file, root),
        positions=positions,
    )
