"""`python -m macros import-uploads`: the *Impor Excel* workflow's work.

A maintainer without Python uploads a workbook through GitHub's web pages into `impor/`
(*Add file → Upload files*). Every file there (but `README.md`) is imported into its region
as `import --update` does: new programs get a file, programs that have one change in the
fields the workbook holds. The region is the only one in `data/cities/`, else the one the
file is named after (`impor/<slug>.xlsx`, `impor/rencana-<slug>.xlsx` as the site's Data page
names it, or any file in `impor/<slug>/`).

All or nothing: when any workbook has a mistake, no file is written and none removed; the
comment (Indonesian Markdown, for the pull request) names each `Sheet!Cell` with its fix.
When every workbook imports, the program files are written and the workbooks removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from macros.data.language.catalog import Catalog
from macros.data.plan.load import city_files, shown_path
from macros.data.plan.problems import Problem, errors_in
from macros.publish.markdown_text import markdown_text

if TYPE_CHECKING:
    from macros.data.workbook.imports import ImportResult

UPLOADS_FOLDER = "impor"
KEPT = frozenset({"README.md"})  # the folder's own explanation, not an upload

MESSAGES = Catalog(
    "uploads",
    {
        "which_region": (
            "tidak jelas daerah mana yang diisi buku kerja ini (daerah: {regions}); beri nama berkas dengan "
            "kode daerahnya, mis. {example}, atau letakkan di folder {folder}/<kode daerah>/",
            "which region this workbook fills is unclear (regions: {regions}); name the file after its region, "
            "e.g. {example}, or put it in the folder {folder}/<region>/",
        ),
        "nothing": (
            "{folder}/: tidak ada buku kerja untuk diimpor",
            "{folder}/: no workbook to import",
        ),
        "no_region": (
            "belum ada daerah di data/cities/; jalankan dulu workflow Mulai daerah (tab Actions)",
            "no region in data/cities/ yet; run the Mulai daerah workflow (the Actions tab) first",
        ),
        "failed": (
            "Buku kerja di `{folder}/` belum dapat diimpor, jadi belum ada berkas program yang ditulis "
            "atau dihapus. Perbaiki setiap isian berikut di Excel, lalu unggah lagi buku kerjanya ke "
            "folder `{folder}/` (*Add file → Upload files*) dengan nama yang sama:\n",
            "The workbooks in `{folder}/` could not be imported, so no program file was written or "
            "removed. Correct each of the following in Excel, then upload the workbook again into the "
            "folder `{folder}/` (*Add file → Upload files*) under the same name:\n",
        ),
        "done": (
            "Buku kerja di `{folder}/` sudah diimpor dan dihapus dari folder itu; berkas program yang ditulis:\n",
            "The workbooks in `{folder}/` were imported and removed from that folder; program files written:\n",
        ),
        "new": ("program baru", "new program"),
        "changed": ("diubah: {fields}", "changed: {fields}"),
        "example": ("contoh program dari Mulai daerah, dihapus", "the example program of Mulai daerah, removed"),
        "instead": (
            " (menggantikan contoh program dari Mulai daerah)",
            " (in place of the example program of Mulai daerah)",
        ),
        "nothing_new": (
            "- (tidak ada yang berubah: data sudah sama dengan buku kerja)",
            "- (nothing changed: the data already says what the workbook says)",
        ),
        "after": (
            "\nPeriksa perubahannya di tab *Files changed*, lalu gabungkan (*merge*) bila sudah benar.\n",
            "\nReview the changes in the *Files changed* tab, then merge when they are right.\n",
        ),
    },
)


@dataclass(frozen=True)
class Uploaded:
    """What importing the uploads did, or would have done."""

    workbooks: tuple[str, ...]  # as shown: impor/rencana.xlsx
    problems: tuple[Problem, ...]  # every problem of every workbook, warnings included
    results: tuple[ImportResult, ...]  # empty when any workbook has an error: nothing was written
    comment: str

    @property
    def ok(self) -> bool:
        return not errors_in(list(self.problems))


def uploads(root: Path) -> list[Path]:
    """Every uploaded file under `impor/`, in a stable order."""
    folder = root / UPLOADS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.rglob("*") if path.is_file() and path.name not in KEPT and not path.name.startswith(".")
    )


def region_of(root: Path, upload: Path, regions: list[str]) -> str | Problem:
    """The region a workbook fills, or the problem that says how to name it."""
    shown = shown_path(upload, root)
    if not regions:
        return Problem(shown, 1, 1, "file", MESSAGES.say("no_region"))
    relative = upload.relative_to(root / UPLOADS_FOLDER).parts
    if len(relative) > 1 and relative[0] in regions:
        return relative[0]
    if len(regions) == 1:
        return regions[0]
    stem = upload.stem.lower().removeprefix("rencana-")
    named = [slug for slug in regions if stem == slug or stem.startswith(f"{slug}-")]
    if len(named) == 1:
        return named[0]
    example = f"{UPLOADS_FOLDER}/{regions[0]}{upload.suffix.lower()}"
    return Problem(
        shown,
        1,
        1,
        "file",
        MESSAGES.say("which_region", regions=", ".join(regions), example=example, folder=UPLOADS_FOLDER),
    )


def import_uploads(root: Path, today: date) -> Uploaded:
    """Import every upload (all or nothing); on success write the program files and remove the uploads."""
    # Here, not at the top: openpyxl (0.1 to 0.2 s) would load with every command of `python -m macros`.
    from macros.data.workbook.imports import prepare_import, write_changes

    files = uploads(root)
    regions = sorted(city_files(root))
    shown = tuple(shown_path(path, root) for path in files)
    problems: list[Problem] = []
    results: list[ImportResult] = []
    backup: dict[Path, bytes | None] = {}  # the files as they were, to put back when a later workbook fails
    for path, name in zip(files, shown, strict=True):
        region = region_of(root, path, regions)
        if isinstance(region, Problem):
            problems.append(region)
            continue
        # Each workbook is checked against the data as the ones before it left it, so two
        # workbooks of one region cannot both create the same program.
        result = prepare_import(root, region, path, name, update=True, today=today)
        problems += result.problems
        if result.ok and not errors_in(problems):
            for target in [change.path for change in result.changes] + list(result.removed):
                backup.setdefault(target, target.read_bytes() if target.exists() else None)
            write_changes(result)
            results.append(result)
    if errors_in(problems):
        _put_back(backup)
        return Uploaded(shown, tuple(problems), (), _failed_comment(problems, root))
    for path in files:
        path.unlink()
    return Uploaded(shown, tuple(problems), tuple(results), _done_comment(results, root))


def _put_back(backup: dict[Path, bytes | None]) -> None:
    for path, content in backup.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)


def _failed_comment(problems: list[Problem], root: Path) -> str:
    lines = [MESSAGES.say("failed", folder=UPLOADS_FOLDER)]
    workbook = None
    for problem in errors_in(problems):
        if problem.path != workbook:
            workbook = problem.path
            lines.append(f"**{markdown_text(workbook)}**\n")
        place = problem.cell or f"{problem.line}:{problem.column}"
        lines.append(f"- **{markdown_text(place)}** {markdown_text(problem.field)}: {markdown_text(problem.message)}")
    return "\n".join(lines) + "\n"


def _done_comment(results: list[ImportResult], root: Path) -> str:
    lines = [MESSAGES.say("done", folder=UPLOADS_FOLDER)]
    for result in results:
        written = {change.path for change in result.changes}
        for removed in result.removed:
            if removed not in written:
                lines.append(f"- `{shown_path(removed, root)}`: {MESSAGES.say('example')}")
        for change in result.changes:
            what = MESSAGES.say("new") if change.created else MESSAGES.say("changed", fields=", ".join(change.fields))
            if change.path in result.removed:
                what += MESSAGES.say("instead")
            lines.append(f"- `{change.shown}`: {what}")
    if len(lines) == 1:
        lines.append(MESSAGES.say("nothing_new"))
    return "\n".join(lines) + "\n" + MESSAGES.say("after")
