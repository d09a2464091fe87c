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
from macros.data.edit.scaffold import EXAMPLE_PROGRAM_PATH, example_program_text
from macros.data.language.catalog import Catalog
from macros.data.plan.load import city_files
from macros.data.settings.config import CONFIG_FILE
from macros.data.settings.rules import EXAMPLE_REGIONS, TEMPLATE_SITE, is_template_repository, repository_from_url

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_GITHUB_SSH = re.compile(r"^git@github\.com:([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?$")


MESSAGES = Catalog(
    "new_city",
    {
        "needs_slug": (
            'new-city: tulis kode daerah dan --name, mis. new-city kediri --name "Kota Kediri" '
            "(atau --event EVENT.json dari workflow Mulai daerah)",
            'new-city: give the slug and --name, e.g. new-city kediri --name "Kota Kediri" '
            "(or --event EVENT.json from the Mulai daerah workflow)",
        ),
    },
)


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


def city_file_text(name: str, province: str | None, start: int, region_type: str | None = None) -> str:
    end = start + 9
    province_line = f"province: {_quoted(province)}" if province else '# province: "Jawa Timur"'
    type_line = f"type: {region_type}" if region_type else "# type: kota"
    return f"""# yaml-language-server: $schema=../schema/city.schema.json
# The region's profile. Keys starting with `#` are optional: remove the `# ` to use one.
# Every key is explained in guide/data.md; `make check` says what is wrong, with its line.
name: {_quoted(name)}
{province_line}
{type_line:<28} # kota or kabupaten; by default from the name
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

# reporters:                 # GitHub accounts of the agencies (OPD) whose progress reports
#   - dinas-kominfo          # become pull requests (guide/reports.md); without @

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
    root: Path,
    slug: str,
    name: str,
    province: str | None,
    start: int,
    *,
    replace_example: bool,
    repository: Repository | None = None,
    region_type: str | None = None,
) -> Scaffolded:
    """Write the region's files and point mkdocs.yml at it; raises ScaffoldError before writing anything.

    The repository is `repository` when given (from a workflow's event), else the Git remote `origin`'s.
    """
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
    repository = repository or origin_repository(root)
    # As bytes: Windows line breaks stay as they are, like every other byte the editor keeps.
    config_text = configured_mkdocs(config_file.read_bytes().decode("utf-8"), slug, name.strip(), repository)

    city_file = root / "data" / "cities" / f"{slug}.yml"
    program_file = root / "data" / "programs" / slug / EXAMPLE_PROGRAM_PATH
    city_file.parent.mkdir(parents=True, exist_ok=True)
    program_file.parent.mkdir(parents=True, exist_ok=True)
    city_file.write_text(city_file_text(name.strip(), province, start, region_type), encoding="utf-8")
    program_file.write_text(example_program_text(start), encoding="utf-8")
    config_file.write_bytes(config_text.encode("utf-8"))
    removed = [example for example in EXAMPLE_REGIONS if replace_example and example in existing]
    for example in removed:
        existing[example].unlink()
        shutil.rmtree(root / "data" / "programs" / example, ignore_errors=True)
    return Scaffolded(city_file, program_file, repository, tuple(removed))
