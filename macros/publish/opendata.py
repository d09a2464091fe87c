"""The plan as open data: JSON, CSV, an Excel workbook and the JSON Schema, made in the same build as the pages.

The files live beside the Data page (`data/index.html`), in `data/` of the site. Their
content depends on the data and the run's date only (`macros.data.plan.today`: the last
commit's, no build paths), so two builds of the same commit give the same bytes.

Unknown is not zero: a progress or budget nobody recorded is `null` in JSON and an empty
cell in CSV; what is computed from the date (late, overdue, silent) says as of which day.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, Protocol

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.data.plan.schema import schema_texts
from macros.render.html import absolute_url, esc, program_url, relative, table
from macros.render.text import decimal

SITE_FOLDER = "data"
TEMPLATE_NAME = "templat-rencana.xlsx"
LIST_SEPARATOR = "; "


class Pending(Protocol):
    """Bytes being made elsewhere (`macros.site.background`): `result()` waits for them."""

    def result(self) -> bytes: ...


# Starts making bytes elsewhere and returns at once.
MakeAside = Callable[[Callable[[], bytes]], Pending]


@dataclass(frozen=True)
class DataFile:
    path: str  # inside the site, e.g. "data/rencana-mojokerto.json"
    title: str
    kind: str
    description: str
    made: str | bytes | Pending

    @cached_property
    def content(self) -> str | bytes:
        return self.made if isinstance(self.made, str | bytes) else self.made.result()

    @property
    def made_aside(self) -> bool:
        return not isinstance(self.made, str | bytes)

    @property
    def size(self) -> int:
        return len(self.content.encode("utf-8") if isinstance(self.content, str) else self.content)


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Plan, Program, str], object]


def _joined(items: tuple[object, ...]) -> str:
    return LIST_SEPARATOR.join(str(item) for item in items)


def page_address(site_url: str, program: Program) -> str:
    """The program page's full address when the site's address is known, else its path in the site."""
    return absolute_url(site_url, program_url(program)) or program_url(program)


# One row per program. New columns go at the end: scripts read columns by position too.
PROGRAM_COLUMNS: tuple[Column, ...] = (
    Column("id", "Kode program", lambda plan, p, url: p.id),
    Column("title", "Nama program", lambda plan, p, url: p.title),
    Column("dimension", "Kunci dimensi", lambda plan, p, url: p.dimension),
    Column("dimension_label", "Nama dimensi", lambda plan, p, url: plan.dimensions[p.dimension].label),
    Column("element", "Kunci elemen (kosong bila tidak ada)", lambda plan, p, url: p.element or ""),
    Column("element_label", "Nama elemen", lambda plan, p, url: plan.element_label(p) or ""),
    Column("horizon", "quick-win, short, medium atau long", lambda plan, p, url: p.horizon),
    Column("status", "planned, ongoing, completed, delayed atau stopped", lambda plan, p, url: p.status),
    Column(
        "progress",
        "Progres 0–100; kosong bila belum dilaporkan",
        lambda plan, p, url: _blank(p.progress_percent),
    ),
    Column("start", "Tahun mulai", lambda plan, p, url: p.period.start),
    Column("end", "Tahun selesai", lambda plan, p, url: p.period.end),
    Column("lead", "Perangkat daerah penanggung jawab (OPD)", lambda plan, p, url: p.lead),
    Column("partners", "Mitra, dipisah titik koma", lambda plan, p, url: _joined(p.partners)),
    Column(
        "budget_total",
        "Total anggaran (Rp); kosong: tidak tercatat",
        lambda plan, p, url: _blank(p.total_budget),
    ),
    Column("summary", "Ringkasan", lambda plan, p, url: p.summary),
    Column("sdgs", "Nomor SDGs, dipisah titik koma", lambda plan, p, url: _joined(p.sdgs)),
    Column("tags", "Kata kunci, dipisah titik koma", lambda plan, p, url: _joined(p.tags)),
    Column("related", "Kode program terkait, dipisah titik koma", lambda plan, p, url: _joined(p.related)),
    Column(
        "reviewed",
        "Tanggal terakhir ditinjau (YYYY-MM-DD)",
        lambda plan, p, url: p.reviewed.isoformat() if p.reviewed else "",
    ),
    Column("url", "Alamat halaman program", lambda plan, p, url: page_address(url, p)),
    Column(
        "late",
        "true bila tahun terakhirnya lewat per as_of",
        lambda plan, p, url: _flag(plan.standing(p).late),
    ),
    Column(
        "late_milestones",
        "Jumlah tahapan yang melewati jadwal",
        lambda plan, p, url: len(plan.standing(p).overdue),
    ),
    Column(
        "last_report",
        "Tanggal kabar terbaru; kosong bila belum ada",
        lambda plan, p, url: _day(plan.standing(p).last_report),
    ),
    Column(
        "silent",
        "true bila tanpa kabar dalam beberapa bulan",
        lambda plan, p, url: _flag(plan.standing(p).silent),
    ),
    Column("as_of", "Tanggal patokan kolom late dan silent", lambda plan, p, url: plan.today.isoformat()),
)


def _blank(value: int | None) -> object:
    """An unknown figure is an empty cell, never 0."""
    return "" if value is None else value


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


BUDGET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("program_id", "Kode program"),
    ("program_title", "Nama program"),
    ("dimension", "Kunci dimensi"),
    ("lead", "Perangkat daerah penanggung jawab (OPD)"),
    ("year", "Tahun anggaran"),
    ("source", "Sumber dana: APBD, APBD-Provinsi, APBN, KPBU, CSR atau Lainnya"),
    ("amount", "Jumlah dalam rupiah"),
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`) gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: commas, quotes where needed, CRLF line ends
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def program_rows(plan: Plan, site_url: str) -> list[list[object]]:
    return [[column.value(plan, program, site_url) for column in PROGRAM_COLUMNS] for program in plan.programs]


def budget_rows(plan: Plan) -> list[list[object]]:
    return [
        [program.id, program.title, program.dimension, program.lead, line.year, line.source, line.amount]
        for program in plan.programs
        for line in sorted(program.budget, key=lambda line: (line.year, line.source))
    ]


def programs_csv(plan: Plan, site_url: str) -> str:
    return csv_text([column.name for column in PROGRAM_COLUMNS], program_rows(plan, site_url))


def budget_csv(plan: Plan) -> str:
    return csv_text([name for name, _ in BUDGET_COLUMNS], budget_rows(plan))


def plan_document(plan: Plan, site_url: str) -> dict[str, Any]:
    """The whole plan: the city (with its dimensions spelled out) and every program as in its file.

    Each program has the shape of a program file (it validates against program.schema.json),
    with `progress` filled in by the format's defaults (null when not reported); `pages` gives
    each program's page, `standing` what is computed on the day `as_of`.
    """
    city = plan.city.model_dump(mode="json")
    city["type"] = plan.city.region_type  # the format's default filled in, like `progress` below
    city["dimensions"] = {key: dimension.model_dump(mode="json") for key, dimension in plan.dimensions.items()}
    programs = [program.model_dump(mode="json") | {"progress": program.progress_percent} for program in plan.programs]
    return {
        "city_slug": plan.slug,
        "city": city,
        "programs": programs,
        "pages": {program.id: page_address(site_url, program) for program in plan.programs},
        "as_of": plan.today.isoformat(),
        "standing": {program.id: _standing(plan, program) for program in plan.programs},
    }


def _standing(plan: Plan, program: Program) -> dict[str, object]:
    standing = plan.standing(program)
    return {
        "late": standing.late,
        "late_milestones": [milestone.name for milestone in standing.overdue],
        "last_report": _day(standing.last_report) or None,
        "silent": standing.silent,
        "budget_total": program.total_budget,
    }


def plan_json(plan: Plan, site_url: str) -> str:
    return json.dumps(plan_document(plan, site_url), indent=2, ensure_ascii=False) + "\n"


# The build writes the files and the Data page shows their sizes: make them once per plan.
_made: tuple[Plan, str, list[DataFile]] | None = None


def data_files(plan: Plan, site_url: str, make_aside: MakeAside | None = None) -> list[DataFile]:
    """The plan's open data files; `make_aside`, if given, makes the workbook while the build goes on."""
    global _made
    if _made is None or _made[0] is not plan or _made[1] != site_url:
        _made = (plan, site_url, _make_files(plan, site_url, make_aside))
    return _made[2]


def file_paths(slug: str) -> tuple[str, str, str]:
    """Where the plan's JSON, program CSV and budget CSV are in the site (`slug`: the region's, or all)."""
    return (
        f"{SITE_FOLDER}/rencana-{slug}.json",
        f"{SITE_FOLDER}/program-{slug}.csv",
        f"{SITE_FOLDER}/anggaran-{slug}.csv",
    )


def workbook_path(slug: str) -> str:
    """Where a region's plan as an Excel workbook is in its site."""
    return f"{SITE_FOLDER}/rencana-{slug}.xlsx"


# The workbooks import openpyxl (0.1 to 0.2 s) where they are made: both in one child process
# when the build has a second core, so that openpyxl loads once, and the build's own process never.
def _workbooks(plan: Plan) -> bytes:
    """The plan's workbook, then the empty template, each after its length (8 bytes)."""
    from macros.data.workbook.write import plan_workbook, template_workbook

    made = [plan_workbook(plan), template_workbook(plan.dimensions)]
    return b"".join(len(book).to_bytes(8, "big") + book for book in made)


def load_workbook_code() -> None:
    """Load openpyxl in this process now: one that builds again and again (`mkdocs serve`) then
    forks its workbooks' children with it loaded, instead of each child loading it (0.15 s that
    the Data page, which shows their sizes, waited for at 100 programs)."""
    global _keeps_templates
    importlib.import_module("macros.data.workbook.write")
    _keeps_templates = True


# Set in a process that builds again and again (`load_workbook_code`): it makes the empty template
# itself, once per set of dimensions, so that every later child has it (`_keep_template`).
_keeps_templates = False


def _keep_template(plan: Plan) -> None:
    """In a preview, the template made in this process, once: the child forked at each rebuild then finds
    it made (`template_workbook` keeps it), and the Data page waits only for the plan's workbook (the
    template took 0.03 to 0.08 s of the child at 100 programs). It changes only with the dimensions."""
    if _keeps_templates:
        from macros.data.workbook.write import template_workbook

        template_workbook(plan.dimensions)


def _split(data: bytes) -> list[bytes]:
    """The workbooks `_workbooks` made, apart again."""
    books, start = [], 0
    while start < len(data):
        size = int.from_bytes(data[start : start + 8], "big")
        books.append(data[start + 8 : start + 8 + size])
        start += 8 + size
    return books


class _Workbook:
    """One of the workbooks made together aside (0: the plan's, 1: the template)."""

    def __init__(self, both: Pending, number: int) -> None:
        self._both, self._number = both, number

    def result(self) -> bytes:
        return _split(self._both.result())[self._number]


def _make_files(plan: Plan, site_url: str, make_aside: MakeAside | None) -> list[DataFile]:
    # The workbook and the plan's JSON, the two that take time, first: started aside, they are made
    # while the rest is.
    workbook: bytes | Pending
    template: bytes | Pending
    if make_aside:
        both = make_aside(lambda: _workbooks(plan))
        workbook, template = _Workbook(both, 0), _Workbook(both, 1)
        _keep_template(plan)  # after the fork: this child makes it still, the next ones will not
    else:
        workbook, template = _split(_workbooks(plan))
    whole = make_aside(lambda: plan_json(plan, site_url).encode()) if make_aside else plan_json(plan, site_url)
    json_path, program_path, budget_path = file_paths(plan.slug)
    files = [
        DataFile(
            json_path,
            "Seluruh rencana (JSON)",
            "JSON",
            "Profil daerah, dimensi, dan setiap program dengan semua isiannya.",
            whole,
        ),
        DataFile(
            program_path,
            "Daftar program (CSV)",
            "CSV",
            "Satu baris per program, anggaran dijumlahkan per program.",
            programs_csv(plan, site_url),
        ),
        DataFile(
            budget_path,
            "Rincian anggaran (CSV)",
            "CSV",
            "Satu baris per baris anggaran: program, tahun, sumber dana, jumlah.",
            budget_csv(plan),
        ),
        DataFile(
            workbook_path(plan.slug),
            "Seluruh rencana (Excel)",
            "XLSX",
            "Lembar Program, Anggaran, Indikator, Tahapan, Perkembangan dan Sumber, dengan daftar pilihan: "
            "untuk dibaca, dan untuk diisi kembali oleh perangkat daerah.",
            workbook,
        ),
        DataFile(
            f"{SITE_FOLDER}/{TEMPLATE_NAME}",
            "Templat kosong (Excel)",
            "XLSX",
            "Susunan lembar yang sama tanpa program, untuk menyusun rencana dari awal.",
            template,
        ),
    ]
    return files + schema_files()


def schema_files() -> list[DataFile]:
    schemas = schema_texts()
    return [
        DataFile(f"{SITE_FOLDER}/schema/{name}", title, "JSON Schema", description, schemas[name])
        for name, title, description in (
            ("program.schema.json", "Skema berkas program (JSON Schema)", "Aturan isian setiap berkas program."),
            ("city.schema.json", "Skema berkas daerah (JSON Schema)", "Aturan isian berkas profil daerah."),
        )
    ]


def file_size(size: int) -> str:
    """1536 → "1,5 KB"."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{decimal(size / 1024, 1)} KB"
    return f"{decimal(size / 1024 / 1024, 1)} MB"


def downloads(plan: Plan, site_url: str, base: str) -> str:
    """The files as a list of download links with their kind and size."""
    return download_list(data_files(plan, site_url), base)


# Where a file made aside shows its size: filled in (`fill_sizes`) as the page is written, the
# build's last, so that rendering never waits for the workbook's child process.
SIZE_SLOT_START = "<!-- rc-size-"
SIZE_SLOT = SIZE_SLOT_START + "{} -->"


def download_list(files: list[DataFile], base: str) -> str:
    items = [
        f'<li><a href="{esc(relative(base, data_file.path))}" download>{esc(data_file.title)}</a> '
        f'<span class="rc-download__meta">{esc(data_file.kind)}, '
        f"{SIZE_SLOT.format(number) if data_file.made_aside else file_size(data_file.size)}</span>"
        f'<br><span class="rc-download__about">{esc(data_file.description)}</span></li>'
        for number, data_file in enumerate(files)
    ]
    return f'<ul class="rc-downloads">{"".join(items)}</ul>'


def fill_sizes(html: str, files: list[DataFile]) -> str:
    """`html` with the sizes of the files made aside in place of their slots (waiting for them)."""
    if SIZE_SLOT_START not in html:
        return html
    for number, data_file in enumerate(files):
        slot = SIZE_SLOT.format(number)
        if data_file.made_aside and slot in html:
            html = html.replace(slot, file_size(data_file.size))
    return html


def columns_table(kind: str) -> str:
    """The columns of one CSV file (`program` or `anggaran`), in file order."""
    columns = {
        "program": [(column.name, column.description) for column in PROGRAM_COLUMNS],
        "anggaran": list(BUDGET_COLUMNS),
    }[kind]
    rows = [[f"<code>{esc(name)}</code>", esc(description)] for name, description in columns]
    return table(f"Kolom berkas CSV {kind}", ["Kolom", "Isi"], rows)
