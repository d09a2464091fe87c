"""`python -m macros new-city --event EVENT.json`: the *Mulai daerah* workflow's work.

A person starts the workflow from the Actions tab with the region's slug, name, type,
province and whether the example regions go; GitHub saves those inputs, with the
repository the workflow runs in, in the event file. This module reads them (bounded, as
untrusted text), does what `new-city` does with the repository's own addresses, and says
what the workflow must do next in files (as `report --output` does): `result`
(`pull-request` or `comment`), `comment.md` (why nothing was written, in Indonesian, for
the job summary) or `title.txt`, `body.md`, `commit.txt`, `branch.txt` for the pull request.
Nothing from the inputs is ever part of a command line the workflow runs.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from macros.data.language.catalog import Catalog
from macros.data.plan.load import city_files
from macros.data.plan.model import RegionType
from macros.data.settings.rules import EXAMPLE_REGIONS, TEMPLATE_REPOSITORY
from macros.publish.markdown_text import markdown_text
from macros.publish.new_city import Repository, Scaffolded, ScaffoldError, new_city
from macros.publish.progress_report import Outcome

MAX_EVENT_BYTES = 256 * 1024  # a workflow_dispatch event is a few KiB
MAX_INPUT = 200  # characters of one input: a region's name is far shorter
BRANCH_PREFIX = "mulai-daerah/"
TYPES: dict[str, RegionType] = {"kota": "kota", "kabupaten": "kabupaten"}
YES = frozenset({"true", "yes", "ya", "1"})

MESSAGES = Catalog(
    "start_region",
    {
        "not_an_event": (
            "{file}: bukan event workflow_dispatch dari GitHub "
            "(diharapkan JSON dengan inputs dan repository.full_name)",
            "{file}: not a GitHub workflow_dispatch event (expected JSON with inputs and repository.full_name)",
        ),
        "too_long": (
            "isian `{field}` lebih dari {limit} karakter; tulis lebih singkat",
            "the input `{field}` is longer than {limit} characters; write it shorter",
        ),
        "control": (
            "isian `{field}` memuat ganti baris atau karakter kendali; tulis satu baris teks biasa",
            "the input `{field}` holds a line break or a control character; write one line of plain text",
        ),
        "bad_type": (
            "isian `type` bernilai `{value}`; pilih kota atau kabupaten",
            "the input `type` is `{value}`; choose kota or kabupaten",
        ),
        "type_differs": (
            "nama `{name}` tidak cocok dengan jenis {type}; perbaiki nama atau jenisnya",
            "the name `{name}` does not match the type {type}; correct the name or the type",
        ),
        "failed": (
            "Daerah belum dibuat; tidak ada berkas yang diubah. Yang perlu diperbaiki:\n\n"
            "> {reason}\n\n"
            "Jalankan lagi workflow **Mulai daerah** (tab *Actions*) dengan isian yang sudah diperbaiki.\n",
            "The region was not created; no file was changed. What to fix:\n\n"
            "> {reason}\n\n"
            "Run the **Mulai daerah** workflow (the *Actions* tab) again with the corrected inputs.\n",
        ),
        "title": ("Mulai daerah {name}", "Start the region {name}"),
        "body": (
            "Usulan ini memulai daerah **{name}** (`{slug}`) di repositori ini, dibuat oleh workflow "
            "*Mulai daerah*:\n\n"
            "- `data/cities/{slug}.yml`: profil daerah, setiap kunci opsional sebagai komentar;\n"
            "- `data/programs/{slug}/governance/gov-01.yml`: satu contoh program (diganti sendiri "
            "oleh program dari buku kerja yang diimpor);\n"
            "- `mkdocs.yml`: alamat situs {site} dan repositori {repository};\n"
            "- formulir isu masukan.{removed}\n\n"
            "Gabungkan (*merge*) usulan ini, lalu isi rencananya: unggah buku kerja Excel ke folder "
            "`impor/` (workflow *Impor Excel*) atau sunting berkas programnya langsung di GitHub.\n",
            "This pull request starts the region **{name}** (`{slug}`) in this repository, made by the "
            "*Mulai daerah* workflow:\n\n"
            "- `data/cities/{slug}.yml`: the region's profile, every optional key as a comment;\n"
            "- `data/programs/{slug}/governance/gov-01.yml`: one example program (replaced by the "
            "programs of an imported workbook);\n"
            "- `mkdocs.yml`: the site's address {site} and the repository {repository};\n"
            "- the feedback issue forms.{removed}\n\n"
            "Merge it, then fill in the plan: upload an Excel workbook into the folder `impor/` "
            "(the *Impor Excel* workflow) or edit the program files on GitHub directly.\n",
        ),
        "removed": (
            "\n- Daerah contoh dihapus: {examples}.",
            "\n- The example regions removed: {examples}.",
        ),
        "only_examples": (
            "### Repositori ini masih berisi daerah contoh saja\n\n"
            "Daerah di `data/cities/` ({examples}) adalah contoh dari templat, dengan data ilustrasi. "
            "Untuk memulai daerah Anda sendiri tanpa memasang apa pun: buka tab **Actions**, pilih "
            "workflow **Mulai daerah**, klik **Run workflow**, isi kode, nama, jenis dan provinsi "
            "daerah, lalu gabungkan (*merge*) *pull request* yang dibukanya.\n",
            "### This repository still holds only the example regions\n\n"
            "The regions in `data/cities/` ({examples}) are the template's examples, with illustrative "
            "data. To start your own region without installing anything: open the **Actions** tab, choose "
            "the **Mulai daerah** workflow, click **Run workflow**, fill in the region's slug, name, type "
            "and province, then merge the pull request it opens.\n",
        ),
        "commit": (
            "Mulai daerah {name} ({slug})\n\nDibuat oleh workflow Mulai daerah.\n",
            "Start the region {name} ({slug})\n\nMade by the Mulai daerah workflow.\n",
        ),
    },
)


class StartError(Exception):
    """A one-line reason why the region was not started; nothing was written."""


@dataclass(frozen=True)
class StartRequest:
    slug: str
    name: str
    region_type: RegionType
    province: str | None
    replace_examples: bool
    repository: Repository


def _text(inputs: dict[str, object], field: str) -> str:
    value = inputs.get(field)
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_INPUT:
        raise StartError(MESSAGES.say("too_long", field=field, limit=MAX_INPUT))
    if any(unicodedata.category(character).startswith("C") for character in text):
        raise StartError(MESSAGES.say("control", field=field))
    return text


def read_start_event(path: Path) -> StartRequest:
    """The inputs of a *Mulai daerah* run and the repository it runs in, from `$GITHUB_EVENT_PATH`."""
    not_an_event = StartError(MESSAGES.say("not_an_event", file=path))
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_EVENT_BYTES:
            raise not_an_event
        event = json.loads(raw.decode("utf-8"))
        inputs = event["inputs"]
        owner, name = str(event["repository"]["full_name"]).split("/")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise not_an_event from None
    if not isinstance(inputs, dict):
        raise not_an_event
    kind = _text(inputs, "type").casefold()
    if kind not in TYPES:
        raise StartError(MESSAGES.say("bad_type", value=kind))
    region_type = TYPES[kind]
    return StartRequest(
        slug=_text(inputs, "slug"),
        name=_region_name(_text(inputs, "name"), region_type),
        region_type=region_type,
        province=_text(inputs, "province") or None,
        replace_examples=_text(inputs, "replace_examples").casefold() in YES,
        repository=Repository(owner, name),
    )


def _region_name(name: str, region_type: RegionType) -> str:
    """`Banyuwangi` of type kabupaten is «Kabupaten Banyuwangi»; a name that says its type keeps it."""
    words = name.split()
    said = words[0].casefold().rstrip(".") if words else ""
    if said in ("kota", "kabupaten", "kab"):
        if (said == "kota") != (region_type == "kota"):
            raise StartError(MESSAGES.say("type_differs", name=name, type=region_type))
        return name
    return f"{region_type.capitalize()} {name}" if name else ""


def start_region(root: Path, request: StartRequest, start: int) -> tuple[Outcome, Scaffolded | None]:
    """Scaffold the region for the request; the outcome says which pull request to open, or why not."""
    try:
        made = new_city(
            root,
            request.slug,
            request.name,
            request.province,
            start,
            replace_example=request.replace_examples,
            repository=request.repository,
            region_type=request.region_type,
        )
    except ScaffoldError as error:
        return failed(str(error)), None
    removed = ""
    if made.removed_examples:
        removed = MESSAGES.say("removed", examples=", ".join(f"`{slug}`" for slug in made.removed_examples))
    body = MESSAGES.say(
        "body",
        name=markdown_text(request.name),
        slug=request.slug,
        site=request.repository.pages_url,
        repository=request.repository.url,
        removed=removed,
    )
    outcome = Outcome(
        "pull-request",
        f"data/cities/{request.slug}.yml: the region {request.name} started",
        title=MESSAGES.say("title", name=request.name, slug=request.slug),
        body=body,
        commit=MESSAGES.say("commit", name=request.name, slug=request.slug),
        branch=f"{BRANCH_PREFIX}{request.slug}",
    )
    return outcome, made


def failed(reason: str) -> Outcome:
    """Nothing written: the job summary says why, in Indonesian (or English with RENCANA_LANG=en)."""
    return Outcome("comment", reason, MESSAGES.say("failed", reason=markdown_text(reason)), problems=(reason,))


def only_examples(root: Path) -> bool:
    """True while the repository holds no region but the template's examples."""
    regions = set(city_files(root))
    return bool(regions) and regions <= set(EXAMPLE_REGIONS)


def start_note(root: Path, repository: str) -> str:
    """For the job summary of Publish and Check: in a copy still holding only the examples, run Mulai daerah."""
    if repository.casefold() == TEMPLATE_REPOSITORY.casefold() or not only_examples(root):
        return ""
    return MESSAGES.say("only_examples", examples=", ".join(f"`{slug}`" for slug in sorted(city_files(root))))
