"""Command line: `python -m macros check` validates the data of every city (or one);
`python -m macros build` builds the site (see `macros.site.build`).

`check` prints every problem as `path:line:column: field: message`, warnings included, and
exits 1 when there is any error. In GitHub Actions it also prints annotations so
that the errors show on the changed lines of a pull request.

`python -m macros feedback-form` writes the feedback issue form and the issue
chooser's links from the data; with `--check` it only says whether they are out of date.
`python -m macros serve` previews the site live (the portal and every region when there are several).
`python -m macros schema` writes the JSON Schema of the data files into `data/schema/`
(check fails when stale).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from macros.data.load import city_files, program_folders
from macros.data.model import City
from macros.data.plan import check_data, reference_date
from macros.data.portal import repository_rules
from macros.data.problems import Problem, errors_in, summary
from macros.data.schema import SCHEMA_FOLDER, stale_schemas, write_schemas
from macros.data.site_config import read_site_config
from macros.data.site_rules import feedback_warnings
from macros.publish.feedback_form import issue_template_files, stale_files, write_files
from macros.site.build import ENGINES, build_site
from macros.site.portal_build import REGIONS_PER_JOB, region_groups
from macros.site.preview import serve


def check(root: Path, only_city: str | None) -> list[Problem]:
    slugs = sorted(set(city_files(root)) | {folder.name for folder in program_folders(root)})
    if only_city:
        slugs = [only_city]
    problems: list[Problem] = []
    if not slugs:
        problems.append(Problem("data/cities", 1, 1, "city", "no city file; add data/cities/<city>.yml"))
    repo_url = read_site_config(root).repo_url
    problems += repository_rules(root)  # file names as addresses (several regions), files no region reads
    for slug in slugs:
        plan, found = check_data(root, slug, reference_date(), strays=False)
        problems += found
        if plan is not None:
            problems += feedback_warnings(root, plan, repo_url)
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
    print(summary(problems))
    return 1 if errors_in(problems) else 0


def _valid_cities(root: Path) -> tuple[dict[str, City], list[Problem]]:
    """Every city of the repository (slug → city), or the errors that keep the form from being written."""
    cities: dict[str, City] = {}
    problems: list[Problem] = []
    for slug in city_files(root):
        plan, found = check_data(root, slug, reference_date())
        problems += errors_in(found)
        if plan is not None:
            cities[slug] = plan.city
    if not city_files(root):
        problems.append(Problem("data/cities", 1, 1, "city", "no city file; add data/cities/<city>.yml"))
    return cities, sorted(set(problems))


def _command_feedback_form(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    cities, errors = _valid_cities(root)
    if errors:
        for problem in errors:
            print(problem)
        print(f"{len(errors)} error(s) in the data: fix them first (`make check`); the issue form was not written.")
        return 1
    files = issue_template_files(cities, read_site_config(root).site_url)
    stale = stale_files(root, files)
    if arguments.check:
        for file in stale:
            print(
                f"{file.path.as_posix()}: out of date with the data and mkdocs.yml; "
                "run `python -m macros feedback-form` (or `make feedback-form`) and commit the result."
            )
        if not stale:
            print("Issue form up to date.")
        return 1 if stale else 0
    write_files(root, stale)
    for file in files:
        print(f"{file.path.as_posix()}: {'written' if file in stale else 'already up to date'}")
    return 0


def _command_build(arguments: argparse.Namespace) -> int:
    root = arguments.root.resolve()
    regions = arguments.regions.split() if arguments.regions is not None else None
    prebuilt = root / arguments.prebuilt if arguments.prebuilt else None
    return build_site(
        root,
        root / arguments.site_dir,
        arguments.config_file,
        arguments.engine,
        arguments.jobs,
        regions=regions,
        prebuilt=prebuilt,
    )


def _command_groups(arguments: argparse.Namespace) -> int:
    """`groups=[…]` for $GITHUB_OUTPUT: the regions shared out over the jobs of a matrix ([] with one region)."""
    groups = region_groups(arguments.root.resolve(), arguments.per_job)
    print("groups=" + json.dumps([" ".join(group) for group in groups]))
    return 0


def _command_serve(arguments: argparse.Namespace) -> int:
    root = arguments.root.resolve()
    return serve(root, (arguments.config_file or root / "mkdocs.yml").resolve(), arguments.dev_addr, arguments.engine)


def _command_schema(arguments: argparse.Namespace) -> int:
    for path in write_schemas(arguments.root):
        print(f"wrote {path.relative_to(arguments.root).as_posix()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (holds data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate the data files and list every problem")
    # --root is accepted before or after `check`.
    check_parser.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="project folder (holds data/)")
    check_parser.add_argument("--city", help="check one city only")
    check_parser.add_argument("--github", action="store_true", help="also print GitHub Actions annotations")
    check_parser.set_defaults(run=_command_check)
    form_parser = commands.add_parser(
        "feedback-form", help="write the feedback issue form and the issue chooser's links from the data"
    )
    form_parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when the committed files are out of date"
    )
    form_parser.set_defaults(run=_command_feedback_form)

    build_parser = commands.add_parser(
        "build",
        help="build the site with `mkdocs build --strict`; the previous site stays when it fails",
    )
    build_parser.add_argument(
        "--site-dir", type=Path, default=Path("site"), help="where the site goes, relative to --root (default: site)"
    )
    build_parser.add_argument("--config-file", type=Path, help="MkDocs config (default: mkdocs.yml in --root)")
    build_parser.add_argument(
        "--engine", choices=ENGINES, default="mkdocs", help="what builds the site (installed in this Python)"
    )
    build_parser.add_argument(
        "--jobs", type=int, help="with several regions: how many to build at once (default: one per core)"
    )
    parts = build_parser.add_mutually_exclusive_group()
    parts.add_argument("--regions", help="several regions: build only these (space-separated), without the portal")
    parts.add_argument(
        "--prebuilt", type=Path, help="several regions: every region is built in this folder; add the portal"
    )
    build_parser.set_defaults(run=_command_build)

    groups_parser = commands.add_parser(
        "groups", help="share the regions out over the jobs of a GitHub Actions matrix (JSON, for $GITHUB_OUTPUT)"
    )
    groups_parser.add_argument("--per-job", type=int, default=REGIONS_PER_JOB, help="regions per job (default 10)")
    groups_parser.set_defaults(run=_command_groups)

    serve_parser = commands.add_parser(
        "serve", help="live preview: one region as `mkdocs serve` shows it, or the portal and every region"
    )
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port to serve on")
    serve_parser.add_argument("--config-file", type=Path, help="MkDocs config (default: mkdocs.yml in --root)")
    serve_parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="what builds the site")
    serve_parser.set_defaults(run=_command_serve)

    schema_parser = commands.add_parser("schema", help=f"write the JSON Schema of the data files into {SCHEMA_FOLDER}/")
    schema_parser.set_defaults(run=_command_schema)
    arguments = parser.parse_args(argv)
    return int(arguments.run(arguments))


if __name__ == "__main__":
    sys.exit(main())
