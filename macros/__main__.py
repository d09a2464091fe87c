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

From the browser (guide/publishing.md): `new-city --event EVENT.json` is the *Mulai daerah*
workflow's work (`macros.publish.start_region`), `import-uploads` the *Impor Excel* workflow's
(`macros.publish.uploads`), and `start-note` the job summary while only the examples exist.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from macros.data.language.catalog import Catalog
from macros.data.plan.assemble import check_data, check_region, national_dimensions, reference_date
from macros.data.plan.load import city_files, configured_city_missing, program_folders, shown_path
from macros.data.plan.model import City
from macros.data.plan.problems import Problem, errors_in, summary, warnings_in
from macros.data.plan.schema import SCHEMA_FOLDER, stale_schemas, write_schemas
from macros.data.plan.today import TodayError
from macros.data.portal.regions import repository_rules
from macros.data.portal.remote import read_sources
from macros.data.reports.report import EventError, read_event
from macros.data.settings.config import read_site_config
from macros.data.settings.rules import site_problems
from macros.publish.check_summary import check_summary
from macros.publish.feedback_form import issue_template_files, stale_files, write_files
from macros.publish.new_city import MESSAGES as NEW_CITY_MESSAGES
from macros.publish.new_city import ScaffoldError, new_city
from macros.publish.progress_report import run_report, write_outcome
from macros.publish.safe_write import refusal, write_unless_filled
from macros.publish.start_region import StartError, failed, read_start_event, start_note, start_region
from macros.publish.uploads import MESSAGES as UPLOAD_MESSAGES
from macros.publish.uploads import UPLOADS_FOLDER, import_uploads
from macros.site.build import ENGINES, build_site
from macros.site.portal_build import REGIONS_PER_JOB, region_groups
from macros.site.preview import serve

# What the command line says to a maintainer; the data's own messages come from their modules' catalogs.
_SAY = Catalog(
    "command_line",
    {
        "no_city_file": (
            "belum ada berkas daerah; tambahkan data/cities/<city>.yml",
            "no city file; add data/cities/<city>.yml",
        ),
        "data_errors": (
            "{count} galat dalam data: perbaiki lebih dulu (`make check`); {what} tidak ditulis.",
            "{count} error(s) in the data: fix them first (`make check`); {what} was not written.",
        ),
        "the_issue_form": ("formulir isu", "the issue form"),
        "the_workbook": ("buku kerja", "the workbook"),
        "the_template": ("templat", "the template"),
        "form_out_of_date": (
            "{path}: tidak sesuai lagi dengan data dan mkdocs.yml; "
            "jalankan `python -m macros feedback-form` (atau `make feedback-form`) lalu commit hasilnya.",
            "{path}: out of date with the data and mkdocs.yml; "
            "run `python -m macros feedback-form` (or `make feedback-form`) and commit the result.",
        ),
        "form_up_to_date": ("Formulir isu sudah mutakhir.", "Issue form up to date."),
        "written": ("{path}: ditulis", "{path}: written"),
        "already_up_to_date": ("{path}: sudah mutakhir", "{path}: already up to date"),
        "wrote": ("menulis {path}", "wrote {path}"),
        "wrote_example": (
            "menulis {path} (contoh program: ubah atau hapus)",
            "wrote {path} (an example program: change or delete it)",
        ),
        "removed_example": (
            "menghapus daerah contoh {example} (data/cities/{example}.yml dan data/programs/{example}/)",
            "removed the example region {example} (data/cities/{example}.yml and data/programs/{example}/)",
        ),
        "named_repository": (
            "mkdocs.yml: extra.city, site_name, site_url, repo_url, dan repo_name kini menyebut {url}",
            "mkdocs.yml: extra.city, site_name, site_url, repo_url and repo_name now name {url}",
        ),
        "no_github_remote": (
            "mkdocs.yml: extra.city dan site_name sudah diisi; remote Git `origin` tidak berada di GitHub, sehingga\n"
            "  site_url, repo_url, repo_name, dan edit_uri templat menjadi contoh bertanda komentar: "
            "isi sendiri (README)",
            "mkdocs.yml: extra.city and site_name set; the Git remote `origin` is not on GitHub, so the template's\n"
            "  site_url, repo_url, repo_name and edit_uri are commented placeholders: fill them in (README)",
        ),
        "next_steps": (
            "Langkah berikutnya:\n"
            "  1. Sunting {path} dan contoh programnya; tambahkan satu berkas per program.\n"
            "  2. make check    (menampilkan setiap kesalahan beserta berkas dan barisnya)\n"
            "  3. make serve    (pratinjau di http://127.0.0.1:8000)\n"
            "  4. Aktifkan GitHub Pages (Settings → Pages → Source: GitHub Actions), lalu commit dan push.",
            "Next steps:\n"
            "  1. Edit {path} and the example program; add one file per program.\n"
            "  2. make check    (lists every mistake with its file and line)\n"
            "  3. make serve    (preview at http://127.0.0.1:8000)\n"
            "  4. Enable GitHub Pages (Settings → Pages → Source: GitHub Actions), then commit and push.",
        ),
        "not_xlsx": (
            "{name}: nama buku kerja harus berakhiran .xlsx",
            "{name}: the workbook's name must end in .xlsx",
        ),
        "exported": (
            "menulis {file}: {count} program {name}",
            "wrote {file}: {count} programs of {name}",
        ),
        "dimensions_of": ("dimensi {name}", "the dimensions of {name}"),
        "national_dimensions": ("enam dimensi nasional", "the six national dimensions"),
        "template_written": (
            "menulis {file}: buku kerja kosong dengan {whose}",
            "wrote {file}: an empty workbook with {whose}",
        ),
        "import_refused": (
            "{errors} galat, {warnings} peringatan: tidak ada berkas yang ditulis; perbaiki galat di atas, "
            "lalu impor lagi.",
            "{errors} error(s), {warnings} warning(s): no file was written; fix the errors above, then import again.",
        ),
        "new_program": ("program baru", "new program"),
        "changed": ("diubah: {fields}", "changed: {fields}"),
        "imported": (
            "{written} berkas program ditulis, {changed} diubah, {unchanged} tidak berubah{warnings}.",
            "{written} program file(s) written, {changed} changed, {unchanged} unchanged{warnings}.",
        ),
        "warnings_above": ("; {count} peringatan di atas", "; {count} warning(s) above"),
    },
)

# The `--help` of each command and option.
_HELP = Catalog(
    "command_line.help",
    {
        "root": ("folder proyek (berisi data/)", "project folder (holds data/)"),
        "check": ("periksa berkas data dan tampilkan setiap masalah", "validate the data files and list every problem"),
        "check_city": ("periksa satu daerah saja", "check one city only"),
        "check_github": ("tampilkan juga anotasi GitHub Actions", "also print GitHub Actions annotations"),
        "check_config_file": (
            "konfigurasi MkDocs yang dipakai membangun situs (bawaan: mkdocs.yml)",
            "the MkDocs config the site is built with (default: mkdocs.yml)",
        ),
        "start_event": (
            "event workflow Mulai daerah ($GITHUB_EVENT_PATH): isiannya dan alamat repositori ini",
            "the Mulai daerah workflow's event ($GITHUB_EVENT_PATH): the inputs and this repository's addresses",
        ),
        "start_output": (
            "dengan --event: folder untuk berkas yang dibaca workflow (result, body.md…)",
            "with --event: folder for the files the workflow reads (result, body.md…)",
        ),
        "import_uploads": (
            "impor setiap buku kerja di {folder}/ (semua atau tidak sama sekali) lalu hapus; "
            "keluar 1 bila ada kesalahan",
            "import every workbook under {folder}/ (all or nothing) and remove it; exit 1 on any mistake",
        ),
        "import_uploads_comment": (
            "tulis komentar Markdown (kesalahannya, atau apa yang ditulis) ke berkas ini",
            "write the Markdown comment (the mistakes, or what was written) into this file",
        ),
        "force": (
            "timpa berkas itu walaupun sudah berisi data",
            "overwrite the file even if it holds data",
        ),
        "start_note": (
            "Markdown untuk ringkasan job workflow: selama hanya ada daerah contoh, cara memulai daerah sendiri",
            "Markdown for a workflow's job summary: while only the example regions exist, how to start one's own",
        ),
        "start_note_repository": (
            "owner/nama repositori ($GITHUB_REPOSITORY)",
            "owner/name of the repository ($GITHUB_REPOSITORY)",
        ),
        "feedback_form": (
            "tulis formulir isu masukan dan tautan pemilih isu dari data",
            "write the feedback issue form and the issue chooser's links from the data",
        ),
        "feedback_form_check": (
            "jangan tulis apa pun; keluar dengan 1 bila berkas yang di-commit sudah tidak sesuai",
            "write nothing; exit 1 when the committed files are out of date",
        ),
        "build": (
            "bangun situs dengan `mkdocs build --strict`; situs sebelumnya tetap bila gagal",
            "build the site with `mkdocs build --strict`; the previous site stays when it fails",
        ),
        "site_dir": (
            "tempat situs, relatif terhadap --root (bawaan: site)",
            "where the site goes, relative to --root (default: site)",
        ),
        "config_file": (
            "konfigurasi MkDocs (bawaan: mkdocs.yml di --root)",
            "MkDocs config (default: mkdocs.yml in --root)",
        ),
        "engine": ("yang membangun situs (terpasang di Python ini)", "what builds the site (installed in this Python)"),
        "jobs": (
            "dengan beberapa daerah: berapa yang dibangun sekaligus (bawaan: satu per inti prosesor)",
            "with several regions: how many to build at once (default: one per core)",
        ),
        "regions": (
            "beberapa daerah: bangun hanya daerah ini (dipisah spasi), tanpa portal",
            "several regions: build only these (space-separated), without the portal",
        ),
        "prebuilt": (
            "beberapa daerah: setiap daerah sudah dibangun di folder ini; tambahkan portalnya",
            "several regions: every region is built in this folder; add the portal",
        ),
        "new_city": (
            "mulai daerah sendiri: berkas daerah, contoh program, kunci mkdocs.yml, formulir isu",
            "start a region of your own: city file, example program, mkdocs.yml keys, issue form",
        ),
        "slug": (
            "nama berhuruf kecil untuk alamat dan folder, mis. kediri",
            "lower-case name used in addresses and folders, e.g. kediri",
        ),
        "name": ('nama daerah, mis. "Kabupaten Kediri"', 'the region\'s name, e.g. "Kota Kediri"'),
        "province": ('mis. "Jawa Timur"', 'e.g. "Jawa Timur"'),
        "start": ("tahun pertama rencana (bawaan: tahun ini)", "first year of the plan (default: this year)"),
        "replace_example": (
            "hapus juga daerah contoh (Kota Mojokerto, Kabupaten Kendal, Kota Salatiga)",
            "also delete the example regions (Kota Mojokerto, Kabupaten Kendal, Kota Salatiga)",
        ),
        "export": (
            "tulis rencana sebuah daerah sebagai buku kerja Excel (.xlsx)",
            "write a city's plan as an Excel workbook (.xlsx)",
        ),
        "city_slug": ("daerahnya, seperti di data/cities/<city>.yml", "the city, as in data/cities/<city>.yml"),
        "export_file": ("buku kerja yang ditulis, mis. rencana.xlsx", "the workbook to write, e.g. rencana.xlsx"),
        "template": ("tulis buku kerja kosong untuk diisi (.xlsx)", "write the empty workbook to fill in (.xlsx)"),
        "template_file": (
            "buku kerja yang ditulis, mis. templat-rencana.xlsx",
            "the workbook to write, e.g. templat-rencana.xlsx",
        ),
        "template_city": (
            "dengan dimensi daerah ini (bawaan: enam dimensi nasional)",
            "with the dimensions of this city (default: the national six)",
        ),
        "import": (
            "tulis berkas program sebuah daerah dari buku kerja (.xlsx) atau lembar Program-nya (.csv)",
            "write a city's program files from a workbook (.xlsx) or its Program sheet (.csv)",
        ),
        "import_file": ("buku kerja (.xlsx) atau berkas CSV yang dibaca", "the workbook (.xlsx) or CSV file to read"),
        "update": (
            "ubah juga program yang sudah punya berkas: hanya isian yang ada di buku kerja, komentar tetap",
            "also change programs that have a file: only the fields the workbook holds, keeping comments",
        ),
        "report": (
            "terapkan laporan kemajuan (peristiwa isu GitHub) ke data; keluar dengan 1 bila tidak diterapkan",
            "apply a progress report (a GitHub issue event) to the data; exit 1 when it was not applied",
        ),
        "event": ("berkas peristiwa ($GITHUB_EVENT_PATH)", "the event file ($GITHUB_EVENT_PATH)"),
        "role": (
            "peran penulis di repositori (admin, maintain, write, triage, read, none); "
            "triage ke atas boleh melapor tanpa tercantum di `reporters:`",
            "the author's role on the repository (admin, maintain, write, triage, read, none); "
            "triage and above may report without being in `reporters:`",
        ),
        "output": (
            "folder untuk berkas yang dibaca alur kerja (result, comment.md, title.txt…)",
            "folder for the files the workflow reads (result, comment.md, title.txt…)",
        ),
        "groups": (
            "bagi daerah ke job matriks GitHub Actions (JSON, untuk $GITHUB_OUTPUT)",
            "share the regions out over the jobs of a GitHub Actions matrix (JSON, for $GITHUB_OUTPUT)",
        ),
        "per_job": ("daerah per job (bawaan 10)", "regions per job (default 10)"),
        "serve": (
            "pratinjau langsung: satu daerah seperti `mkdocs serve`, atau portal dan setiap daerah",
            "live preview: one region as `mkdocs serve` shows it, or the portal and every region",
        ),
        "dev_addr": ("host:port untuk pratinjau", "host:port to serve on"),
        "serve_engine": ("yang membangun situs", "what builds the site"),
        "schema": (
            "tulis JSON Schema berkas data ke {folder}/",
            "write the JSON Schema of the data files into {folder}/",
        ),
    },
)


def check(root: Path, only_city: str | None, config_file: Path | None = None) -> list[Problem]:
    slugs = sorted(set(city_files(root)) | {folder.name for folder in program_folders(root)})
    if only_city:
        slugs = [only_city]
    problems: list[Problem] = []
    remote_only = not slugs and bool(read_sources(root)[0])  # a portal over regions' own sites (guide/portal.md)
    if not slugs and not remote_only:
        problems.append(Problem("data/cities", 1, 1, "city", _SAY.say("no_city_file")))
    site = read_site_config(root, config_file)
    cities = city_files(root)
    if site.city and site.city not in cities and not only_city and not remote_only:
        problems.append(configured_city_missing(site.city, ", ".join(cities), site.where("extra.city")))
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
    problems = check(arguments.root, arguments.city, arguments.config_file)
    annotate = arguments.github or os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if annotate:
            print(problem.as_github_annotation())
    print(summary(problems))
    if annotate and os.environ.get("GITHUB_STEP_SUMMARY"):  # the run's page shows it, in the run's language
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as job_summary:
            job_summary.write(check_summary(problems))
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
        problems.append(Problem("data/cities", 1, 1, "city", _SAY.say("no_city_file")))
    return cities, sorted(set(problems))


def _write_issue_forms(root: Path) -> int:
    """The issue forms rewritten after a command changed the regions (new-city), from mkdocs.yml."""
    return _command_feedback_form(argparse.Namespace(root=root, check=False, config_file=None))


def _command_feedback_form(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    cities, errors = _valid_cities(root)
    if errors:
        for problem in errors:
            print(problem)
        print(_SAY.say("data_errors", count=len(errors), what=_SAY.say("the_issue_form")))
        return 1
    files = issue_template_files(cities, read_site_config(root, arguments.config_file).site_url)
    stale = stale_files(root, files)
    if arguments.check:
        for file in stale:
            print(_SAY.say("form_out_of_date", path=file.path.as_posix()))
        if not stale:
            print(_SAY.say("form_up_to_date"))
        return 1 if stale else 0
    write_files(root, stale)
    for file in files:
        print(_SAY.say("written" if file in stale else "already_up_to_date", path=file.path.as_posix()))
    return 0


def _command_new_city(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    start = arguments.start or reference_date(root).year
    if arguments.event:
        return _start_from_event(root, arguments.event, arguments.output, start)
    if not arguments.slug or not arguments.name:
        print(NEW_CITY_MESSAGES.say("needs_slug"), file=sys.stderr)
        return 2
    try:
        made = new_city(
            root, arguments.slug, arguments.name, arguments.province, start, replace_example=arguments.replace_example
        )
    except ScaffoldError as error:
        print(f"new-city: {error}", file=sys.stderr)
        return 1
    print(_SAY.say("wrote", path=made.city_file.relative_to(root).as_posix()))
    print(_SAY.say("wrote_example", path=made.program_file.relative_to(root).as_posix()))
    for example in made.removed_examples:
        print(_SAY.say("removed_example", example=example))
    if made.repository:
        print(_SAY.say("named_repository", url=made.repository.url))
    else:
        print(_SAY.say("no_github_remote"))
    form_status = _write_issue_forms(root)
    print()
    print(_SAY.say("next_steps", path=made.city_file.relative_to(root).as_posix()))
    return form_status


def _start_from_event(root: Path, event: Path, output: Path | None, start: int) -> int:
    """*Mulai daerah*: the region from a workflow_dispatch event; the outcome's files into `output`."""
    try:
        outcome, made = start_region(root, read_start_event(event), start)
    except StartError as error:
        outcome, made = failed(str(error)), None
    print(f"{outcome.result}: {outcome.summary}")
    status = outcome.exit_status
    if made is not None:
        status = _write_issue_forms(root)
    if output:
        write_outcome(outcome, output)
    else:
        print("\n" + (outcome.comment or outcome.body))
    return status


def _command_start_note(arguments: argparse.Namespace) -> int:
    print(start_note(arguments.root, arguments.repository), end="")
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
        print(_SAY.say("wrote", path=path.relative_to(arguments.root).as_posix()))
    return 0


def _workbook_file(name: str) -> Path | None:
    if Path(name).suffix.lower() != ".xlsx":
        print(_SAY.say("not_xlsx", name=name), file=sys.stderr)
        return None
    return Path(name)


def _data_errors(problems: list[Problem], what: str) -> int:
    for problem in errors_in(problems):
        print(problem)
    print(_SAY.say("data_errors", count=len(errors_in(problems)), what=what))
    return 1


# The workbook commands import openpyxl (0.1 to 0.2 s) only when they run: `make site` and
# `make check` never need it (a build makes its workbooks in a child process).


def _command_export(arguments: argparse.Namespace) -> int:
    from macros.data.workbook.write import plan_workbook

    target = _workbook_file(arguments.file)
    if target is None:
        return 1
    plan, problems = check_data(arguments.root, arguments.slug, reference_date(arguments.root))
    if plan is None:
        return _data_errors(problems, _SAY.say("the_workbook"))
    if write_unless_filled(target, plan_workbook(plan), force=arguments.force) == "kept":
        print(refusal(arguments.file), file=sys.stderr)
        return 1
    print(_SAY.say("exported", file=arguments.file, count=len(plan.programs), name=plan.city.name))
    return 0


def _command_template(arguments: argparse.Namespace) -> int:
    from macros.data.workbook.write import template_workbook

    target = _workbook_file(arguments.file)
    if target is None:
        return 1
    if arguments.city:
        plan, problems = check_data(arguments.root, arguments.city, reference_date(arguments.root))
        if plan is None:
            return _data_errors(problems, _SAY.say("the_template"))
        dimensions, whose = plan.dimensions, _SAY.say("dimensions_of", name=plan.city.name)
    else:
        dimensions, whose = national_dimensions(), _SAY.say("national_dimensions")
    if write_unless_filled(target, template_workbook(dimensions), force=arguments.force) == "kept":
        print(refusal(arguments.file), file=sys.stderr)
        return 1
    print(_SAY.say("template_written", file=arguments.file, whose=whose))
    return 0


def _command_import(arguments: argparse.Namespace) -> int:
    from macros.data.workbook.imports import MESSAGES as IMPORT_MESSAGES
    from macros.data.workbook.imports import prepare_import, write_changes

    source = Path(arguments.file)
    result = prepare_import(
        arguments.root, arguments.slug, source, arguments.file, update=arguments.update, today=reference_date()
    )
    for problem in result.problems:
        print(problem)
    errors, warnings = len(errors_in(list(result.problems))), len(warnings_in(list(result.problems)))
    if not result.ok:
        print(_SAY.say("import_refused", errors=errors, warnings=warnings))
        return 1
    write_changes(result)
    for path in result.removed:
        print(IMPORT_MESSAGES.say("example_removed", file=shown_path(path, arguments.root)))
    for change in result.changes:
        what = _SAY.say("new_program") if change.created else _SAY.say("changed", fields=", ".join(change.fields))
        print(f"{change.shown}: {what}")
    print(
        _SAY.say(
            "imported",
            written=sum(change.created for change in result.changes),
            changed=sum(not change.created for change in result.changes),
            unchanged=len(result.unchanged),
            warnings=_SAY.say("warnings_above", count=warnings) if warnings else "",
        )
    )
    return 0


def _command_import_uploads(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    done = import_uploads(root, reference_date())
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in done.problems:
        print(problem)
        if annotate:
            print(problem.as_github_annotation())
    if not done.workbooks:
        print(UPLOAD_MESSAGES.say("nothing", folder=UPLOADS_FOLDER))
        return 0
    print("\n" + done.comment, end="")
    if arguments.comment:
        arguments.comment.write_text(done.comment, encoding="utf-8", newline="\n")
    return 0 if done.ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=_HELP.say("root"))
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help=_HELP.say("check"))
    # --root is accepted before or after `check`.
    check_parser.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=_HELP.say("root"))
    check_parser.add_argument("--city", help=_HELP.say("check_city"))
    check_parser.add_argument("--github", action="store_true", help=_HELP.say("check_github"))
    check_parser.add_argument("-f", "--config-file", type=Path, help=_HELP.say("check_config_file"))
    check_parser.set_defaults(run=_command_check)
    form_parser = commands.add_parser("feedback-form", help=_HELP.say("feedback_form"))
    form_parser.add_argument("--check", action="store_true", help=_HELP.say("feedback_form_check"))
    form_parser.add_argument("-f", "--config-file", type=Path, help=_HELP.say("check_config_file"))
    form_parser.set_defaults(run=_command_feedback_form)

    build_parser = commands.add_parser(
        "build",
        help=_HELP.say("build"),
    )
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"), help=_HELP.say("site_dir"))
    build_parser.add_argument("--config-file", type=Path, help=_HELP.say("config_file"))
    build_parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help=_HELP.say("engine"))
    build_parser.add_argument("--jobs", type=int, help=_HELP.say("jobs"))
    parts = build_parser.add_mutually_exclusive_group()
    parts.add_argument("--regions", help=_HELP.say("regions"))
    parts.add_argument("--prebuilt", type=Path, help=_HELP.say("prebuilt"))
    build_parser.set_defaults(run=_command_build)

    new_city_parser = commands.add_parser("new-city", help=_HELP.say("new_city"))
    new_city_parser.add_argument("slug", nargs="?", help=_HELP.say("slug"))
    new_city_parser.add_argument("--name", help=_HELP.say("name"))
    new_city_parser.add_argument("--province", help=_HELP.say("province"))
    new_city_parser.add_argument("--start", type=int, help=_HELP.say("start"))
    new_city_parser.add_argument(
        "--replace-example",
        action="store_true",
        help=_HELP.say("replace_example"),
    )
    new_city_parser.add_argument(
        "--event",
        type=Path,
        help=_HELP.say("start_event"),
    )
    new_city_parser.add_argument("--output", type=Path, help=_HELP.say("start_output"))
    new_city_parser.set_defaults(run=_command_new_city)

    note_parser = commands.add_parser("start-note", help=_HELP.say("start_note"))
    note_parser.add_argument("--repository", default="", help=_HELP.say("start_note_repository"))
    note_parser.set_defaults(run=_command_start_note)

    export_parser = commands.add_parser("export", help=_HELP.say("export"))
    export_parser.add_argument("slug", help=_HELP.say("city_slug"))
    export_parser.add_argument("file", help=_HELP.say("export_file"))
    export_parser.add_argument("--force", action="store_true", help=_HELP.say("force"))
    export_parser.set_defaults(run=_command_export)

    template_parser = commands.add_parser("template", help=_HELP.say("template"))
    template_parser.add_argument("file", help=_HELP.say("template_file"))
    template_parser.add_argument("--city", help=_HELP.say("template_city"))
    template_parser.add_argument("--force", action="store_true", help=_HELP.say("force"))
    template_parser.set_defaults(run=_command_template)

    import_parser = commands.add_parser("import", help=_HELP.say("import"))
    import_parser.add_argument("slug", help=_HELP.say("city_slug"))
    import_parser.add_argument("file", help=_HELP.say("import_file"))
    import_parser.add_argument(
        "--update",
        action="store_true",
        help=_HELP.say("update"),
    )
    import_parser.set_defaults(run=_command_import)
    uploads_parser = commands.add_parser(
        "import-uploads",
        help=_HELP.say("import_uploads", folder=UPLOADS_FOLDER),
    )
    uploads_parser.add_argument("--comment", type=Path, help=_HELP.say("import_uploads_comment"))
    uploads_parser.set_defaults(run=_command_import_uploads)
    report_parser = commands.add_parser(
        "report",
        help=_HELP.say("report"),
    )
    report_parser.add_argument("--event", type=Path, required=True, help=_HELP.say("event"))
    report_parser.add_argument(
        "--role",
        default="none",
        help=_HELP.say("role"),
    )
    report_parser.add_argument("--output", type=Path, help=_HELP.say("output"))
    report_parser.set_defaults(run=_command_report)
    groups_parser = commands.add_parser("groups", help=_HELP.say("groups"))
    groups_parser.add_argument("--per-job", type=int, default=REGIONS_PER_JOB, help=_HELP.say("per_job"))
    groups_parser.set_defaults(run=_command_groups)

    serve_parser = commands.add_parser("serve", help=_HELP.say("serve"))
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000", help=_HELP.say("dev_addr"))
    serve_parser.add_argument("--config-file", type=Path, help=_HELP.say("config_file"))
    serve_parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help=_HELP.say("serve_engine"))
    serve_parser.set_defaults(run=_command_serve)

    schema_parser = commands.add_parser("schema", help=_HELP.say("schema", folder=SCHEMA_FOLDER))
    schema_parser.set_defaults(run=_command_schema)
    arguments = parser.parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except TodayError as error:  # every command reckons from the run's date (macros.data.plan.today)
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
