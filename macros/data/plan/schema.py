"""JSON Schema of the data files, generated from the models.

Editors use it for completion and checks while typing (`# yaml-language-server: $schema=…`
at the top of each data file); the Data page offers it for download. The committed copies
in `data/schema/` are written by `python -m macros schema` and checked by `python -m macros check`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from macros.data.language.catalog import Catalog
from macros.data.plan.manifest import Manifest
from macros.data.plan.model import City, Program
from macros.data.plan.problems import Problem

# Draft-07: the draft the YAML extension of VS Code (yaml-language-server) supports fully.
DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_FOLDER = "data/schema"
SCHEMA_COMMAND = "python -m macros schema"

_SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "city.schema.json": (
        City,
        "Rencana: city file",
        "A city's profile and master plan: data/cities/<city>.yml.",
    ),
    "program.schema.json": (
        Program,
        "Rencana: program file",
        "One program of a city's master plan: data/programs/<city>/….yml.",
    ),
    "manifest.schema.json": (
        Manifest,
        "Rencana: region manifest",
        "rencana.json at the root of a region's site: what a portal elsewhere reads (guide/portal.md).",
    ),
}


_SAY = Catalog(
    "plan.schema",
    {
        "missing": ("belum ada; jalankan `{command}` lalu commit", "missing; run `{command}` and commit it"),
        "stale": (
            "tidak sesuai lagi dengan macros/data/plan/model.py; jalankan `{command}` lalu commit",
            "out of date with macros/data/plan/model.py; run `{command}` and commit it",
        ),
    },
)


def json_schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    # pydantic writes 2020-12's `$defs`; draft-07 names the same place `definitions`.
    generated = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = generated.pop("$defs", {})
    generated.pop("title", None)
    schema: dict[str, Any] = {"$schema": DRAFT, "title": title, "description": description, **generated}
    if definitions:
        schema["definitions"] = definitions
    return schema


@functools.cache  # the models do not change while a process runs; a portal asks once per region
def schema_texts() -> Mapping[str, str]:
    """File name → its JSON text: two-space indents, UTF-8 kept, a final newline; same models, same bytes."""
    return MappingProxyType(
        {
            name: json.dumps(json_schema(model, title, description), indent=2, ensure_ascii=False) + "\n"
            for name, (model, title, description) in _SCHEMAS.items()
        }
    )


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def stale_schemas(root: Path) -> list[Problem]:
    """A problem for each committed schema that is missing or differs from the models."""
    problems = []
    for name, text in schema_texts().items():
        path = root / SCHEMA_FOLDER / name
        shown = f"{SCHEMA_FOLDER}/{name}"
        if not path.is_file():
            problems.append(Problem(shown, 1, 1, "(file)", _SAY.say("missing", command=SCHEMA_COMMAND)))
        elif path.read_text(encoding="utf-8") != text:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "(file)",
                    _SAY.say("stale", command=SCHEMA_COMMAND),
                )
            )
    return problems
