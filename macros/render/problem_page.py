"""The page `mkdocs serve` shows while the data has errors: the same lines `make check` prints.

A maintainer edits YAML beside the preview; the browser must say what is wrong where they
look, and show the site again once the files are fixed (the preview reloads by itself).
"""

from __future__ import annotations

from macros.data.problems import Problem, summary
from macros.render.html import esc


def problem_page(problems: list[Problem]) -> str:
    items = "".join(f"<li><code>{esc(problem)}</code></li>" for problem in problems)
    return (
        '<div class="rc-problems" role="alert">'
        "<p><strong>The data has errors: the site cannot be shown until they are fixed.</strong> "
        "Fix the files below and save: this page reloads by itself (the same list as <code>make check</code>).</p>"
        f'<ol class="rc-problems__list">{items}</ol>'
        f"<p>{esc(summary(problems))}</p></div>"
    )
