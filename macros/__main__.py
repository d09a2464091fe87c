"""Command line: `python -m macros check` validates the data of every city (or one).

Prints every problem as `path:line:column: field: message`, warnings included, and
exits 1 when there is any error. In GitHub Actions it also prints annotations so
that the errors show on the changed lines of a pull request. `python -m macros schema`
writes the JSON Schema of the data files into `data/schema/` (check fails when stale).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from macros.load import city_files, program_folders
from macros.plan import check_data, reference_date
from macros.problems import Problem, errors_in, warnings_in
from macros.schema import SCHEMA_FOLDER, stale_schemas, write_schemas


def check(root: Path, only_city: str | None) -> list[Problem]:
    slugs = sorted(set(city_files(root)) | {folder.name for folder in program_folders(root)})
    if only_city:
        slugs = [only_city]
    problems: list[Problem] = []
    if not slugs:
        problems.append(Problem("data/cities", 1, 1, "city", "no city file; add data/cities/<city>.yml"))
    for slug in slugs:
        problems += check_data(root, slug, reference_date())[1]
    # A project without data/schema/ has opted out of editor support; one with it keeps it current.
    if (root / SCHEMA_FOLDER).is_dir():
        problems += stale_schemas(root)
    return sorted(problems)


def _command_check(arguments: argparse.Namespace) -> int:
    problems = check(arguments.root, arguments.city)
    annotate = arguments.github or os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if annotate:
            print(problem.as_github_annotation())
    errors, warnings = len(errors_in(problems)), len(warnings_in(problems))
    if errors:
        print(f"{errors} error(s), {warnings} warning(s): fix the errors above; nothing is published until then.")
        return 1
    print(f"Data OK: 0 errors, {warnings} warning(s).")
    return 0


def _command_schema(arguments: argparse.Namespace) -> int:
    for path in write_schemas(arguments.root):
        print(f"wrote {path.relative_to(arguments.root).as_posix()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (holds data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate the data files and list every problem")
    check_parser.add_argument("--city", help="check one city only")
    check_parser.add_argument("--github", action="store_true", help="also print GitHub Actions annotations")
    check_parser.set_defaults(run=_command_check)
    schema_parser = commands.add_parser("schema", help=f"write the JSON Schema of the data files into {SCHEMA_FOLDER}/")
    schema_parser.set_defaults(run=_command_schema)
    arguments = parser.parse_args(argv)
    return int(arguments.run(arguments))


if __name__ == "__main__":
    sys.exit(main())
