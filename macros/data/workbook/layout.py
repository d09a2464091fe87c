"""The plan as a workbook: its sheets and columns, shared by the writer and the reader.

One sheet holds a row per program (*Program*); each list of records of a program has a
sheet of its own with a row per record, tied to its program by the code in column *Kode*
(*Anggaran*, *Indikator*, *Tahapan*, *Perkembangan*, *Sumber*). *Petunjuk* explains every
column. Headers are Indonesian, as are the values (status *Berjalan*, not `ongoing`);
the reader also accepts each field's key as a header and each value's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a column's cells are written and read (macros.data.workbook.values)."""

    TEXT = "text"
    LINES = "lines"  # a list of texts, one per line of the cell
    ITEMS = "items"  # a list of short texts, separated by `;` (or one per line)
    IDS = "ids"  # program codes, separated by `;`
    WHOLES = "wholes"  # whole numbers, separated by `;`
    YEAR = "year"
    PERCENT = "percent"
    AMOUNT = "amount"  # rupiah
    NUMBER = "number"
    DAY = "day"
    MONTH = "month"  # a month or a day
    STATUS = "status"
    HORIZON = "horizon"
    SOURCE = "source"
    DIMENSION = "dimension"
    ELEMENT = "element"
    NOTE = "note"  # shown for reading, never imported


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # the field in the program (`period.start`) or in the record (`amount`); "" for a note
    kind: Kind
    width: int
    about: str  # what the cell holds, for the Petunjuk sheet (Indonesian)
    example: str = ""  # what to write, quoted in messages
    required: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def field(self) -> str:
        """The program field the column fills: `period` for `period.start`."""
        return self.key.split(".")[0]


@dataclass(frozen=True)
class Sheet:
    name: str
    field: str  # the list field one row is a record of (`budget`); "" for the Program sheet
    about: str
    columns: tuple[Column, ...]

    @property
    def data_columns(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.kind is not Kind.NOTE)


CODE = Column(
    "Kode",
    "id",
    Kind.TEXT,
    12,
    "Kode program: huruf, angka dan tanda -, unik di daerah ini (menjadi alamat halamannya).",
    "GOV-01",
    required=True,
    aliases=("Kode program", "id"),
)
TITLE_NOTE = Column(
    "Nama program", "", Kind.NOTE, 36, "Nama program, hanya untuk dibaca: tidak diimpor dari lembar ini.", aliases=()
)

PROGRAM = Sheet(
    "Program",
    "",
    "Satu baris per program.",
    (
        CODE,
        Column("Nama program", "title", Kind.TEXT, 40, "Nama program.", "Layanan pengaduan satu pintu", True),
        Column("Dimensi", "dimension", Kind.DIMENSION, 22, "Dimensi smart city; pilih dari daftar.", required=True),
        Column("Elemen", "element", Kind.ELEMENT, 28, "Elemen dari dimensi tersebut; pilih dari daftar. Boleh kosong."),
        Column(
            "Ringkasan",
            "summary",
            Kind.TEXT,
            60,
            "Satu atau dua kalimat sederhana, paling banyak 300 karakter.",
            "Satu pintu bagi warga untuk menyampaikan aduan.",
            True,
        ),
        Column(
            "Deskripsi",
            "description",
            Kind.TEXT,
            60,
            "Apa yang dikerjakan program (Markdown, paling banyak 5.000 karakter).",
        ),
        Column(
            "Masalah yang dijawab",
            "problem",
            Kind.TEXT,
            50,
            "Masalah perkotaan prioritas yang dijawab program (Markdown, paling banyak 5.000 karakter).",
        ),
        Column(
            "Tujuan",
            "objectives",
            Kind.LINES,
            50,
            "Tujuan program, satu per baris dalam sel (Alt+Enter membuat baris baru).",
        ),
        Column(
            "Horizon",
            "horizon",
            Kind.HORIZON,
            18,
            "Quick win, Jangka pendek, Jangka menengah atau Jangka panjang; pilih dari daftar.",
            required=True,
        ),
        Column(
            "Tahun mulai", "period.start", Kind.YEAR, 12, "Tahun pertama program.", "2025", True, ("start", "Mulai")
        ),
        Column(
            "Tahun selesai",
            "period.end",
            Kind.YEAR,
            12,
            "Tahun terakhir program (tidak sebelum tahun mulai).",
            "2027",
            True,
            ("end", "Selesai"),
        ),
        Column(
            "Penanggung jawab",
            "lead",
            Kind.TEXT,
            36,
            "Perangkat daerah (OPD) penanggung jawab; tulis namanya sama persis di setiap program.",
            "Dinas Komunikasi dan Informatika",
            True,
            ("OPD", "Penanggung jawab (OPD)"),
        ),
        Column("Mitra", "partners", Kind.ITEMS, 36, "Mitra dan perangkat daerah lain, dipisah titik koma (;)."),
        Column("Status", "status", Kind.STATUS, 16, "Status pelaksanaan; pilih dari daftar.", required=True),
        Column(
            "Progres (%)",
            "progress",
            Kind.PERCENT,
            12,
            "Persen selesai, 0–100. Kosongkan bila belum dilaporkan (tidak dianggap 0); "
            "bila kosong: 0 untuk Direncanakan, 100 untuk Selesai.",
            "60",
            aliases=("Progres", "progress"),
        ),
        Column(
            "Program terkait",
            "related",
            Kind.IDS,
            18,
            "Kode program lain di daerah ini, dipisah titik koma (;).",
            "GOV-02; GOV-03",
        ),
        Column(
            "SDGs",
            "sdgs",
            Kind.WHOLES,
            10,
            "Nomor Tujuan Pembangunan Berkelanjutan 1–17, dipisah titik koma (;).",
            "11; 16",
        ),
        Column("Kata kunci", "tags", Kind.ITEMS, 30, "Kata kunci untuk pencarian, dipisah titik koma (;)."),
        Column(
            "Isu GitHub",
            "issues",
            Kind.WHOLES,
            12,
            "Nomor isu GitHub yang membahas program ini, dipisah titik koma (;).",
            "12",
        ),
        Column(
            "Terakhir ditinjau",
            "reviewed",
            Kind.DAY,
            16,
            "Tanggal isian terakhir diperiksa: tanggal Excel, atau teks 2025-06-30.",
            "2025-06-30",
        ),
    ),
)

BUDGET = Sheet(
    "Anggaran",
    "budget",
    "Satu baris per baris anggaran: tahun, sumber dana dan jumlah.",
    (
        CODE,
        TITLE_NOTE,
        Column("Tahun", "year", Kind.YEAR, 10, "Tahun anggaran.", "2025", True),
        Column(
            "Sumber dana",
            "source",
            Kind.SOURCE,
            18,
            "APBD, APBD Provinsi, APBN, KPBU, CSR atau Lainnya; pilih dari daftar.",
            required=True,
        ),
        Column(
            "Jumlah (Rp)",
            "amount",
            Kind.AMOUNT,
            20,
            "Jumlah dalam rupiah: angka, atau teks seperti Rp 1.500.000.000 dan 1,5 miliar.",
            "1500000000",
            True,
            ("Jumlah",),
        ),
    ),
)

INDICATORS = Sheet(
    "Indikator",
    "indicators",
    "Satu baris per indikator kinerja (KPI).",
    (
        CODE,
        TITLE_NOTE,
        Column("Indikator", "name", Kind.TEXT, 40, "Apa yang diukur.", "Aduan ditindaklanjuti dalam 5 hari", True),
        Column("Satuan", "unit", Kind.TEXT, 14, "Satuan angka (persen, unit, hari…).", "persen", True),
        Column("Nilai awal", "baseline", Kind.NUMBER, 12, "Nilai pada awal program; boleh kosong.", "40"),
        Column("Target", "target", Kind.NUMBER, 12, "Nilai yang dituju pada tahun target.", "90", True),
        Column("Tahun target", "year", Kind.YEAR, 13, "Tahun target harus tercapai.", "2026", True),
        Column("Capaian", "actual", Kind.NUMBER, 12, "Nilai terukur terakhir; boleh kosong.", "75"),
    ),
)

MILESTONES = Sheet(
    "Tahapan",
    "milestones",
    "Satu baris per tahapan program.",
    (
        CODE,
        TITLE_NOTE,
        Column("Tahapan", "name", Kind.TEXT, 44, "Apa yang hendak dicapai.", "Aplikasi dibuka untuk umum", True),
        Column(
            "Rencana",
            "planned",
            Kind.MONTH,
            14,
            "Kapan direncanakan: bulan 2025-06 atau tanggal 2025-06-30.",
            "2025-06",
            True,
        ),
        Column(
            "Tercapai",
            "done",
            Kind.MONTH,
            14,
            "Kapan tercapai: bulan 2025-06 atau tanggal 2025-06-30; kosong selama belum tercapai.",
            "2025-07-15",
            aliases=("Selesai",),
        ),
    ),
)

UPDATES = Sheet(
    "Perkembangan",
    "updates",
    "Satu baris per kabar perkembangan pelaksanaan.",
    (
        CODE,
        TITLE_NOTE,
        Column(
            "Tanggal", "date", Kind.DAY, 14, "Tanggal kabar: tanggal Excel, atau teks 2025-06-30.", "2025-06-30", True
        ),
        Column(
            "Uraian",
            "text",
            Kind.TEXT,
            70,
            "Apa yang terjadi (Markdown, paling banyak 5.000 karakter).",
            "Aplikasi diluncurkan.",
            True,
        ),
    ),
)

SOURCES = Sheet(
    "Sumber",
    "sources",
    "Satu baris per dokumen atau halaman yang menjadi sumber isian.",
    (
        CODE,
        TITLE_NOTE,
        Column("Judul", "title", Kind.TEXT, 40, "Nama dokumen atau halaman.", "Dokumen Rencana Induk", True),
        Column(
            "Alamat",
            "url",
            Kind.TEXT,
            48,
            "Alamat lengkapnya, diawali https:// atau http://.",
            "https://example.go.id/",
            True,
            ("URL", "Alamat (URL)"),
        ),
    ),
)

GUIDE_SHEET = "Petunjuk"
# Computed on the run's date (late, overdue, silent), for reading only: import skips it.
MONITORING_SHEET = "Pemantauan"
RECORD_SHEETS = (BUDGET, INDICATORS, MILESTONES, UPDATES, SOURCES)
SHEETS = (PROGRAM, *RECORD_SHEETS)
SHEET_NAMES = (*(sheet.name for sheet in SHEETS), GUIDE_SHEET)


def normal(text: str) -> str:
    """How a header or a sheet name compares: any case, spaces trimmed and single."""
    return " ".join(text.split()).casefold()


def sheet_named(name: str) -> Sheet | None:
    return next((sheet for sheet in SHEETS if normal(sheet.name) == normal(name)), None)


def column_for(sheet: Sheet, header: str) -> Column | None:
    """The column a header names: its Indonesian header, an alias, or the field's key."""
    wanted = normal(header)
    for column in sheet.columns:
        names = (column.header, *column.aliases, *((column.key,) if column.key else ()))
        if wanted in (normal(name) for name in names):
            return column
    return None
