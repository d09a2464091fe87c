"""The issue forms (feedback, progress report) and the issue chooser's links, written from the data.

`.github/ISSUE_TEMPLATE/masukan.yml` names the plans of the repository's cities,
`laporan-kemajuan.yml` is the agencies' progress report (`macros.publish.report_form`),
and `config.yml` links to the site and to each city's other channels; both come
from the data and mkdocs.yml, so `python -m macros feedback-form` writes them all and
`python -m macros feedback-form --check` (part of `make check`) fails when a
committed copy no longer matches. The form has no list of programs on purpose:
the program field is plain text that the "Beri masukan" button fills in (see the
README, "Masukan / Feedback").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from macros.data.plan.model import City
from macros.data.reports.form import REPORT_FORM_FILE
from macros.publish.markdown_text import markdown_text
from macros.publish.report_form import report_form
from macros.render.feedback import FEEDBACK_LABEL, FORM_FILE, MASUKAN_PAGE, PAGE_FIELD, PROGRAM_FIELD, REGION_FIELD

TEMPLATE_FOLDER = Path(".github") / "ISSUE_TEMPLATE"
FORM_PATH = TEMPLATE_FOLDER / FORM_FILE
CONFIG_PATH = TEMPLATE_FOLDER / "config.yml"
REPORT_FORM_PATH = TEMPLATE_FOLDER / REPORT_FORM_FILE

# The workflow .github/workflows/label-feedback.yml finds the program (and, in a repository of
# several regions, the region) under these headings (GitHub writes each answer under its
# field's label); a test keeps the two in step.
PROGRAM_LABEL = "Kode program"
REGION_LABEL = "Kode daerah"

FEEDBACK_KINDS = ("Pertanyaan", "Usulan", "Laporan kondisi lapangan", "Koreksi data")
ROLES = ("Warga", "Perangkat daerah (OPD)", "Akademisi", "Komunitas atau forum warga", "Dunia usaha", "Lainnya")

_HEADER = (
    "# Generated from the data and mkdocs.yml by `python -m macros feedback-form`; do not edit by hand.\n"
    "# Change macros/publish/feedback_form.py or the data, run the command again and commit the result\n"
    "# (`make check` fails while this file is out of date).\n"
)


@dataclass(frozen=True)
class GeneratedFile:
    path: Path  # relative to the project folder
    text: str


def _field(
    kind: str,
    field_id: str,
    label: str,
    *,
    required: bool,
    description: str | None = None,
    placeholder: str | None = None,
    options: tuple[str, ...] = (),
) -> dict[str, Any]:
    """One element of the form; GitHub pre-fills it from the query parameter named `field_id`."""
    attributes: dict[str, Any] = {"label": label}
    if description:
        attributes["description"] = description
    if placeholder:
        attributes["placeholder"] = placeholder
    if options:
        attributes["options"] = list(options)
    return {"type": kind, "id": field_id, "attributes": attributes, "validations": {"required": required}}


def _region_field(regions: Mapping[str, City]) -> dict[str, Any]:
    """The region, pre-filled by the button like the program: the same id in two regions is two programs."""
    codes = ", ".join(f"{slug} ({city.name})" for slug, city in regions.items())
    return _field(
        "input",
        REGION_FIELD,
        REGION_LABEL,
        required=False,
        description=f"Terisi otomatis dari tombol «Beri masukan» di situs setiap daerah. Kode daerah: {codes}.",
        placeholder=f"Contoh: {next(iter(regions))}",
    )


def _form(regions: Mapping[str, City], site_url: str | None) -> dict[str, Any]:
    cities = list(regions.values())
    plans = [city.plan.title for city in cities]
    if len(plans) == 1:
        about = f"**{markdown_text(plans[0])}**."
    else:
        about = "salah satu rencana berikut:\n\n" + "\n".join(f"- {markdown_text(title)}" for title in plans)
    site = f"[situs rencana]({site_url})" if site_url else "situs rencana"
    intro = (
        f"Terima kasih atas masukan Anda untuk {about}\n\n"
        f"Setiap halaman program di {site} punya tombol **Beri masukan** yang mengisi kode program "
        "secara otomatis. Tim pengelola membaca setiap masukan, menjawabnya di sini, dan memperbarui "
        "data rencana bila perlu.\n\n"
        "**Masukan ini tampil untuk umum.** Jangan menuliskan data pribadi seperti NIK, alamat rumah, "
        "atau nomor telepon.\n"
    )
    names = _names([city.name for city in cities])
    return {
        "name": "Masukan untuk rencana",
        "description": f"Pertanyaan, usulan, laporan kondisi lapangan, atau koreksi data tentang rencana {names}.",
        "labels": [FEEDBACK_LABEL],
        "body": [
            {"type": "markdown", "attributes": {"value": intro}},
            *([_region_field(regions)] if len(regions) > 1 else []),
            _field(
                "input",
                PROGRAM_FIELD,
                PROGRAM_LABEL,
                required=False,
                description="Terisi otomatis dari tombol «Beri masukan» di halaman program. "
                "Kosongkan bila masukan Anda tidak tentang satu program.",
                placeholder="Contoh: GOV-01",
            ),
            _field("dropdown", "jenis", "Jenis masukan", required=True, options=FEEDBACK_KINDS),
            _field(
                "textarea",
                "pesan",
                "Masukan Anda",
                required=True,
                description="Tuliskan sejelas mungkin. Untuk laporan kondisi lapangan, sebutkan lokasi dan "
                "waktunya; untuk koreksi data, sebutkan bagian yang keliru dan sumber yang benar.",
            ),
            _field("dropdown", "peran", "Anda menyampaikan masukan sebagai", required=False, options=ROLES),
            _field(
                "input",
                "kontak",
                "Kontak (opsional)",
                required=False,
                description="Nama lembaga, surel, atau akun lain bila Anda ingin dihubungi. "
                "Isian ini juga tampil untuk umum.",
            ),
            _field(
                "input",
                PAGE_FIELD,
                "Alamat halaman",
                required=False,
                description="Halaman situs tempat Anda membuka formulir ini (terisi otomatis).",
            ),
        ],
    }


def _names(names: list[str]) -> str:
    """ "Kota A", "Kota A dan Kota B", "Kota A, Kota B dan Kota C"; past three, how many."""
    if len(names) > 3:
        return f"{len(names)} daerah"
    return " dan ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _chooser(regions: Mapping[str, City], site_url: str | None) -> dict[str, Any]:
    cities = list(regions.values())
    links: list[dict[str, str]] = []
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        if len(cities) == 1:
            links.append(
                {
                    "name": f"Situs Rencana Induk Smart City {cities[0].name}",
                    "url": base,
                    "about": "Baca rencana dan kemajuan setiap program. Halaman program punya tombol «Beri masukan».",
                }
            )
            links.append(
                {
                    "name": "Cara memberi masukan tanpa akun GitHub",
                    "url": urljoin(base, MASUKAN_PAGE),
                    "about": "Cara kerja masukan, dan kanal lain seperti surel dan layanan pengaduan "
                    "pemerintah daerah.",
                }
            )
        else:  # the portal: each region's site has its own Masukan page
            links.append(
                {
                    "name": "Situs Rencana Induk Smart City semua daerah",
                    "url": base,
                    "about": "Pilih daerah Anda. Halaman program punya tombol «Beri masukan»; halaman Masukan setiap "
                    "daerah menjelaskan cara kerjanya dan kanal lain tanpa akun GitHub.",
                }
            )
    for city in cities:
        suffix = f" ({city.name})" if len(cities) > 1 else ""
        for channel in city.feedback.channels:
            # The chooser accepts web addresses only; mailto channels are on the site's Masukan page.
            if channel.url.lower().startswith(("http://", "https://")):
                links.append(
                    {
                        "name": f"{channel.name}{suffix}",
                        "url": channel.url,
                        "about": channel.note or f"Kanal masukan lain untuk {city.name}.",
                    }
                )
    chooser: dict[str, Any] = {"blank_issues_enabled": True}
    if links:
        chooser["contact_links"] = links
    return chooser


class _Dumper(yaml.SafeDumper):
    """Readable YAML: texts with line breaks as literal blocks, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(data: dict[str, Any]) -> str:
    return _HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)


def issue_template_files(regions: Mapping[str, City], site_url: str | None) -> list[GeneratedFile]:
    """The feedback form, the progress report form and the chooser config for the repository's
    regions (slug → city), as they should be committed."""
    return [
        GeneratedFile(FORM_PATH, _dump(_form(regions, site_url))),
        GeneratedFile(REPORT_FORM_PATH, _dump(report_form(list(regions.values()), site_url))),
        GeneratedFile(CONFIG_PATH, _dump(_chooser(regions, site_url))),
    ]


def stale_files(root: Path, files: list[GeneratedFile]) -> list[GeneratedFile]:
    """The files whose committed copy is missing or differs from what the data gives."""
    stale = []
    for file in files:
        target = root / file.path
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != file.text:
            stale.append(file)
    return stale


def write_files(root: Path, files: list[GeneratedFile]) -> None:
    for file in files:
        target = root / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.text, encoding="utf-8", newline="\n")
