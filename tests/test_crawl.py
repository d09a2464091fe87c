"""The link checker itself, on a small hand-made site with one mistake of each kind."""

from __future__ import annotations

from pathlib import Path

from tests.browser import serve
from tests.crawl import crawl

SITE_URL = "https://example.github.io/kota/"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def small_site(root: Path) -> Path:
    write(
        root / "index.html",
        f"""<!doctype html><html><head>
        <link rel="stylesheet" href="style.css"><link rel="icon" href="/kota/icon.svg">
        <link rel="canonical" href="{SITE_URL}"><script src="https://cdn.example.com/x.js"></script>
        </head><body>
        <a href="a/">ok</a> <a href="a/#ada">ok anchor</a> <a href="a/#hilang">missing anchor</a>
        <a href="tidak-ada/">missing page</a> <a href="/lain/">outside the sub-path</a>
        <a href="{SITE_URL}a/">absolute, ok</a> <a href="https://github.com/x/y">external</a>
        <a href="mailto:a@b.c">mail</a> <a href="#">top</a>
        <img src="img/a.png" srcset="img/a.png 1x, img/b.png 2x" alt="">
        </body></html>""",
    )
    write(root / "a" / "index.html", '<!doctype html><h1 id="ada">A</h1><a href="../">home</a>')
    write(root / "style.css", "body { background: url('img/bg.png') } i { background: url(data:image/png;base64,AA) }")
    write(root / "icon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    write(root / "img" / "a.png", "png")
    write(root / "404.html", '<!doctype html><link rel="stylesheet" href="/kota/style.css"><a href="/kota/">home</a>')
    return root


def test_crawl_finds_each_kind_of_broken_link_and_nothing_else(tmp_path: Path) -> None:
    with serve(small_site(tmp_path), "/kota/") as base:
        result = crawl(base, site_url=SITE_URL)
    broken = {(b.link.source.removeprefix(base), b.link.target.removeprefix(base), b.reason) for b in result.broken}
    assert broken == {
        ("", "a/", "no element with id #hilang"),
        ("", "tidak-ada/", "HTTP 404"),
        ("", base.removesuffix("/kota/") + "/lain/", "outside the site's path /kota/"),
        ("", "img/b.png", "HTTP 404"),
        ("style.css", "img/bg.png", "HTTP 404"),
    }
    assert sorted(url.removeprefix(base) for url in result.pages) == ["", "a/"]
    assert {(link.target, link.resource) for link in result.external} == {
        ("https://cdn.example.com/x.js", True),
        ("https://github.com/x/y", False),
    }


def test_crawl_reads_the_404_page_of_a_missing_address(tmp_path: Path) -> None:
    with serve(small_site(tmp_path), "/kota/") as base:
        missing = base + "jauh/sekali/tidak-ada/"
        result = crawl(base, [missing])
    from_404 = [(b.link.target, b.reason) for b in result.broken if b.link.source in ("", missing)]
    assert from_404 == [(missing, "HTTP 404")]
    assert result.status[base + "style.css"] == 200  # the 404 page's root-absolute stylesheet
