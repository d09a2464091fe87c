"""Small charts drawn at build time: HTML bars and SVG, no chart library in the browser.

Every chart carries its figures as text (a label and a value per bar, a table beside a
line chart), so that nothing is said by the drawing alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.render.html import esc


@dataclass(frozen=True)
class Bar:
    label_html: str  # already escaped
    value: int | float
    value_text: str
    accent: str | None = None  # a #rrggbb colour, else the theme's


def bar_list(title: str, bars: list[Bar], *, empty: str = "Belum ada data.", note: str = "") -> str:
    """A titled list of horizontal bars, each with its label and figure written out; `note` says
    what the figures cover (below the bars)."""
    if not bars:
        return f'<section class="rc-chart"><h3>{esc(title)}</h3><p class="rc-empty">{esc(empty)}</p></section>'
    covers = f'<p class="rc-chart__note">{esc(note)}</p>' if note else ""
    largest = max(bar.value for bar in bars) or 1
    items = []
    for bar in bars:
        style = f"width:{100 * bar.value / largest:.1f}%"
        if bar.accent:
            style += f";--rc-accent:{esc(bar.accent)}"
        items.append(
            f'<li><span class="rc-bars__label">{bar.label_html}</span> '
            f'<span class="rc-bars__value">{bar.value_text}</span>'
            f'<span class="rc-bars__track" aria-hidden="true"><span class="rc-bars__bar" style="{style}"></span></span>'
            f"</li>"
        )
    return f'<section class="rc-chart"><h3>{esc(title)}</h3><ul class="rc-bars">{"".join(items)}</ul>{covers}</section>'


def svg_number(value: float) -> str:
    """Coordinates with at most one decimal, and no "-0": the same figures give the same bytes."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
