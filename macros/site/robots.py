"""robots.txt: every page may be indexed, and the sitemap is where site_url says."""

from __future__ import annotations

from collections.abc import Iterable


def robots_txt(site_url: str | None, more_sitemaps: Iterable[str] = ()) -> str:
    """`more_sitemaps`: the portal's robots.txt also names every region's sitemap (crawlers read only the root's)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        # The Sitemap line needs an absolute address, so it is left out when site_url is not set.
        lines += ["", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml"]
        lines += [f"Sitemap: {sitemap}" for sitemap in more_sitemaps]
    return "\n".join(lines) + "\n"
