"""What the build in progress publishes, and its data, shared by the hooks and the macros.

MkDocs imports `macros/site/hooks.py` by file path, so a module-level variable there is
not the one `import macros.site.hooks` would see; both sides import this module instead.
Whoever starts a build in this process (`macros.site.engine`) sets its role first; a plain
`mkdocs build` or `mkdocs serve` keeps the default, one region alone at the root.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.data.plan.assemble import Plan
from macros.data.plan.problems import Problem
from macros.data.portal.regions import Portal


@dataclass(frozen=True)
class Role:
    """Which site a build makes: a region (alone, or at /<slug>/ of a portal) or the portal itself."""

    region: str | None = None  # the region's slug; None: CITY, else extra.city of mkdocs.yml, else the only one
    in_portal: bool = False  # the region's site is /<slug>/ of a portal: it links back and shares theme files
    portal: bool = False  # the portal over every region

    @property
    def portal_root(self) -> str | None:
        """Where the portal is, seen from this site's root: None when there is no portal."""
        if self.portal:
            return ""
        return "../" if self.in_portal else None


ALONE = Role()

_role = ALONE
_current: Plan | None = None
_portal: Portal | None = None
_feedback_region: str | None = None
_found: list[Problem] = []


def set_role(role: Role) -> None:
    global _role
    _role = role


def current_role() -> Role:
    return _role


def set_plan(plan: Plan | None, *, feedback_region: str | None = None) -> None:
    """The region's plan; `feedback_region` is its slug when one repository takes several regions' feedback."""
    global _current, _feedback_region
    _current, _feedback_region = plan, feedback_region


_problems: list[Problem] = []


def set_problems(problems: list[Problem]) -> None:
    """The data errors `mkdocs serve` shows in the browser instead of the site (empty: none)."""
    _problems[:] = problems


def current_problems() -> list[Problem]:
    return list(_problems)


def current_plan() -> Plan:
    if _current is None:
        raise RuntimeError("no plan loaded: macros/site/hooks.py must be listed under `hooks:` in mkdocs.yml")
    return _current


def feedback_region() -> str | None:
    return _feedback_region


def set_found(problems: list[Problem]) -> None:
    """The data problems the build in progress found: its errors when it stopped, else its warnings."""
    global _found
    _found = list(problems)


def found() -> list[Problem]:
    return _found


def set_portal(portal: Portal | None) -> None:
    global _portal
    _portal = portal


def current_portal() -> Portal:
    if _portal is None:
        raise RuntimeError("no portal loaded: portal pages are built by `python -m macros build` (make site)")
    return _portal
