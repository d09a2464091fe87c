"""Screenshots of built pages at phone and desktop widths, to look at them as a citizen would.

Usage: python scripts/screenshot.py SITE_DIR OUT_DIR PATH [PATH...]
Serves SITE_DIR on 127.0.0.1 and writes OUT_DIR/<name>-{390,1280}.png for each PATH.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve


def main(site: Path, out: Path, paths: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serve(site, "/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        for width, height in ((390, 844), (1280, 900)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base + path.lstrip("/"))
                name = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
