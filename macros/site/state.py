"""The plan of the build in progress, shared by the hooks and the macros.

MkDocs imports `macros/site/hooks.py` by file path, so a module-level variable there is
not the one `import macros.site.hooks` would see; both sides import this module instead.
"""

from __future__ import annotations

from macros.data.plan import Plan

_current: Plan | None = None


def set_plan(plan: Plan | None) -> None:
    global _current
    _current = plan


def current_plan() -> Plan:
    if _current is None:
        raise RuntimeError("no plan loaded: macros/site/hooks.py must be listed under `hooks:` in mkdocs.yml")
    return _current
