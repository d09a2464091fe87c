"""The page `mkdocs serve` shows while the data has errors: the same lines `make check` prints.

A maintainer edits YAML beside the preview; the browser must say what is wrong where they
look, and show the site again once the files are fixed (the preview reloads by itself).
"""

from __future__ import annotations

from macros.data.language.catalog import Catalog, current_language
from macros.data.plan.problems import Problem, summary
from macros.render.html import esc

_SAY = Catalog(
    "render.problem_page",
    {
        "lead": (
            "Data memuat galat: situs tidak dapat ditampilkan sebelum galat diperbaiki.",
            "The data has errors: the site cannot be shown until they are fixed.",
        ),
        "how": (
            "Perbaiki berkas di bawah ini lalu simpan: halaman ini dimuat ulang sendiri "
            "(daftar yang sama dengan {command}).",
            "Fix the files below and save: this page reloads by itself (the same list as {command}).",
        ),
        "title": ("Galat data", "Data errors"),
    },
)


def problem_page(problems: list[Problem]) -> str:
    items = "".join(f"<li><code>{esc(problem)}</code></li>" for problem in problems)
    how = esc(_SAY.say("how", command="{command}")).format(command="<code>make check</code>")
    return (
        '<div class="rc-problems" role="alert">'
        f"<p><strong>{esc(_SAY.say('lead'))}</strong> {how}</p>"
        f'<ol class="rc-problems__list">{items}</ol>'
        f"<p>{esc(summary(problems))}</p></div>"
    )


def problem_document(problems: list[Problem]) -> str:
    """The list as a page of its own, for the preview of a portal: the theme needs a plan to show it in."""
    title = esc(_SAY.say("title"))
    return (
        f'<!doctype html><html lang="{current_language()}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title>'
        "<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "color:#1a1a1a}code{white-space:pre-wrap;overflow-wrap:anywhere}li{margin:.5rem 0}</style></head>"
        f"<body><main><h1>{title}</h1>{problem_page(problems)}</main></body></html>"
    )
