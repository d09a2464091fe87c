"""The Pemantauan figures: how many programs are on schedule, late, done, stopped, silent or
unknown, for the whole plan, per dimension and per agency.

Each figure is the length of a list of programs (`programs_in`), so that a page showing a
count can link to exactly the programs it counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from macros.data.plan.assemble import Plan
from macros.data.plan.model import Program
from macros.data.plan.standing import RUNNING, months_before


@dataclass(frozen=True)
class Category:
    key: str  # also the anchor of its list
    label: str  # Indonesian, as citizens read it
    description: str


CATEGORIES: tuple[Category, ...] = (
    Category("sesuai-jadwal", "Sesuai jadwal", "direncanakan atau berjalan, dalam tahunnya, tanpa tahapan terlewat"),
    Category(
        "melewati-jadwal",
        "Melewati jadwal",
        "berstatus terlambat, tahun terakhirnya sudah lewat, atau ada tahapan yang melewati jadwal",
    ),
    Category("selesai", "Selesai", "berstatus selesai"),
    Category("dihentikan", "Dihentikan", "berstatus dihentikan"),
    Category("tanpa-laporan", "Tanpa laporan baru", "tidak ada kabar perkembangan bertanggal dalam beberapa bulan"),
    Category("progres-belum-dilaporkan", "Progres belum dilaporkan", "progresnya tidak tercatat"),
    Category("anggaran-tidak-tercatat", "Anggaran tidak tercatat", "tidak ada baris anggaran"),
)
# The first four split every program into exactly one of them.
PARTITION = ("sesuai-jadwal", "melewati-jadwal", "selesai", "dihentikan")


def _is_late(plan: Plan, program: Program) -> bool:
    standing = plan.standing(program)
    return program.status == "delayed" or standing.late or (program.status in RUNNING and bool(standing.overdue))


_TESTS: dict[str, Callable[[Plan, Program], bool]] = {
    "sesuai-jadwal": lambda plan, p: p.status in RUNNING and not _is_late(plan, p),
    "melewati-jadwal": _is_late,
    "selesai": lambda plan, p: p.status == "completed",
    "dihentikan": lambda plan, p: p.status == "stopped",
    "tanpa-laporan": lambda plan, p: plan.standing(p).silent,
    "progres-belum-dilaporkan": lambda plan, p: p.progress_percent is None,
    "anggaran-tidak-tercatat": lambda plan, p: not p.budget,
}


def programs_in(plan: Plan, category: str, among: Iterable[Program] | None = None) -> tuple[Program, ...]:
    """The programs of `category` (a `Category.key`), in the plan's order; `among` narrows them."""
    test = _TESTS[category]
    return tuple(program for program in (plan.programs if among is None else among) if test(plan, program))


@dataclass(frozen=True)
class AgencyReports:
    """How an agency reports: its newest dated update, and how many programs reported lately."""

    last_report: date | None
    reported_lately: int
    programs: int


def agency_reports(plan: Plan, programs: tuple[Program, ...]) -> AgencyReports:
    since = months_before(plan.today, plan.city.report_months)
    lasts = [plan.standing(program).last_report for program in programs]
    known = [day for day in lasts if day is not None]
    return AgencyReports(
        last_report=max(known, default=None),
        reported_lately=sum(1 for day in known if day >= since),
        programs=len(programs),
    )
