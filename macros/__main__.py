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

`python -m macros export <city> FILE.xlsx` writes the plan as a workbook, `template FILE.xlsx`
the empty workbook, and `import <city> FILE.xlsx` (or FILE.csv) writes the program files
from one, refusing the whole file at its first error with `FILE.xlsx:Sheet!C12: field: …`
(guide/spreadsheets.md).

`python -m macros report --event EVENT.json` applies a progress report (a GitHub issue
event) to the data, or says in Indonesian what to fix (see `macros.publish.progress_report`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from macros.data.plan.assemble import check_data, check_region, national_dimensions, reference_date
from macros.data.plan.load import city_files, configured_city_missing, program_folders
from macros.data.plan.model import City
from macros.data.plan.problems import Problem, errors_in, summary, warnings_in
from macros.data.plan.schema import SCHEMA_FOLDER, stale_schemas, write_schemas
from macros.data.plan.today import TodayError
from macros.data.portal.regions import repository_rules
from macros.data.reports.report import EventError, read_event
from macros.data.settings.config import read_site_config
from macros.data.settings.rules import site_problems
from macros.data.workbook.imports import prepare_import, write_changes
from macros.data.workbook.write import plan_workbook, template_workbook
from macros.publish.feedback_form import issue_template_files, stale_files, write_files
from macros.publish.new_city import ScaffoldError, new_city
from macros.publish.progress_report import run_report, write_outcome
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
    site = read_site_config(root)
    cities = city_files(root)
    if site.city and site.city not in cities and not only_city:
        problems.append(configured_city_missing(site.city, ", ".join(cities) or "none", site.position_of("extra.city")))
    today = reference_date(root)
    problems += repository_rules(root)  # file names as addresses (several regions), files no region reads
    for slug in slugs:
        data, _, found = check_region(root, slug, today, strays=False)
        problems += found
        if data is not None:  # also where files have errors: an error must not hide a warning
            problems += site_problems(root, data, site)
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
        plan, found = check_data(root, slug, reference_date(root))
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


def _command_new_city(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    start = arguments.start or reference_date(root).year
    try:
        made = new_city(
            root, arguments.slug, arguments.name, arguments.province, start, replace_example=arguments.replace_example
        )
    except ScaffoldError as error:
        print(f"new-city: {error}", file=sys.stderr)
        return 1
    print(f"wrote {made.city_file.relative_to(root).as_posix()}")
    print(f"wrote {made.program_file.relative_to(root).as_posix()} (an example program: change or delete it)")
    for example in made.removed_examples:
        print(f"removed the example region {example} (data/cities/{example}.yml and data/programs/{example}/)")
    if made.repository:
        print(f"mkdocs.yml: extra.city, site_name, site_url, repo_url and repo_name now name {made.repository.url}")
    else:
        print("mkdocs.yml: extra.city and site_name set; the Git remote `origin` is not on GitHub, so the template's")
        print("  site_url, repo_url, repo_name and edit_uri are commented placeholders: fill them in (README)")
    form_status = _command_feedback_form(argparse.Namespace(root=root, check=False))
    print()
    print("Next steps:")
    print(f"  1. Edit {made.city_file.relative_to(root).as_posix()} and the example program; add one file per program.")
    print("  2. make check    (lists every mistake with its file and line)")
    print("  3. make serve    (preview at http://127.0.0.1:8000)")
    print("  4. Commit, push, and enable GitHub Pages (Settings → Pages → Source: GitHub Actions).")
    return form_status


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


def _command_report(arguments: argparse.Namespace) -> int:
    try:
        event = read_event(arguments.event)
    except EventError as error:
        print(f"{error}", file=sys.stderr)
        return 2
    # A report changes the data, so it is dated as an edit is: by the clock (macros.data.plan.today).
    outcome = run_report(arguments.root, event, arguments.role, reference_date())
    for line in outcome.problems:
        print(line)
    print(f"{outcome.result}: {outcome.summary}")
    if arguments.output:
        write_outcome(outcome, arguments.output)
    elif outcome.comment:
        print("\n" + outcome.comment)
    return outcome.exit_status


def _command_schema(arguments: argparse.Namespace) -> int:
    for path in write_schemas(arguments.root):
        print(f"wrote {path.relative_to(arguments.root).as_posix()}")
    return 0


def _workbook_file(name: str) -> Path | None:
    if Path(name).suffix.lower() != ".xlsx":
        print(f"{name}: the workbook's name must end in .xlsx", file=sys.stderr)
        return None
    return Path(name)


def _data_errors(problems: list[Problem], what: str) -> int:
    for problem in errors_in(problems):
        print(problem)
    print(f"{len(errors_in(problems))} error(s) in the data: fix them first (`make check`); {what} was not written.")
    return 1


def _command_export(arguments: argparse.Namespace) -> int:
    target = _workbook_file(arguments.file)
    if target is None:
        return 1
    plan, problems = check_data(arguments.root, arguments.slug, reference_date(arguments.root))
    if plan is None:
        return _data_errors(problems, "the workbook")
    target.write_bytes(plan_workbook(plan))
    print(f"wrote {arguments.file}: {len(plan.programs)} programs of {plan.city.name}")
    return 0


def _command_template(arguments: argparse.Namespace) -> int:
    target = _workbook_file(arguments.file)
    if target is None:
        return 1
    if arguments.city:
        plan, problems = check_data(arguments.root, arguments.city, reference_date(arguments.root))
        if plan is None:
            return _data_errors(problems, "the template")
        dimensions, whose = plan.dimensions, f"the dimensions of {plan.city.name}"
    else:
        dimensions, whose = national_dimensions(), "the six national dimensions"
    target.write_bytes(template_workbook(dimensions))
    print(f"wrote {arguments.file}: an empty workbook with {whose}")
    return 0


def _command_import(arguments: argparse.Namespace) -> int:
    source = Path(arguments.file)
    result = prepare_import(
        arguments.root, arguments.slug, source, arguments.file, update=arguments.update, today=reference_date()
    )
    for problem in result.problems:
        print(problem)
    errors, warnings = len(errors_in(list(result.problems))), len(warnings_in(list(result.problems)))
    if not result.ok:
        print(
            f"{errors} error(s), {warnings} warning(s): no file was written; fix the errors above, then import again."
        )
        return 1
    write_changes(result)
    for change in result.changes:
        what = "new program" if change.created else "changed: " + ", ".join(change.fields)
        print(f"{change.shown}: {what}")
    print(
        f"{sum(change.created for change in result.changes)} program file(s) written, "
        f"{sum(not change.created for change in result.changes)} changed, {len(result.unchanged)} unchanged"
        + (f"; {warnings} warning(s) above" if warnings else "")
        + "."
    )
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

    new_city_parser = commands.add_parser(
        "new-city", help="start a region of your own: city file, example program, mkdocs.yml keys, issue form"
    )
    new_city_parser.add_argument("slug", help="lower-case name used in addresses and folders, e.g. kediri")
    new_city_parser.add_argument("--name", required=True, help='the region\'s name, e.g. "Kota Kediri"')
    new_city_parser.add_argument("--province", help='e.g. "Jawa Timur"')
    new_city_parser.add_argument("--start", type=int, help="first year of the plan (default: this year)")
    new_city_parser.add_argument(
        "--replace-example",
        action="store_true",
        help="also delete the example regions (Kota Mojokerto, Kabupaten Kendal, Kota Salatiga)",
    )
    new_city_parser.set_defaults(run=_command_new_city)

    export_parser = commands.add_parser("export", help="write a city's plan as an Excel workbook (.xlsx)")
    export_parser.add_argument("slug", help="the city, as in data/cities/<city>.yml")
    export_parser.add_argument("file", help="the workbook to write, e.g. rencana.xlsx")
    export_parser.set_defaults(run=_command_export)

    template_parser = commands.add_parser("template", help="write the empty workbook to fill in (.xlsx)")
    template_parser.add_argument("file", help="the workbook to write, e.g. templat-rencana.xlsx")
    template_parser.add_argument("--city", help="with the dimensions of this city (default: the national six)")
    template_parser.set_defaults(run=_command_template)

    import_parser = commands.add_parser(
        "import", help="write a city's program files from a workbook (.xlsx) or its Program sheet (.csv)"
    )
    import_parser.add_argument("slug", help="the city, as in data/cities/<city>.yml")
    import_parser.add_argument("file", help="the workbook (.xlsx) or CSV file to read")
    import_parser.add_argument(
        "--update",
        action="store_true",
        help="also change programs that have a file: only the fields the workbook holds, keeping comments",
    )
    import_parser.set_defaults(run=_command_import)
    report_parser = commands.add_parser(
        "report",
        help="apply a progress report (a GitHub issue event) to the data; exit 1 when it was not applied",
    )
    report_parser.add_argument("--event", type=Path, required=True, help="the event file ($GITHUB_EVENT_PATH)")
    report_parser.add_argument(
        "--role",
        default="none",
        help="the author's role on the repository (admin, maintain, write, triage, read, none); "
        "triage and above may report without being in `reporters:`",
    )
    report_parser.add_argument(
        "--output", type=Path, help="folder for the files the workflow reads (result, comment.md, title.txt…)"
    )
    report_parser.set_defaults(run=_command_report)
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
    try:
        return int(arguments.run(arguments))
    except TodayError as error:  # every command reckons from the run's date (macros.data.plan.today)
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
