"""Feedback through GitHub issues: where it goes, the links that open and list it, its blocks.

A program page gets a "Beri masukan" button that opens the issue form
`.github/ISSUE_TEMPLATE/masukan.yml` of the feedback repository, pre-filled
through the URL (the form's field ids are query parameters), and a "Lihat
masukan" link that lists the issues already filed on the program. The ids and
labels here are the contract between the site, the form (`macros.publish.feedback_form`)
and the labelling workflow (`.github/workflows/label-feedback.yml`).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote, urlencode

from macros.data.plan.model import City, Program
from macros.render.html import absolute_url, esc, external_link, link, program_url, relative

FORM_FILE = "masukan.yml"
FEEDBACK_LABEL = "masukan"
PROGRAM_LABEL_PREFIX = "program:"
REGION_LABEL_PREFIX = "daerah:"
MASUKAN_PAGE = "masukan/"

# Field ids of the issue form: GitHub pre-fills a field from the query parameter of its id.
PROGRAM_FIELD = "program"
REGION_FIELD = "daerah"  # only in the form of a repository with several regions
PAGE_FIELD = "halaman"


def program_code(program: Program, region: str | None = None) -> str:
    """The program as labels and titles name it: `GOV-01`, or `mojokerto/GOV-01` when the
    repository takes several regions' feedback (the same id in two regions must not collide)."""
    return f"{region}/{program.id}" if region else program.id


def program_label(program: Program, region: str | None = None) -> str:
    return f"{PROGRAM_LABEL_PREFIX}{program_code(program, region)}"


def region_label(region: str) -> str:
    return f"{REGION_LABEL_PREFIX}{region}"


def issue_title(program: Program, region: str | None = None) -> str:
    return f"[{program_code(program, region)}] {program.title}"


def page_address(site_url: str | None, page_url: str) -> str:
    """The page's full address when the site's address is known, else its path in the site."""
    return absolute_url(site_url, page_url) or "/" + page_url.lstrip("/")


def _query(parameters: dict[str, str]) -> str:
    # %20 rather than "+" for spaces: unambiguous in every part of a URL.
    return urlencode(parameters, quote_via=quote)


def new_issue_url(
    repository: str, program: Program | None = None, address: str | None = None, region: str | None = None
) -> str:
    """The form of the feedback repository, pre-filled with the program, its region and the page it was opened from."""
    parameters = {"template": FORM_FILE}
    if program is not None:
        parameters["title"] = issue_title(program, region)
        parameters[PROGRAM_FIELD] = program.id
    if region:
        parameters[REGION_FIELD] = region
    if address:
        parameters[PAGE_FIELD] = address
    return f"https://github.com/{repository}/issues/new?{_query(parameters)}"


def program_issues_query(program: Program, region: str | None = None) -> str:
    """GitHub's issue search for a program: its label (set by the workflow) or its code in the title."""
    code = program_code(program, region)
    return f'is:issue (label:"{PROGRAM_LABEL_PREFIX}{code}" OR (in:title "[{code}]"))'


def issues_search_url(repository: str, query: str) -> str:
    return f"https://github.com/{repository}/issues?{_query({'q': query})}"


def feedback_issues_url(repository: str, region: str | None = None) -> str:
    """Every feedback issue, or (several regions) every one on this region."""
    query = f'is:issue label:"{FEEDBACK_LABEL}"'
    return issues_search_url(repository, query + (f' label:"{region_label(region)}"' if region else ""))


def issue_url(repository: str, number: int) -> str:
    return f"https://github.com/{repository}/issues/{number}"


def _button(href: str, label: str, *, primary: bool = False) -> str:
    css = "rc-button rc-button--primary" if primary else "rc-button"
    # Opens GitHub, another site: said in words for screen readers, with an arrow for the eye.
    return (
        f'<a class="{css}" href="{esc(href)}" rel="noopener noreferrer">{esc(label)}'
        f'<span class="rc-visually-hidden"> (di GitHub)</span>'
        f'<span class="rc-button__icon" aria-hidden="true">↗</span></a>'
    )


def _linked_issues(repository: str, numbers: Iterable[int]) -> str:
    items = "".join(
        f'<li><a href="{esc(issue_url(repository, number))}" rel="noopener noreferrer">'
        f'<span class="rc-visually-hidden">Diskusi GitHub nomor </span>#{number}</a></li>'
        for number in sorted(set(numbers))
    )
    return (
        f'<h3 class="rc-feedback__heading">Diskusi terkait di GitHub</h3><ul class="rc-feedback__issues">{items}</ul>'
    )


def program_feedback(program: Program, repository: str | None, address: str | None, region: str | None = None) -> str:
    """The "Masukan" block of a program page; `address` is the page's own, for the form;
    `region` the region's slug when the repository takes several regions' feedback."""
    how = link(relative(program_url(program), MASUKAN_PAGE), "Cara kerja masukan dan kanal lain")
    question = "Punya pertanyaan, usulan, laporan kondisi lapangan, atau koreksi data tentang program ini?"
    # The same sentences on every program page would make every page a hit for "usulan" or
    # "laporan": search skips them.
    if repository is None:
        return f'<div class="rc-feedback" data-pagefind-ignore><p>{question} {how}.</p></div>'
    parts = [
        '<div class="rc-feedback" data-pagefind-ignore>',
        f"<p>{question} Sampaikan secara terbuka lewat GitHub.</p>",
        '<div class="rc-feedback__actions">',
        _button(new_issue_url(repository, program, address, region), "Beri masukan", primary=True),
        _button(issues_search_url(repository, program_issues_query(program, region)), "Lihat masukan"),
        "</div>",
        f'<p class="rc-feedback__note">Masukan tampil untuk umum dan memerlukan akun GitHub. {how}.</p>',
    ]
    if program.issues:
        parts.append(_linked_issues(repository, program.issues))
    parts.append("</div>")
    return "".join(parts)


def general_feedback(repository: str | None, address: str | None = None, region: str | None = None) -> str:
    """Buttons for the Masukan page: feedback not tied to one program, and every feedback so far."""
    if repository is None:
        return (
            '<p class="rc-feedback__note">Masukan lewat GitHub belum tersedia untuk situs ini. '
            "Gunakan salah satu kanal di bawah.</p>"
        )
    return (
        '<div class="rc-feedback__actions">'
        f"{_button(new_issue_url(repository, address=address, region=region), 'Beri masukan umum', primary=True)}"
        f"{_button(feedback_issues_url(repository, region), 'Lihat semua masukan')}"
        "</div>"
    )


def channel_list(city: City) -> str:
    """The city's other feedback channels (for people without a GitHub account)."""
    channels = city.feedback.channels
    if not channels:
        return (
            '<p class="rc-empty">Kanal lain belum dicantumkan. Hubungi pemerintah daerah melalui saluran resminya.</p>'
        )
    items = "".join(
        f"<li>{external_link(channel.url, channel.name)}{': ' + esc(channel.note) if channel.note else ''}</li>"
        for channel in channels
    )
    return f'<ul class="rc-channels">{items}</ul>'
