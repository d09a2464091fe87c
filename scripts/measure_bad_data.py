"""How long bad data takes to be refused, and the slowest Markdown the limits still allow.

Usage: python -m scripts.measure_bad_data
Prints, for each case of tests/fixtures/invalid/, the time to read and check it in this
process (no interpreter start-up), then render times of Markdown texts at the limits
of `macros.data.plan.model` (5,000 characters, 100 `[`). Figures only: nothing is asserted.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from macros.data.plan.assemble import check_data
from macros.data.plan.model import MARKDOWN_MAX_BRACKETS, MARKDOWN_MAX_CHARS
from macros.render.richtext import render_markdown

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "invalid"
TODAY = date(2026, 11, 27)


def _seconds(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def measure_cases() -> None:
    print("case                               check (ms)")
    for case in sorted(path for path in FIXTURES.iterdir() if path.is_dir()):
        slugs = {path.stem for path in (case / "data" / "cities").glob("*.yml")}
        slugs |= {path.name for path in (case / "data" / "programs").glob("*") if path.is_dir()}
        elapsed = sum(
            _seconds(lambda slug=slug, case=case: check_data(case, slug, TODAY)) for slug in sorted(slugs) or ["contoh"]
        )
        print(f"{case.name:34} {elapsed * 1000:10.1f}")


def measure_markdown() -> None:
    brackets = MARKDOWN_MAX_BRACKETS
    filler = MARKDOWN_MAX_CHARS
    texts = {
        "plain text at the length limit": "Uraian program. " * (filler // 16),
        f"{brackets} nested [": "[" * brackets + "x" + "]" * brackets,
        f"{brackets} unclosed `[a](`": ("[a](" * brackets).ljust(filler, "b"),
        f"{brackets} unclosed `![a](`": ("![a](" * brackets).ljust(filler, "b"),
        f"{brackets} `[a][` references": ("[a][" * brackets).ljust(filler, "b"),
        f"{brackets} mixed `[*_`<&`": ("[*_`<&" * brackets).ljust(filler, "*"),
        "emphasis runs at the length limit": "*_" * (filler // 2),
        "`_` then `*` to the length limit": "_" + "*" * (filler - 1),
        "block quotes at the length limit": "> " * (filler // 2),
        "refused: 1,000 `[`": "[" * 1000,
        "refused: `_` then 10,000 `*`": "_" + "*" * 10_000,
    }
    print("\nMarkdown text                      render (ms)")
    for name, text in texts.items():
        print(f"{name:34} {_seconds(lambda text=text: render_markdown(text)) * 1000:10.1f}")


if __name__ == "__main__":
    measure_cases()
    measure_markdown()
