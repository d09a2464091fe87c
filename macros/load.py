"""Find a city's data files, read and validate them, and report every mistake at once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from macros.messages import problems_from
from macros.model import City, Program
from macros.problems import Problem
from macros.read import Document, ReadFailed, read_document

DATA_SUFFIXES = (".yml", ".yaml")


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


def program_folders(root: Path) -> list[Path]:
    folder = root / "data" / "programs"
    return sorted(child for child in folder.iterdir() if child.is_dir()) if folder.is_dir() else []


def choose_city(root: Path, configured: str | None) -> tuple[str | None, list[Problem]]:
    """The city to publish: `CITY`, else `extra.city` of mkdocs.yml, else the only one."""
    cities = city_files(root)
    wanted = os.environ.get("CITY") or configured
    where = "CITY" if os.environ.get("CITY") else "mkdocs.yml: extra.city"
    known = ", ".join(cities) or "none"
    if wanted:
        if wanted in cities:
            return wanted, []
        return None, [Problem("data/cities", 1, 1, where,
                              f"no city file data/cities/{wanted}.yml; cities present: {known}")]
    if len(cities) == 1:
        return next(iter(cities)), []
    message = ("no city file; add data/cities/<city>.yml" if not cities else
               f"several cities ({known}); choose one with CITY=<city> or extra.city in mkdocs.yml")
    return None, [Problem("data/cities", 1, 1, "city", message)]


def _validate(model: type[BaseModel], document: Document) -> tuple[BaseModel | None, list[Problem]]:
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        return None, [document.problem((), f"the file holds {kind}; it must hold keys such as `title: …`")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, problems_from(error, document, model)


def _read(file: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    try:
        return read_document(file, shown_path(file, root)), []
    except ReadFailed as failed:
        return None, [failed.problem]


def load_city(root: Path, slug: str) -> tuple[CityData | None, list[Problem]]:
    """Read and validate one city's files; `None` if any file has an error."""
    problems: list[Problem] = []
    city_file = city_files(root).get(slug)
    if city_file is None:
        folder = root / "data" / "programs" / slug
        return None, [Problem(shown_path(folder, root), 1, 1, "(file)",
                              f"programs for `{slug}` but no city file; add data/cities/{slug}.yml")]
    city_document, found = _read(city_file, root)
    problems += found
    city = None
    if city_document is not None:
        city, found = _validate(City, city_document)
        problems += found
    programs: list[ProgramFile] = []
    for file in program_files(root, slug):
        document, found = _read(file, root)
        problems += found
        if document is None:
            continue
        program, found = _validate(Program, document)
        problems += found
        if program is not None:
            programs.append(ProgramFile(program, document))  # type: ignore[arg-type]
    if city is None or city_document is None:
        return None, problems
    return CityData(slug, city, city_document, tuple(programs)), problems  # type: ignore[arg-type]
