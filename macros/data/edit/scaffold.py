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
# One program per file. This one is an example: change it, copy it for the next program,
# or delete it. Keys starting with `#` are optional; every key is explained in guide/data.md.
id: GOV-01                   # letters, digits and -; unique in the region; the page address uses it
title: Layanan pengaduan warga terpadu
dimension: governance        # governance, branding, economy, living, society or environment
element: layanan-publik      # an element of the dimension (guide/data.md lists them)
summary: Satu pintu untuk semua pengaduan dan usulan warga, dari aplikasi, situs dan WhatsApp.
horizon: quick-win           # quick-win, short, medium or long
period:
  start: {start}
  end: {start + 1}
lead: Dinas Komunikasi dan Informatika   # the agency (OPD) responsible; spell it the same everywhere
status: planned              # planned, ongoing, completed, delayed or stopped
# progress: 40               # 0–100; required when ongoing or delayed

# description: |
#   What the program does, in a few paragraphs (Markdown).
# problem: |
#   The priority urban problem it answers (Markdown).
# objectives:
#   - Semua pengaduan dijawab dalam tiga hari kerja.
# partners:
#   - Bagian Organisasi Sekretariat Daerah
# budget:                    # amounts in rupiah, whole numbers; source APBD, APBD-Provinsi, APBN, KPBU, CSR or Lainnya
#   - {{year: {start}, amount: 250000000, source: APBD}}
# indicators:
#   - {{name: Pengaduan dijawab tepat waktu, unit: "%", baseline: 40, target: 90, year: {start + 1}, actual: 55}}
# milestones:                # dates YYYY-MM or YYYY-MM-DD; done is optional
#   - {{name: Aplikasi diluncurkan, planned: {start}-06, done: {start}-07}}
# updates:                   # the implementation log, newest last
#   - {{date: {start}-07-01, text: Aplikasi pengaduan mulai dipakai warga.}}
# related: [GOV-02]          # ids of other programs of this region
# sdgs: [16]                 # UN Sustainable Development Goals, 1–17
# tags: [pengaduan, layanan publik]
# issues: [12]               # GitHub issues that discuss the program
# sources:                   # http or https links
#   - {{title: Dokumen Rencana Induk, url: "https://example.go.id/rencana-induk.pdf"}}
# reviewed: {start}-01-15      # the date this entry was last checked
"""


def is_untouched_example(text: str) -> bool:
    """True when `text` is the example program exactly as `new-city` wrote it (for any start year)."""
    found = _START.search(text)
    return found is not None and text == example_program_text(int(found.group(1)))
