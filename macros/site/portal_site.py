"""The portal as MkDocs sees it: its files and nav, and what changes in a region's site inside it.

The portal is built by the same hooks as a region (`macros/site/hooks.py`), with another
role (`macros.site.state.Role`): its pages come from `portal/` instead of `docs/`, and it
shares the theme, `docs/assets/` and the Material theme files with every region's site.

A region's site inside a portal (at `/<slug>/`) does not copy the theme's own files
(Material's scripts and stylesheets, 2.5 MB a region): its pages load the portal's copy,
one folder up. Its own search, stylesheet and script stay in the region's folder, since
`docs/assets/search.js` finds the region's search index from its own address.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import pass_context
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.structure.files import File

from macros.data.portal.regions import PORTAL_FOLDER, Portal
from macros.publish.portal_data import portal_data_files
from macros.render.html import absolute_url, portal_relative
from macros.render.portal import portal_sample_notice
from macros.site.robots import robots_txt
from macros.site.theme import theme_files

if TYPE_CHECKING:
    from jinja2.runtime import Context
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

# The portal's nav: its pages in `portal/`, in this order.
PORTAL_NAV: list[dict[str, str]] = [
    {"Beranda": "index.md"},
    {"Bandingkan": "bandingkan.md"},
    {"Cari": "cari.md"},
    {"Data": "data.md"},
    {"Tentang": "tentang.md"},
]

# The portal's own look and behaviour (`portal/assets/`), on its pages and on every region page inside it.
PORTAL_CSS = "assets/portal.css"
PORTAL_JS = "assets/portal.js"

# The folder of a region's hand-written pages and assets, which the portal's pages use too.
REGION_DOCS = "docs"


def add_portal_assets(config: MkDocsConfig, portal_root: str) -> None:
    """Link the portal's stylesheet and script; `portal_root` is the portal seen from the site's root."""
    config.extra_css.append(portal_root + PORTAL_CSS)
    script = ExtraScriptValue(portal_root + PORTAL_JS)
    script.defer = True
    config.extra_javascript.append(script)


def portal_files(files: Files, config: MkDocsConfig, portal: Portal, root: Path) -> Files:
    """The portal's files: its pages (from `portal/`), the regions' assets, open data and robots.txt."""
    docs = root / REGION_DOCS
    for path in sorted((docs / "assets").rglob("*")):
        uri = path.relative_to(docs).as_posix()
        if path.is_file() and files.get_file_from_path(uri) is None:  # portal/assets/ wins
            files.append(File(uri, str(docs), config.site_dir, config.use_directory_urls))
    if not files.get_file_from_path("robots.txt"):
        sitemaps = [
            absolute_url(config.site_url, f"{plan.slug}/sitemap.xml")
            for plan in portal.plans
            if plan.slug not in portal.remote  # a region with a site of its own lists its sitemap there
        ]
        files.append(
            File.generated(config, "robots.txt", content=robots_txt(config.site_url, [s for s in sitemaps if s]))
        )
    for data_file in portal_data_files(portal, config.site_url or ""):
        files.append(File.generated(config, data_file.path, content=data_file.content))
    for file in files.documentation_pages():
        # edit_uri points into docs/ (mkdocs.yml); the portal's pages are in portal/.
        file.edit_uri = f"../{PORTAL_FOLDER}/{file.src_uri}"
    config.nav = [dict(entry) for entry in PORTAL_NAV]
    config.extra["sample_notice"] = portal_sample_notice(portal)
    return files


def share_theme_files(files: Files, config: MkDocsConfig) -> frozenset[str]:
    """Leave the theme's own files out of a region's site inside a portal; returns their addresses."""
    shared = theme_files(files, config)
    for file in shared:
        files.remove(file)
    return frozenset(file.url for file in shared)


def shared_theme_url(original: Callable[..., str], shared: frozenset[str]) -> Callable[..., str]:
    """The theme's `url` filter, sending the theme's own files to the portal's copy one folder up."""

    @pass_context
    def url(context: Context, value: Any) -> str:
        text = str(value)
        return original(context, "../" + text if text in shared else text)

    return url


def portal_link(page: Any, base_url: str, path: str = "") -> str:
    """A link from the page of a region inside a portal to `path` of the portal."""
    if page is None or page.url is None:  # 404.html: its links start at the site's absolute path
        joined = posixpath.normpath(posixpath.join(base_url, "..", path))
        return joined + "/" if (path.endswith("/") or not path) and not joined.endswith("/") else joined
    return portal_relative(page.url, path)
