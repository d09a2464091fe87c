"""The progress report issue form, written from the data like the feedback form.

`.github/ISSUE_TEMPLATE/laporan-kemajuan.yml` names the repository's plans and, when
the repository holds several regions, offers them in a list. Its field ids and labels
come from `macros.data.reports.form`, which reads the answers back; the workflow
`.github/workflows/progress-report.yml` runs `python -m macros report` on every report.
"""

from __future__ import annotations

from typing import Any

from macros.data.plan.model import City
from macros.data.reports.form import (
    ACTIVITY,
    DATE,
    INDICATORS,
    MILESTONES,
    PROGRAM,
    PROGRESS,
    REGION,
    REPORT_LABEL,
    STATUS,
    FormField,
)
from macros.data.reports.report import STATUS_OPTIONS
from macros.publish.markdown_text import markdown_text

FORM_NAME = "Laporan kemajuan program"
TITLE_PREFIX = "Laporan kemajuan "


def _element(field: FormField, description: str, *, placeholder: str = "", options: tuple[str, ...] = ()) -> Any:
    attributes: dict[str, Any] = {"label": field.label, "description": description}
    if placeholder:
        attributes["placeholder"] = placeholder
    if options:
        attributes["options"] = list(options)
    return {"type": field.kind, "id": field.id, "attributes": attributes, "validations": {"required": field.required}}


def report_form(cities: list[City], site_url: str | None) -> dict[str, Any]:
    plans = [city.plan.title for city in cities]
    if len(plans) == 1:
        about = f"**{markdown_text(plans[0])}**"
    else:
        about = "salah satu rencana berikut:\n\n" + "\n".join(f"- {markdown_text(title)}" for title in plans) + "\n\n"
    site = f"[situs rencana]({site_url})" if site_url else "situs rencana"
    intro = (
        f"Formulir ini untuk **perangkat daerah (OPD)** yang menjalankan program dalam {about}. "
        "Pertanyaan dan usulan warga memakai formulir «Masukan untuk rencana».\n\n"
        f"Setiap halaman program di {site} punya tautan **Laporkan kemajuan** yang mengisi formulir ini: "
        "kode program, progres terakhir, tahapan yang belum tercapai dan indikatornya.\n\n"
        "Laporan diperiksa otomatis dalam beberapa menit. Bila ada yang perlu diperbaiki, penjelasannya "
        "muncul sebagai komentar di sini: sunting laporan, dan pemeriksaan berjalan lagi. Bila lengkap, "
        "data program diperbarui lewat usulan perubahan (*pull request*) yang diperiksa tim pengelola "
        "sebelum tampil di situs. Hanya laporan dari akun yang didaftarkan pengelola sebagai pelapor "
        "perangkat daerah yang diterapkan otomatis.\n\n"
        "**Laporan ini tampil untuk umum.** Jangan menuliskan data pribadi.\n"
    )
    body: list[Any] = [{"type": "markdown", "attributes": {"value": intro}}]
    if len(cities) > 1:
        body.append(
            _element(
                REGION,
                "Daerah tempat program berjalan (terisi otomatis dari tautan di halaman program).",
                options=tuple(city.name for city in cities),
            )
        )
    body += [
        _element(
            PROGRAM,
            "Kode program, terisi otomatis dari tautan «Laporkan kemajuan» di halaman program.",
            placeholder="Contoh: GOV-01",
        ),
        _element(STATUS, "Status program sesudah kegiatan yang dilaporkan.", options=tuple(STATUS_OPTIONS.values())),
        _element(PROGRESS, "Angka bulat dari 0 sampai 100, tanpa tanda persen.", placeholder="Contoh: 40"),
        _element(
            DATE,
            "Tanggal kegiatan atau capaian yang dilaporkan, dengan format YYYY-MM-DD.",
            placeholder="Contoh: 2025-03-02",
        ),
        _element(
            ACTIVITY,
            "Apa yang dikerjakan dan hasilnya, dalam satu atau dua paragraf. Teks ini tampil di halaman "
            "program, pada bagian Perkembangan.",
        ),
        _element(
            MILESTONES,
            "Tandai tahapan yang sudah tercapai: ubah `[ ]` menjadi `[x]`. Tahapan itu dicatat selesai "
            "pada tanggal laporan. Kosongkan bila belum ada.",
        ),
        _element(
            INDICATORS,
            "Tulis capaian terbaru sesudah titik dua, misalnya `Aduan selesai: 85` (desimal dengan koma). "
            "Biarkan kosong indikator yang belum diukur ulang.",
        ),
    ]
    names = " dan ".join(city.name for city in cities)
    return {
        "name": FORM_NAME,
        "description": f"Untuk perangkat daerah (OPD): laporkan kemajuan satu program rencana {names}.",
        "title": TITLE_PREFIX,
        "labels": [REPORT_LABEL],
        "body": body,
    }
