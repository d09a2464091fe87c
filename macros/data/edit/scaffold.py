"""The example program a new region starts with, and how to tell it was never changed.

`new-city` writes it so that a maintainer sees every key of a program file; an import of a
whole plan from a workbook replaces it when it is still exactly as written (it is no
program of the plan), and keeps it once a person has changed a character of it.
"""

from __future__ import annotations

import re
from pathlib import Path

EXAMPLE_PROGRAM_PATH = Path("governance") / "gov-01.yml"  # under data/programs/<region>/
_START = re.compile(r"^  start: (\d{4})$", re.MULTILINE)


def example_program_text(start: int) -> str:
    """The example program `new-city` writes, its period starting in `start`."""
    return f"""# yaml-language-server: $schema=../../../schema/program.schema.json
# Satu program per berkas. Berkas ini contoh: ubah, salin untuk program berikutnya,
# atau hapus. Kunci yang diawali `#` boleh diisi; setiap kunci dijelaskan di guide/id/data.md.
id: GOV-01                   # huruf, angka, dan -; unik di daerah ini; dipakai di alamat halaman
title: Layanan pengaduan warga terpadu
dimension: governance        # governance, branding, economy, living, society atau environment
element: layanan-publik      # elemen dari dimensi itu (daftarnya di guide/id/data.md)
summary: Satu pintu untuk semua pengaduan dan usulan warga, dari aplikasi, situs dan WhatsApp.
horizon: quick-win           # quick-win, short, medium atau long
period:
  start: {start}
  end: {start + 1}
lead: Dinas Komunikasi dan Informatika   # perangkat daerah (OPD) penanggung jawab; tulis sama di mana pun
status: planned              # planned, ongoing, completed, delayed atau stopped
# progress: 40               # 0–100; wajib bila ongoing atau delayed

# description: |
#   Apa yang dikerjakan program, dalam beberapa paragraf (Markdown).
# problem: |
#   Masalah prioritas daerah yang dijawabnya (Markdown).
# objectives:
#   - Semua pengaduan dijawab dalam tiga hari kerja.
# partners:
#   - Bagian Organisasi Sekretariat Daerah
# budget:                    # rupiah, bilangan bulat; sumber APBD, APBD-Provinsi, APBN, KPBU, CSR atau Lainnya
#   - {{year: {start}, amount: 250000000, source: APBD}}
# indicators:
#   - {{name: Pengaduan dijawab tepat waktu, unit: "%", baseline: 40, target: 90, year: {start + 1}, actual: 55}}
# milestones:                # tanggal YYYY-MM atau YYYY-MM-DD; done boleh kosong
#   - {{name: Aplikasi diluncurkan, planned: {start}-06, done: {start}-07}}
# updates:                   # catatan pelaksanaan, yang terbaru di akhir
#   - {{date: {start}-07-01, text: Aplikasi pengaduan mulai dipakai warga.}}
# related: [GOV-02]          # id program lain di daerah ini
# sdgs: [16]                 # Tujuan Pembangunan Berkelanjutan (SDGs), 1–17
# tags: [pengaduan, layanan publik]
# issues: [12]               # isu GitHub yang membahas program ini
# sources:                   # tautan http atau https
#   - {{title: Dokumen Rencana Induk, url: "https://example.go.id/rencana-induk.pdf"}}
# reviewed: {start}-01-15      # tanggal entri ini terakhir diperiksa
"""


def is_untouched_example(text: str) -> bool:
    """True when `text` is the example program exactly as `new-city` wrote it (for any start year)."""
    found = _START.search(text)
    return found is not None and text == example_program_text(int(found.group(1)))
