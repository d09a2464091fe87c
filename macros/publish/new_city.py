"""`python -m macros new-city`: start a region of one's own from this template.

It writes the region's city file and one example program (every optional key present as
a commented example), points `mkdocs.yml` at the new region and at the repository it
lives in (from the Git remote `origin`), and never keeps the template's addresses: a
city that copied the template must not send its citizens' feedback elsewhere.
`mkdocs.yml` is edited line by line, so its comments stay as they were.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros.data.language.catalog import Catalog
from macros.data.plan.load import city_files
from macros.data.plan.model import region_type_of
from macros.data.settings.config import CONFIG_FILE
from macros.data.settings.rules import EXAMPLE_REGIONS, TEMPLATE_SITE, is_template_repository, repository_from_url

_SAY = Catalog(
    "publish.new_city",
    {
        "no_key_in_section": (
            "{file}: tidak ada `{key}:` di bagiannya; tambahkan, lalu jalankan perintah ini lagi",
            "{file}: no `{key}:` under its section; add it, then run the command again",
        ),
        "bad_slug": (
            "`{slug}` bukan slug yang sah: pakai huruf kecil, angka, dan `-` tunggal, mis. kediri atau kota-batu",
            "`{slug}` is not a valid slug: use lower-case letters, digits and single `-`, e.g. kediri or kota-batu",
        ),
        "empty_name": (
            '--name kosong: tulis nama daerahnya, mis. --name "Kabupaten Kediri"',
            '--name is empty: write the region\'s name, e.g. --name "Kota Kediri"',
        ),
        "slug_taken": (
            "data/cities/{slug}.yml atau data/programs/{slug}/ sudah ada: pilih slug lain, "
            "atau sunting berkas daerah itu",
            "data/cities/{slug}.yml or data/programs/{slug}/ already exists: choose another slug, "
            "or edit that region's files",
        ),
        "example_slug": (
            "`{slug}` adalah slug daerah contoh: --replace-example akan menghapus daerah baru itu; "
            "pilih slug lain, mis. kota-{slug}",
            "`{slug}` is the slug of an example region: --replace-example would delete the new region; "
            "choose another slug, e.g. kota-{slug}",
        ),
        "no_config": (
            "{file}: tidak ditemukan di {root}; jalankan perintah ini di folder repositori",
            "{file}: not found in {root}; run the command in the repository's folder",
        ),
    },
)

# The regulation that adopts a master plan: a kota's mayor (wali kota) signs a Peraturan Wali Kota,
# a kabupaten's regent (bupati) a Peraturan Bupati.
LEGAL_BASIS = {"kota": "Peraturan Wali Kota", "kabupaten": "Peraturan Bupati"}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_GITHUB_SSH = re.compile(r"^git@github\.com:([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?$")


class ScaffoldError(Exception):
    """A one-line reason why the region was not created; nothing was written."""


@dataclass(frozen=True)
class Repository:
    owner: str
    name: str

    @property
    def url(self) -> str:
        return f"https://github.com/{self.owner}/{self.name}"

    @property
    def pages_url(self) -> str:
        """The GitHub Pages address: a user site at the root, a project site under its name."""
        if self.name.lower() == f"{self.owner.lower()}.github.io":
            return f"https://{self.owner.lower()}.github.io/"
        return f"https://{self.owner.lower()}.github.io/{self.name}/"


def origin_repository(root: Path) -> Repository | None:
    """The GitHub repository of the Git remote `origin`, or None (no Git, no remote, not GitHub)."""
    try:
        result = subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=root, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    address = result.stdout.strip()
    if result.returncode != 0 or not address:
        return None
    found = repository_from_url(address)
    if found is None and (match := _GITHUB_SSH.match(address)):
        found = f"{match[1]}/{match[2]}"
    if found is None:
        return None
    owner, name = found.split("/")
    return Repository(owner, name)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: safe for any name a maintainer types."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def city_file_text(name: str, province: str | None, start: int) -> str:
    end = start + 9
    region_type = region_type_of(name)
    regulation = LEGAL_BASIS[region_type]
    province_line = f"province: {_quoted(province)}" if province else '# province: "Jawa Timur"'
    return f"""# yaml-language-server: $schema=../schema/city.schema.json
# Profil daerah. Kunci yang diawali `#` boleh diisi: hapus `# ` untuk memakainya.
# Setiap kunci dijelaskan di guide/id/data.md; `make check` menyebut kesalahan beserta barisnya.
name: {_quoted(name)}
{province_line}
# type: {region_type:<21}# kota atau kabupaten; bawaannya menurut nama
# sample: true               # menandai data contoh: setiap halaman lalu menyebutkannya

plan:
  title: {_quoted(f"Rencana Induk Smart City {name} {start}–{end}")}
  start: {start}
  end: {end}
  # legal_basis: "{regulation} … Nomor … Tahun …"

# vision: >-
#   Terwujudnya … yang cerdas, melayani dan berdaya saing.

# missions:
#   - Menghadirkan layanan publik yang cepat, mudah dan terbuka.
#   - Menjaga lingkungan hidup yang bersih dan berkelanjutan.

# feedback:
#   repository: owner/repo   # menerima isu masukan; bawaannya: repositori dari repo_url di mkdocs.yml
#   channels:                # untuk warga tanpa akun GitHub
#     - name: SP4N-LAPOR!
#       url: https://www.lapor.go.id
#       note: Kanal pengaduan pelayanan publik nasional.

# evaluations:               # evaluasi nasional tahunan, nilai 0–5
#   - year: {start}
#     index: 3.5
#     dimensions:
#       governance: 3.6
#       branding: 3.4
#       economy: 3.5
#       living: 3.5
#       society: 3.6
#       environment: 3.4

# dimensions:                # menggantikan enam dimensi nasional (jarang diperlukan)
#   governance:
#     label: Smart Governance
#     description: Tata kelola pemerintahan yang efektif dan terbuka.
#     icon: material/bank-outline
#     color: "#1d4ed8"
#     elements:
#       layanan-publik: Layanan Publik
"""


def program_file_text(start: int) -> str:
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


def _set_key(text: str, key: str, value: str | None, *, indent: str = "") -> str:
    """Set (or, with None, remove) the line `<indent><key>: …`, keeping every other line and comment."""
    pattern = re.compile(rf"^{indent}{re.escape(key)}:[^\n]*\n?", re.MULTILINE)
    if value is None:
        return pattern.sub("", text, count=1)
    line = f"{indent}{key}: {value}\n"
    if pattern.search(text):
        return pattern.sub(lambda _: line, text, count=1)
    if indent:
        raise ScaffoldError(_SAY.say("no_key_in_section", file=CONFIG_FILE, key=key))
    return text.rstrip("\n") + "\n" + line


def configured_mkdocs(text: str, slug: str, name: str, repository: Repository | None) -> str:
    """mkdocs.yml pointed at the new region and its repository (the template's addresses never kept)."""
    if not re.search(r"^extra:\s*$", text, re.MULTILINE):
        text = text.rstrip("\n") + "\nextra:\n"
    if re.search(r"^  city:", text, re.MULTILINE):
        text = _set_key(text, "city", slug, indent="  ")
    else:
        text = re.sub(r"^extra:\s*\n", f"extra:\n  city: {slug}\n", text, count=1, flags=re.MULTILINE)
    text = _set_key(text, "site_name", _quoted(f"Rencana Induk Smart City {name}"))
    if repository is not None:
        text = _set_key(text, "site_url", repository.pages_url)
        text = _set_key(text, "repo_url", repository.url)
        text = _set_key(text, "repo_name", f"{repository.owner}/{repository.name}")
        return text
    # Not a GitHub clone: the template's addresses become commented placeholders for the
    # maintainer's own (edit links need a repository, so they wait for it too).
    site_url = re.search(r"^site_url:\s*(\S+)", text, re.MULTILINE)
    if site_url and TEMPLATE_SITE.match(site_url.group(1)):
        text = _comment_key(text, "site_url", "https://<owner>.github.io/<repo>/")
    repo_url = re.search(r"^repo_url:\s*(\S+)", text, re.MULTILINE)
    if repo_url and is_template_repository(repository_from_url(repo_url.group(1))):
        text = _comment_key(text, "repo_url", "https://github.com/<owner>/<repo>")
        text = _comment_key(text, "repo_name", "<owner>/<repo>")
        text = _comment_key(text, "edit_uri", "edit/main/docs/")
    return text


def _comment_key(text: str, key: str, placeholder: str) -> str:
    """`key: value` becomes `# key: placeholder`, a line to fill in later."""
    pattern = re.compile(rf"^{re.escape(key)}:[^\n]*$", re.MULTILINE)
    return pattern.sub(lambda _: f"# {key}: {placeholder}", text, count=1)


@dataclass(frozen=True)
class Scaffolded:
    city_file: Path
    program_file: Path
    repository: Repository | None
    removed_examples: tuple[str, ...]  # the example regions deleted (--replace-example)


def new_city(
    root: Path, slug: str, name: str, province: str | None, start: int, *, replace_example: bool
) -> Scaffolded:
    """Write the region's files and point mkdocs.yml at it; raises ScaffoldError before writing anything."""
    if not SLUG.match(slug):
        raise ScaffoldError(_SAY.say("bad_slug", slug=slug))
    if not name.strip():
        raise ScaffoldError(_SAY.say("empty_name"))
    existing = city_files(root)
    if slug in existing or (root / "data" / "programs" / slug).exists():
        raise ScaffoldError(_SAY.say("slug_taken", slug=slug))
    if replace_example and slug in EXAMPLE_REGIONS:
        raise ScaffoldError(_SAY.say("example_slug", slug=slug))
    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        raise ScaffoldError(_SAY.say("no_config", file=CONFIG_FILE, root=root))
    repository = origin_repository(root)
    config_text = configured_mkdocs(config_file.read_text(encoding="utf-8"), slug, name.strip(), repository)

    city_file = root / "data" / "cities" / f"{slug}.yml"
    program_file = root / "data" / "programs" / slug / "governance" / "gov-01.yml"
    city_file.parent.mkdir(parents=True, exist_ok=True)
    program_file.parent.mkdir(parents=True, exist_ok=True)
    city_file.write_text(city_file_text(name.strip(), province, start), encoding="utf-8")
    program_file.write_text(program_file_text(start), encoding="utf-8")
    config_file.write_text(config_text, encoding="utf-8")
    removed = [example for example in EXAMPLE_REGIONS if replace_example and example in existing]
    for example in removed:
        existing[example].unlink()
        shutil.rmtree(root / "data" / "programs" / example, ignore_errors=True)
    return Scaffolded(city_file, program_file, repository, tuple(removed))
