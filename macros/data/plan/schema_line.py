"""The first line that ties a data file to its JSON Schema, and the check's warning when it is missing.

`# yaml-language-server: $schema=../../schema/program.schema.json` lets an editor (VS Code's YAML
extension, GitHub's web editor with it) check the file while it is typed. The data is just as
valid without it, so a missing or wrong line is a warning of `make check`, never an error, and
only in a project that keeps `data/schema/` (one without it has opted out of editor support).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from macros.data.language.catalog import Catalog
from macros.data.plan.load import CityData
from macros.data.plan.problems import Problem, Severity

PREFIX = "# yaml-language-server: $schema="

MESSAGES = Catalog(
    "schema_line",
    {
        "missing": (
            "baris skema tidak ada di baris pertama; tulis `{line}` sebagai baris pertama agar editor memeriksa "
            "berkas saat diketik",
            "no schema line first; write `{line}` as the first line so that editors check the file while you type",
        ),
        "elsewhere": (
            "baris skema menunjuk ke `{found}`; tulis `{line}`",
            "the schema line points at `{found}`; write `{line}`",
        ),
    },
)


def schema_line(shown_path: str, schema: str) -> str:
    """The schema line for a data file at `shown_path` (`data/programs/kota/gov-01.yml`), relative to it."""
    parts = PurePosixPath(shown_path).parts
    depth = len(parts) - parts.index("data") - 2 if "data" in parts else 0
    return f"{PREFIX}{'../' * depth}schema/{schema}"


def schema_line_warnings(data: CityData) -> list[Problem]:
    """A warning for each file of the region whose first line is not its schema line."""
    documents = [(data.city_document, "city.schema.json")]
    documents += [(entry.document, "program.schema.json") for entry in data.programs]
    problems = []
    for document, schema in documents:
        expected = schema_line(document.path, schema)
        first = document.text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
        if first == expected:
            continue
        if first.startswith(PREFIX):
            message = MESSAGES.say("elsewhere", found=first[len(PREFIX) :], line=expected)
        else:
            message = MESSAGES.say("missing", line=expected)
        problems.append(Problem(document.path, 1, 1, "(file)", message, Severity.WARNING))
    return problems
