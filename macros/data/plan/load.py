"""Find a city's data files, read and validate them, and report every mistake at once."""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from macros.data.language.catalog import Catalog
from macros.data.plan.messages import problems_from
from macros.data.plan.model import City, Program
from macros.data.plan.problems import Problem, Severity
from macros.data.plan.read import Document, ReadFailed, read_document

DATA_SUFFIXES = (".yml", ".yaml")
# Folders of the built site that are not pages in docs/: theme assets and the search index.
SITE_FOLDERS = frozenset({"assets", "pagefind", "search"})

_SAY = Catalog(
    "plan.load",
    {
        "program_outside_city": (
            "berkas program harus berada di folder daerahnya, data/programs/<city>/; pindahkan ke sana",
            "a program file must sit in the folder of its city, data/programs/<city>/; move it there",
        ),
        "suffix_case": (
            "tidak dibaca: nama berkas data berakhiran .yml atau .yaml, dengan huruf kecil; ganti namanya",
            "not read: a data file's name ends in .yml or .yaml, in lower case; rename it",
        ),
        "none": ("tidak ada", "none"),
        "none_yet": ("belum ada", "none yet"),
        "no_city_file_env": (
            "tidak ada berkas daerah data/cities/{wanted}.yml; daerah yang ada: {known}",
            "no city file data/cities/{wanted}.yml; cities present: {known}",
        ),
        "no_city_file": (
            "belum ada berkas daerah; tambahkan data/cities/<city>.yml",
            "no city file; add data/cities/<city>.yml",
        ),
        "several_cities": (
            "ada beberapa daerah ({known}); pilih satu dengan CITY=<city> atau extra.city di mkdocs.yml",
            "several cities ({known}); choose one with CITY=<city> or extra.city in mkdocs.yml",
        ),
        "remove_key": (
            "hapus kunci ini untuk menerbitkan satu-satunya daerah yang ada",
            "remove the key to publish the only city",
        ),
        "write_one": ("tulis salah satunya", "write one of them"),
        "configured_city_missing": (
            "tidak ada berkas daerah data/cities/{wanted}.yml untuk `{wanted}`; daerah yang ada: {known}; {fix}",
            "no city file data/cities/{wanted}.yml for `{wanted}`; cities present: {known}; {fix}",
        ),
        "a_list": ("sebuah daftar", "a list"),
        "a_single_value": ("satu nilai saja", "a single value"),
        "not_a_mapping": (
            "berkas ini memuat {kind}; berkas harus memuat kunci seperti `title: …`",
            "the file holds {kind}; it must hold keys such as `title: …`",
        ),
        "programs_without_city": (
            "ada program untuk daerah `{slug}`, tetapi tidak ada berkas daerah data/cities/{slug}.yml; "
            "tambahkan (lihat README), atau pindahkan program ke daerah yang sudah punya berkas: {known}",
            "programs for the city `{slug}`, but there is no city file data/cities/{slug}.yml; "
            "add it (see the README), or move the programs to a city that has one: {known}",
        ),
    },
)


@dataclass(frozen=True)
class ProgramFile:
    program: Program
    document: Document


@dataclass(frozen=True)
class CityData:
    """A city's validated files, before cross-file rules and assembly."""

    slug: str
    city: City
    city_document: Document
    programs: tuple[ProgramFile, ...]
    # Ids written in program files that have errors (lower-cased id → file): a reference to
    # one of them is not a missing program, its file needs fixing first.
    ids_in_files_with_errors: Mapping[str, str] = field(default_factory=dict)


def shown_path(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def city_files(root: Path) -> dict[str, Path]:
    """City slug → its file in `data/cities/`."""
    folder = root / "data" / "cities"
    if not folder.is_dir():
        return {}
    return {file.stem: file for file in sorted(folder.iterdir()) if file.suffix in DATA_SUFFIXES and file.is_file()}


def program_files(root: Path, slug: str) -> list[Path]:
    folder = root / "data" / "programs" / slug
    if not folder.is_dir():
        return []
    return sorted(file for file in folder.rglob("*") if file.suffix in DATA_SUFFIXES and file.is_file())


def taken_page_names(root: Path) -> frozenset[str]:
    """Top-level addresses of the site that a dimension key (its page `/<key>/`) must not reuse."""
    docs = root / "docs"
    names = {
        entry.stem if entry.suffix == ".md" else entry.name
        for entry in (docs.iterdir() if docs.is_dir() else ())
        if entry.suffix == ".md" or entry.is_dir()
    }
    return frozenset(names - {"index"}) | SITE_FOLDERS


def stray_files(root: Path) -> list[Problem]:
    """Data files that no city reads: a program outside a city folder, or a name whose ending is mistyped."""
    programs = root / "data" / "programs"
    problems = [
        Problem(
            shown_path(file, root),
            1,
            1,
            "(file)",
            _SAY.say("program_outside_city"),
        )
        for file in (sorted(programs.iterdir()) if programs.is_dir() else ())
        if file.is_file() and file.suffix in DATA_SUFFIXES
    ]
    for folder in (root / "data" / "cities", programs):
        for file in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if file.is_file() and file.suffix.lower() in DATA_SUFFIXES and file.suffix not in DATA_SUFFIXES:
                problems.append(
                    Problem(
                        shown_path(file, root),
                        1,
                        1,
                        "(file)",
                        _SAY.say("suffix_case"),
                        Severity.WARNING,
                    )
                )
    return problems


def program_folders(root: Path) -> list[Path]:
    folder = root / "data" / "programs"
    return sorted(child for child in folder.iterdir() if child.is_dir()) if folder.is_dir() else []


def choose_city(
    root: Path, configured: str | None, configured_at: tuple[str, int, int] = ("mkdocs.yml", 1, 1)
) -> tuple[str | None, list[Problem]]:
    """The city to publish: `CITY`, else `extra.city` of mkdocs.yml (written at `configured_at`), else the only one."""
    cities = city_files(root)
    from_environment = os.environ.get("CITY")
    wanted = from_environment or configured
    known = ", ".join(cities) or _SAY.say("none")
    if wanted:
        if wanted in cities:
            return wanted, []
        if from_environment:
            message = _SAY.say("no_city_file_env", wanted=wanted, known=known)
            return None, [Problem("data/cities", 1, 1, "CITY", message)]
        return None, [configured_city_missing(wanted, known, configured_at)]
    if len(cities) == 1:
        return next(iter(cities)), []
    message = _SAY.say("no_city_file") if not cities else _SAY.say("several_cities", known=known)
    return None, [Problem("data/cities", 1, 1, "city", message)]


def configured_city_missing(wanted: str, known: str, position: tuple[str, int, int]) -> Problem:
    if known in ("", "none"):  # no city at all: `check` names none, in the run's language
        known = _SAY.say("none")
    only_one = "," not in known and known != _SAY.say("none")
    fix = _SAY.say("remove_key") if only_one else _SAY.say("write_one")
    return Problem(
        *position,
        "extra.city",
        _SAY.say("configured_city_missing", wanted=wanted, known=known, fix=fix),
    )


def _validate(model: type[BaseModel], document: Document) -> tuple[BaseModel | None, list[Problem]]:
    if not isinstance(document.data, dict):
        kind = _SAY.say("a_list") if isinstance(document.data, list) else _SAY.say("a_single_value")
        return None, [document.problem((), _SAY.say("not_a_mapping", kind=kind))]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, problems_from(error, document, model)


def _read(file: Path, root: Path, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    try:
        return read_document(file, shown_path(file, root), raw), []
    except ReadFailed as failed:
        return None, [failed.problem]


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Reading makes many objects that last and no garbage cycles, yet Python's cycle collector
    would scan the growing heap again and again: a sixth of a build at 10,000 programs."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_ID_LINE = re.compile(r"""^id:[ \t]*["']?([A-Za-z0-9-]+)["']?[ \t]*(?:#.*)?$""", re.MULTILINE)


def _id_written_in(file: Path) -> str | None:
    """The `id:` of a file YAML could not read, if a line says it plainly (for messages only)."""
    try:
        match = _ID_LINE.search(file.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return match.group(1) if match else None


# Program files this process read and validated without a problem, by path, with their bytes:
# `make serve` loads the data again after every save, and reading is most of loading, so only
# the files whose bytes changed are read again. Models are frozen and documents never changed.
_valid_programs: dict[Path, tuple[bytes, str, Document, Program]] = {}

# The plain data of program files an earlier run read without a problem, by the SHA-256 of their
# bytes (`remember_reads`; macros.site.data_cache keeps them between runs, so that a build of the
# Publish workflow reads only the files that changed). Such a file is validated again, not read.
_read_earlier: dict[bytes, Any] = {}
# This run's program files read without a problem, the same way: what the next run may take.
_read_now: dict[bytes, Any] = {}


def remember_reads(reads: Mapping[bytes, Any]) -> None:
    """Take the reads of an earlier run (`reads_of_this_run` then), for the loading that follows."""
    _read_earlier.clear()
    _read_earlier.update(reads)
    _read_now.clear()


def reads_of_this_run() -> dict[bytes, Any]:
    """The program files read without a problem since `remember_reads`, by the SHA-256 of their bytes."""
    return dict(_read_now)


def _read_program(file: Path, root: Path) -> tuple[Document | None, Program | None, list[Problem]]:
    """A program file read and validated: its document (None if unreadable), its program and its problems."""
    shown = shown_path(file, root)
    try:
        raw = file.read_bytes()
    except OSError:
        raw = None  # reading reports it
    digest = hashlib.sha256(raw).digest() if raw is not None else b""
    kept = _valid_programs.get(file)
    if raw is not None and kept is not None and kept[0] == raw and kept[1] == shown:
        _read_now[digest] = kept[2].data
        return kept[2], kept[3], []
    if raw is not None and digest in _read_earlier:
        # The same bytes read without a problem before: the same data, and the text for positions.
        document: Document | None = Document(shown, _read_earlier[digest], raw.decode("utf-8"))
        problems: list[Problem] = []
    else:
        document, problems = _read(file, root, raw)
    if document is None:
        return None, None, problems
    program, found = _validate(Program, document)
    # Only a file without problems is kept: problems are worded in the language of their run.
    if raw is not None and isinstance(program, Program) and not problems and not found:
        _valid_programs[file] = (raw, shown, document, program)
        _read_now[digest] = document.data
    return document, program if isinstance(program, Program) else None, problems + found


def load_city(root: Path, slug: str) -> tuple[CityData | None, list[Problem]]:
    """Read and validate one city's files; `None` if any file has an error."""
    problems: list[Problem] = []
    city_file = city_files(root).get(slug)
    if city_file is None:
        folder = root / "data" / "programs" / slug
        known = ", ".join(city_files(root)) or _SAY.say("none_yet")
        if not folder.is_dir():  # `check --city <slug>` with a slug that has no data at all
            return None, [Problem("data/cities", 1, 1, "city", _SAY.say("no_city_file_env", wanted=slug, known=known))]
        return None, [
            Problem(
                shown_path(folder, root),
                1,
                1,
                "(folder)",
                _SAY.say("programs_without_city", slug=slug, known=known),
            )
        ]
    city_document, found = _read(city_file, root)
    problems += found
    city = None
    if city_document is not None:
        city, found = _validate(City, city_document)
        problems += found
    programs: list[ProgramFile] = []
    ids_with_errors: dict[str, str] = {}
    with _cycle_collector_paused():
        for file in program_files(root, slug):
            document, program, found = _read_program(file, root)
            problems += found
            if document is None:
                written_id = _id_written_in(file)
                if written_id:
                    ids_with_errors.setdefault(written_id.lower(), shown_path(file, root))
                continue
            if program is not None:
                programs.append(ProgramFile(program, document))
            elif isinstance(document.data, dict) and isinstance(document.data.get("id"), str):
                ids_with_errors.setdefault(document.data["id"].strip().lower(), document.path)
    if city is None or city_document is None:
        return None, problems
    data = CityData(slug, city, city_document, tuple(programs), ids_with_errors)  # type: ignore[arg-type]
    return data, problems
