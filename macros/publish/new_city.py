"""`python -m macros new-city`: start a region of one's own from this template.

It writes the region's city file and one example program (every optional key present as
a commented example), points `mkdocs.yml` at the new region and at the repository it
lives in (from the Git remote `origin`), and never keeps the template's addresses: a
city that copied the template must not send its citizens' feedback elsewhere.
`mkdocs.yml` is changed with the one YAML editor (macros.data.edit.editor), so every other
byte of it, comments included, stays as it was.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros.data.edit.editor import YamlEditError, YamlEditor, read_config
from macros.data.plan.load import city_files
from macros.data.settings.config import CONFIG_FILE
from macros.data.settings.rules import EXAMPLE_REGIONS, TEMPLATE_SITE, is_template_repository, repository_from_url

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
    province_line = f"province: {_quoted(province)}" if province else '# province: "Jawa Timur"'
    return f"""# yaml-language-server: $schema=../schema/city.schema.json
# The region's profile. Keys starting with `#` are optional: remove the `# ` to use one.
# Every key is explained in guide/data.md; `make check` says what is wrong, with its line.
name: {_quoted(name)}
{province_line}
# type: kota                 # kota or kabupaten; by default from the name
# sample: true               # marks illustrative data: every page then says so

plan:
  title: {_quoted(f"Rencana Induk Smart City {name} {start}–{end}")}
  start: {start}
  end: {end}
  # legal_basis: "Peraturan Wali Kota … Nomor … Tahun …"

# vision: >-
#   Terwujudnya … yang cerdas, melayani dan berdaya saing.

# missions:
#   - Menghadirkan layanan publik yang cepat, mudah dan terbuka.
#   - Menjaga lingkungan hidup yang bersih dan berkelanjutan.

# feedback:
#   repository: owner/repo   # receives the feedback issues; default: the repository of repo_url in mkdocs.yml
#   channels:                # for citizens without a GitHub account
#     - name: SP4N-LAPOR!
#       url: https://www.lapor.go.id
#       note: Kanal pengaduan pelayanan publik nasional.

# evaluations:               # the national yearly evaluation, scores 0–5
#   - year: {start}
#     index: 3.5
#     dimensions:
#       governance: 3.6
#       branding: 3.4
#       economy: 3.5
#       living: 3.5
#       society: 3.6
#       environment: 3.4

# dimensions:                # replaces the six national dimensions (rarely needed)
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


def configured_mkdocs(text: str, slug: str, name: str, repository: Repository | None) -> str:
    """mkdocs.yml pointed at the new region and its repository (the template's addresses never kept)."""
    try:
        editor = YamlEditor(text, CONFIG_FILE, (), read=read_config)
        editor.set_value(("extra", "city"), slug)
        editor.set_value(("site_name",), f"Rencana Induk Smart City {name}")
        if repository is not None:
            editor.set_value(("site_url",), repository.pages_url)
            editor.set_value(("repo_url",), repository.url)
            editor.set_value(("repo_name",), f"{repository.owner}/{repository.name}")
            return editor.result()
        # Not a GitHub clone: the template's addresses become commented placeholders for the
        # maintainer's own (edit links need a repository, so they wait for it too).
        settings = editor.document.data
        site_url, repo_url = settings.get("site_url"), settings.get("repo_url")
        if isinstance(site_url, str) and TEMPLATE_SITE.match(site_url):
            editor.remove(("site_url",), "site_url: https://<owner>.github.io/<repo>/")
        if isinstance(repo_url, str) and is_template_repository(repository_from_url(repo_url)):
            editor.remove(("repo_url",), "repo_url: https://github.com/<owner>/<repo>")
            editor.remove(("repo_name",), "repo_name: <owner>/<repo>")
            editor.remove(("edit_uri",), "edit_uri: edit/main/docs/")
        return editor.result()
    except YamlEditError as error:
        raise ScaffoldError(f"{error}; correct {CONFIG_FILE}, then run the command again") from None


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
        raise ScaffoldError(
            f"`{slug}` is not a valid slug: use lower-case letters, digits and single `-`, e.g. kediri or kota-batu"
        )
    if not name.strip():
        raise ScaffoldError('--name is empty: write the region\'s name, e.g. --name "Kota Kediri"')
    existing = city_files(root)
    if slug in existing or (root / "data" / "programs" / slug).exists():
        raise ScaffoldError(
            f"data/cities/{slug}.yml or data/programs/{slug}/ already exists: choose another slug, "
            "or edit that region's files"
        )
    if replace_example and slug in EXAMPLE_REGIONS:
        raise ScaffoldError(
            f"`{slug}` is the slug of an example region: --replace-example would delete the new region; "
            f"choose another slug, e.g. kota-{slug}"
        )
    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        raise ScaffoldError(f"{CONFIG_FILE}: not found in {root}; run the command in the repository's folder")
    repository = origin_repository(root)
    # As bytes: Windows line breaks stay as they are, like every other byte the editor keeps.
    config_text = configured_mkdocs(config_file.read_bytes().decode("utf-8"), slug, name.strip(), repository)

    city_file = root / "data" / "cities" / f"{slug}.yml"
    program_file = root / "data" / "programs" / slug / "governance" / "gov-01.yml"
    city_file.parent.mkdir(parents=True, exist_ok=True)
    program_file.parent.mkdir(parents=True, exist_ok=True)
    city_file.write_text(city_file_text(name.strip(), province, start), encoding="utf-8")
    program_file.write_text(program_file_text(start), encoding="utf-8")
    config_file.write_bytes(config_text.encode("utf-8"))
    removed = [example for example in EXAMPLE_REGIONS if replace_example and example in existing]
    for example in removed:
        existing[example].unlink()
        shutil.rmtree(root / "data" / "programs" / example, ignore_errors=True)
    return Scaffolded(city_file, program_file, repository, tuple(removed))
