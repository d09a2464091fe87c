"""The data format of a city and its programs, as strict, frozen pydantic models.

Every field has a description: it feeds the JSON Schema that editors use and the
README's field reference (a test keeps the two in step). Rules that need more than
one file (ids, dimensions of the city, related programs) live in `macros.data.plan.rules`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from macros.data.language.catalog import Catalog
from macros.data.plan.characters import character_message, ends_with_its_only_line_break, escape, refused_character

_SAY = Catalog(
    "plan.model",
    {
        "day_format": (
            "seharusnya tanggal; tulis sebagai YYYY-MM-DD, mis. 2024-03-01",
            "expected a date; write it as YYYY-MM-DD, e.g. 2024-03-01",
        ),
        "day_unreal": (
            "`{value}` bukan tanggal kalender yang ada; tulis YYYY-MM-DD",
            "`{value}` is not a real calendar date; write YYYY-MM-DD",
        ),
        "month_format": (
            "seharusnya bulan; tulis sebagai YYYY-MM atau YYYY-MM-DD, mis. 2025-06",
            "expected a month; write it as YYYY-MM or YYYY-MM-DD, e.g. 2025-06",
        ),
        "month_unreal": (
            "`{value}` bukan tanggal kalender yang ada; tulis YYYY-MM atau YYYY-MM-DD",
            "`{value}` is not a real calendar date; write YYYY-MM or YYYY-MM-DD",
        ),
        "too_many_brackets": (
            "memuat {count} kurung `[`; paling banyak {limit} dalam satu teks (satu tautan `[teks](https://…)` "
            "memakai satu)",
            "has {count} `[` brackets; at most {limit} are allowed in one text (a link `[text](https://…)` uses one)",
        ),
        "or": (" atau ", " or "),
        "or_mailto": (" (atau mailto: untuk alamat surel)", " (or mailto: for an e-mail address)"),
        "not_full_address": (
            "bukan alamat lengkap; awali dengan {allowed}, mis. https://example.go.id/",
            "not a full address; start it with {allowed}, e.g. https://example.go.id/",
        ),
        "scheme_refused": (
            "tautan `{scheme}:` tidak diperbolehkan; pakai alamat yang diawali {allowed}",
            "`{scheme}:` links are not allowed; use an address starting with {allowed}",
        ),
        "not_in_url": (
            "alamat tidak boleh memuat spasi, tanda kutip, `<` atau `>`; salin dari bilah alamat peramban",
            "an address cannot contain spaces, quotes, `<` or `>`; copy it from the browser's address bar",
        ),
        "mailto": (
            "tulis tautan surel sebagai mailto:nama@example.go.id",
            "write an e-mail link as mailto:name@example.go.id",
        ),
        "no_site_name": (
            "nama situs belum ada; tulis alamatnya sebagai {scheme}://example.go.id/…",
            "the site name is missing; write the address as {scheme}://example.go.id/…",
        ),
        "period_order": (
            "{start} lebih besar dari tahun akhir {end}; tukar keduanya",
            "{start} is after the end year {end}; swap them",
        ),
    },
)

HORIZONS = ("quick-win", "short", "medium", "long")
STATUSES = ("planned", "ongoing", "completed", "delayed", "stopped")
BUDGET_SOURCES = ("APBD", "APBD-Provinsi", "APBN", "KPBU", "CSR", "Lainnya")

Horizon = Literal["quick-win", "short", "medium", "long"]
Status = Literal["planned", "ongoing", "completed", "delayed", "stopped"]
BudgetSource = Literal["APBD", "APBD-Provinsi", "APBN", "KPBU", "CSR", "Lainnya"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Characters a browser would never leave in an address; in data they are a paste gone wrong.
_NOT_IN_URL = re.compile(r"[\s\"<>`\\\x00-\x1f\x7f]")

# Markdown texts are bounded so that no file can stall the build: Python-Markdown's link
# parsing grows faster than the square of the `[` count, and some emphasis runs (`_` then
# thousands of `*`) with the square of their length. At these limits one text renders
# in under a second (python -m scripts.measure_bad_data).
MARKDOWN_MAX_CHARS = 5_000
MARKDOWN_MAX_BRACKETS = 100


def _parse_day(value: object) -> date:
    if not isinstance(value, str) or not _DAY.match(value):
        raise PydanticCustomError("day_format", _SAY.template("day_format"))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("day_unreal", _SAY.template("day_unreal"), {"value": value}) from None


def _check_month(value: object) -> str:
    if not isinstance(value, str) or not _MONTH.match(value):
        raise PydanticCustomError("month_format", _SAY.template("month_format"))
    try:
        date.fromisoformat(value if len(value) == 10 else f"{value}-01")
    except ValueError:
        raise PydanticCustomError("month_unreal", _SAY.template("month_unreal"), {"value": value}) from None
    return value


def _few_brackets(value: str) -> str:
    count = value.count("[")
    if count > MARKDOWN_MAX_BRACKETS:
        raise PydanticCustomError(
            "too_many_brackets",
            _SAY.template("too_many_brackets"),
            {"count": count, "limit": MARKDOWN_MAX_BRACKETS},
        )
    return value


# A numeric character reference, as Python-Markdown passes it on to the page (`&#14;`, `&#x0E;`).
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")

REFERENCE_MESSAGES = Catalog(
    "character_references",
    {
        "refused_reference": (
            "teks memuat `{reference}`, rujukan ke karakter {code} yang tidak boleh ada di halaman web; hapus",
            "the text contains `{reference}`, a reference to the character {code}, which web pages may not hold; "
            "remove it",
        ),
    },
)


def _no_refused_references(value: str) -> str:
    """Markdown turns `&#14;` into the character itself on the page: refused as the raw character is."""
    for found in _REFERENCE.finditer(value):
        code = int(found.group(1), 16) if found.group(1) else int(found.group(2))
        refused = code == 0 or code == 0x0D or code > 0x10FFFF
        if not refused and refused_character(chr(code), several_lines=True) is None:
            continue
        raise PydanticCustomError(
            "refused_reference",
            REFERENCE_MESSAGES.say("refused_reference", reference=found.group(), code=f"U+{code:04X}"),
            {"reference": found.group()},
        )
    return value


def _url_problem(value: str, schemes: tuple[str, ...]) -> str | None:
    """What is wrong with `value` as a link allowed to use `schemes`, or None when it is fine."""
    web = _SAY.say("or").join(f"{s}://" for s in ("https", "http") if s in schemes)
    allowed = web + (_SAY.say("or_mailto") if "mailto" in schemes else "")
    scheme_match = _SCHEME.match(value)
    if scheme_match is None:
        return _SAY.say("not_full_address", allowed=allowed)
    scheme = scheme_match.group(1).lower()
    if scheme not in schemes:
        return _SAY.say("scheme_refused", scheme=scheme, allowed=allowed)
    if _NOT_IN_URL.search(value):
        return _SAY.say("not_in_url")
    if scheme == "mailto":
        return None if re.fullmatch(r"mailto:[^@/]+@[^@/]+", value, re.IGNORECASE) else _SAY.say("mailto")
    if not urlsplit(value).netloc:
        return _SAY.say("no_site_name", scheme=scheme)
    return None


def _allowed_characters(*, several_lines: bool) -> AfterValidator:
    """Refuse what YAML escapes can still write: control characters and noncharacters (tab and
    line feed too, unless the field holds several lines)."""

    def check(value: str) -> str:
        character = refused_character(value, several_lines=several_lines)
        if character is not None:
            last_only = ends_with_its_only_line_break(value)
            raise PydanticCustomError(
                "refused_character",
                character_message(character, escape(character), several_lines=several_lines, last_only=last_only),
                {"character": character, "several_lines": several_lines, "last_only": last_only},
            )
        return value

    return AfterValidator(check)


_ONE_LINE = _allowed_characters(several_lines=False)
_SEVERAL_LINES = _allowed_characters(several_lines=True)


def _safe_url(schemes: tuple[str, ...]) -> AfterValidator:
    def check(value: str) -> str:
        problem = _url_problem(value, schemes)
        if problem:
            raise PydanticCustomError("url_scheme", problem)
        return value

    return AfterValidator(check)


Text = Annotated[StrictStr, Field(min_length=1), _ONE_LINE]
Markdown = Annotated[
    StrictStr,
    Field(min_length=1, max_length=MARKDOWN_MAX_CHARS),
    _SEVERAL_LINES,
    AfterValidator(_few_brackets),
    AfterValidator(_no_refused_references),
]
# The JSON Schema carries the date patterns too, so that editors flag a bad date while typing.
Day = Annotated[
    date, BeforeValidator(_parse_day), WithJsonSchema({"type": "string", "format": "date", "pattern": _DAY.pattern})
]
Month = Annotated[str, BeforeValidator(_check_month), WithJsonSchema({"type": "string", "pattern": _MONTH.pattern})]
Year = Annotated[StrictInt, Field(ge=1900, le=2100)]
# `.nan` and `.inf` are floats to YAML, but no figure a page can show or JSON can hold.
Number = StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)]
Key = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# An agency's abbreviation or local name ("Dinkes", "Satpol PP"): short, for search and the OPD page.
AgencyName = Annotated[StrictStr, Field(min_length=1, max_length=60), _ONE_LINE]
WebUrl = Annotated[str, _ONE_LINE, _safe_url(("http", "https"))]
ContactUrl = Annotated[str, _ONE_LINE, _safe_url(("http", "https", "mailto"))]


class _Strict(BaseModel):
    # Containers stay lax (a YAML list fills a tuple); scalars use Strict* types so that
    # "2024" never silently becomes 2024 and `yes` never becomes a number.
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- program


class Period(_Strict):
    start: Year = Field(description="First year of the program.")
    end: Year = Field(description="Last year of the program (not before `start`).")

    @model_validator(mode="after")
    def _start_not_after_end(self) -> Period:
        if self.start > self.end:
            raise PydanticCustomError(
                "period_order", _SAY.template("period_order"), {"start": self.start, "end": self.end}
            )
        return self

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


class BudgetLine(_Strict):
    year: Year = Field(description="Budget year.")
    amount: Annotated[StrictInt, Field(ge=0)] = Field(description="Amount in rupiah, a whole number (750000000).")
    source: BudgetSource = Field(description="Source of funds: APBD, APBD-Provinsi, APBN, KPBU, CSR or Lainnya.")


class Indicator(_Strict):
    name: Text = Field(description="What is measured (KPI).")
    unit: Text = Field(description="Unit of the figures (persen, unit, hari…).")
    baseline: Number | None = Field(None, description="Value at the start of the program.")
    target: Number = Field(description="Value aimed for in `year`.")
    year: Year = Field(description="Year the target is due.")
    actual: Number | None = Field(None, description="Latest measured value.")


class Milestone(_Strict):
    name: Text = Field(description="What is to be reached.")
    planned: Month = Field(description="When it is planned: YYYY-MM or YYYY-MM-DD.")
    done: Month | None = Field(None, description="When it was reached: YYYY-MM or YYYY-MM-DD; leave out while open.")


class Update(_Strict):
    date: Day = Field(description="Date of the news: YYYY-MM-DD.")
    text: Markdown = Field(description="What happened (Markdown, at most 5,000 characters).")


class Source(_Strict):
    title: Text = Field(description="Name of the document or page.")
    url: WebUrl = Field(description="Its address (http or https).")


class Program(_Strict):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", max_length=40)] = Field(
        description="Program code such as GOV-01: letters, digits and `-`; unique in the city; its page URL."
    )
    title: Annotated[str, Field(min_length=1, max_length=200), _ONE_LINE] = Field(description="Name of the program.")
    dimension: Key = Field(description="Key of one of the city's dimensions (governance, living…).")
    element: Key | None = Field(None, description="Key of an element of that dimension (layanan-publik…).")
    summary: Annotated[str, Field(min_length=1, max_length=300), _ONE_LINE] = Field(
        description="One or two plain sentences, at most 300 characters."
    )
    description: Markdown | None = Field(
        None, description="What the program does (Markdown, at most 5,000 characters)."
    )
    problem: Markdown | None = Field(
        None, description="The priority urban problem it answers (Markdown, at most 5,000 characters)."
    )
    objectives: tuple[Text, ...] = Field((), description="What it aims to achieve, one text each.")
    horizon: Horizon = Field(description="quick-win, short, medium or long.")
    period: Period = Field(description="Years the program runs: start and end.")
    lead: Text = Field(description="Responsible agency (OPD).")
    partners: tuple[Text, ...] = Field((), description="Other agencies and partners.")
    budget: tuple[BudgetLine, ...] = Field((), description="Budget lines: year, amount in rupiah, source.")
    indicators: tuple[Indicator, ...] = Field((), description="Key performance indicators.")
    status: Status = Field(description="planned, ongoing, completed, delayed or stopped.")
    progress: Annotated[StrictInt, Field(ge=0, le=100)] | None = Field(
        None, description="Percent done, 0–100; leave out when not reported (shown as «belum dilaporkan», never 0)."
    )
    milestones: tuple[Milestone, ...] = Field((), description="Steps with planned and done dates.")
    updates: tuple[Update, ...] = Field((), description="Implementation log: date and text.")
    related: tuple[Annotated[str, _ONE_LINE], ...] = Field((), description="Ids of related programs in the same city.")
    sdgs: tuple[Annotated[StrictInt, Field(ge=1, le=17)], ...] = Field(
        (), description="Sustainable Development Goals served, numbers 1–17."
    )
    tags: tuple[Text, ...] = Field((), description="Keywords.")
    issues: tuple[Annotated[StrictInt, Field(ge=1)], ...] = Field(
        (), description="Numbers of GitHub issues that discuss this program."
    )
    sources: tuple[Source, ...] = Field((), description="Documents and pages the entry is based on.")
    reviewed: Day | None = Field(None, description="Date the entry was last checked: YYYY-MM-DD.")

    @property
    def progress_percent(self) -> int | None:
        """Progress with the defaults of the format: 100 when completed, 0 when planned; None when
        nobody reported a figure (unknown is not zero)."""
        if self.progress is not None:
            return self.progress
        return {"completed": 100, "planned": 0}.get(self.status)

    @property
    def total_budget(self) -> int | None:
        """The sum of the budget lines; None without any line (not recorded is not Rp 0)."""
        return sum(line.amount for line in self.budget) if self.budget else None

    @property
    def slug(self) -> str:
        return self.id.lower()


# ---------------------------------------------------------------- city


class PlanFacts(_Strict):
    title: Text = Field(description="Title of the master plan.")
    start: Year = Field(description="First year of the plan.")
    end: Year = Field(description="Last year of the plan.")
    legal_basis: Text | None = Field(None, description="Regulation that adopts the plan.")

    @model_validator(mode="after")
    def _start_not_after_end(self) -> PlanFacts:
        if self.start > self.end:
            raise PydanticCustomError(
                "period_order", _SAY.template("period_order"), {"start": self.start, "end": self.end}
            )
        return self


class Channel(_Strict):
    name: Text = Field(description="Name of the channel (SP4N-LAPOR!, email, WhatsApp…).")
    url: ContactUrl = Field(description="Its address: http, https or mailto.")
    note: Text | None = Field(None, description="One sentence on when to use it.")


class Feedback(_Strict):
    repository: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")] | None = Field(
        None, description="owner/repo that receives feedback issues; default: the repository of repo_url."
    )
    channels: tuple[Channel, ...] = Field((), description="Other ways to give feedback, for people without GitHub.")


class Dimension(_Strict):
    label: Text = Field(description="Name shown on the site (Smart Governance).")
    description: Text = Field(description="One short Indonesian sentence on the dimension.")
    icon: Annotated[str, Field(pattern=r"^(material|fontawesome|octicons|simple)/[a-z0-9/-]+$")] = Field(
        description="Icon of Material for MkDocs, e.g. material/bank-outline."
    )
    color: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] = Field(description="Colour as #rrggbb.")
    elements: dict[Key, Text] = Field(min_length=1, description="Elements as key: label.")


# A GitHub user name: letters, digits and single hyphens, at most 39 characters, no leading `@`.
GitHubAccount = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", max_length=39)]


class Evaluation(_Strict):
    year: Year = Field(description="Year of the national evaluation.")
    index: Annotated[Number, Field(ge=0, le=5)] = Field(description="Overall index, 0–5.")
    dimensions: dict[Key, Annotated[Number, Field(ge=0, le=5)]] = Field({}, description="Score per dimension key, 0–5.")


RegionType = Literal["kota", "kabupaten"]


class City(_Strict):
    name: Text = Field(description='Name of the city or regency ("Kota Mojokerto").')
    type: RegionType | None = Field(
        None, description="kota (city) or kabupaten (regency); by default taken from the name: «Kabupaten …» is one."
    )
    province: Text | None = Field(None, description="Province.")
    plan: PlanFacts = Field(description="The master plan: title, start, end, legal_basis.")
    vision: Text | None = Field(None, description="Vision of the plan.")
    missions: tuple[Text, ...] = Field((), description="Missions of the plan.")
    feedback: Feedback = Field(Feedback(), description="Where feedback goes: repository and other channels.")
    dimensions: dict[Key, Dimension] | None = Field(
        None, description="Overrides the six national dimensions (same shape)."
    )
    evaluations: tuple[Evaluation, ...] = Field((), description="National yearly evaluation: year, index, dimensions.")
    sample: StrictBool = Field(False, description="true marks illustrative data: every page then says so.")
    agencies: dict[Text, Annotated[tuple[AgencyName, ...], Field(min_length=1)]] = Field(
        {},
        description="Other names citizens use for a lead agency, as `Dinas Kesehatan: [Dinkes]`: "
        "searched with its programs and shown on the OPD page (common abbreviations are built in).",
    )
    report_months: Annotated[StrictInt, Field(ge=1, le=60)] = Field(
        6,
        description="Months without a dated update after which a program under way shows "
        "«belum ada laporan sejak …» (default 6).",
    )
    reporters: tuple[GitHubAccount, ...] = Field(
        (),
        description="GitHub accounts (without @) whose progress reports become pull requests; "
        "people with triage rights or more on the repository may report too.",
    )

    @property
    def region_type(self) -> RegionType:
        """`type`, else what the name says: a regency's name starts with «Kabupaten» or «Kab.»."""
        if self.type is not None:
            return self.type
        return region_type_of(self.name)


def region_type_of(name: str) -> RegionType:
    """What a region's name says it is: a regency's name starts with «Kabupaten» or «Kab.»."""
    return "kabupaten" if name.casefold().startswith(("kabupaten ", "kab. ", "kab ")) else "kota"
