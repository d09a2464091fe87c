"""robots.txt: every page may be indexed, and the sitemap is where site_url says."""

from __future__ import annotations


def robots_txt(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        # The Sitemap line needs an absolute address, so it is left out when site_url is not set.
        lines += ["", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml"]
    return "\n".join(lines) + "\n"
