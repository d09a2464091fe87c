"""The build shortcuts change no byte: the nav fragment cache and pages that skip MkDocs' Markdown step."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import material
import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.site import deferred
from macros.site.page_cache import CACHE_VARIABLE
from macros.site.theme import FragmentCache, ThemeText, drop_unused_theme_files, primary_nav_key, sibling_key
from macros.site.theme_markup import fix_theme_markup, without_generator
from tests.helpers import build_site, copy_sample


def _build_in_process(project: Path, site: Path, *, shortcuts: bool) -> dict[str, bytes]:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    with pytest.MonkeyPatch.context() as patch:
        if not shortcuts:
            hooks = next(iter(config.hooks.values()))
            patch.setattr(hooks._DataPage, "render", Page.render)  # MkDocs' own Markdown step
            patch.setattr(FragmentCache, "__call__", lambda self, key, caller: caller())
        build(config)
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_shortcuts_leave_every_page_byte_identical(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv(CACHE_VARIABLE, "off")  # every page rendered, by each way (tests/test_page_cache.py)
    project = sample_site.parent / "project"  # the sample region's project, read only
    fast = _build_in_process(project, tmp_path / "fast", shortcuts=True)
    plain = _build_in_process(project, tmp_path / "plain", shortcuts=False)
    assert fast.keys() == plain.keys()
    # Programs of several dimensions (one shared nav each), the first and a later one of a dimension,
    # a page outside the nav at the top level, and pages in the nav.
    for page in (
        "governance/gov-01/index.html",
        "governance/gov-02/index.html",
        "living/liv-03/index.html",
        "cetak/index.html",
        "cari/index.html",  # a top-level page that its own header links to
        "governance/index.html",
        "index.html",
    ):
        assert page in fast
    different = [page for page in fast if fast[page] != plain[page]]
    assert different == []


@pytest.mark.slow
def test_a_block_macro_stays_where_a_page_places_it_inside_an_admonition(tmp_path: Path) -> None:
    """Block macros skip Markdown (macros.site.deferred): their marker must not end the block around it."""
    project = copy_sample(tmp_path / "project")
    (project / "docs" / "ringkas.md").write_text(
        '# Ringkas\n\nSebelum.\n\n!!! note "Angka utama"\n    {{ key_figures() }}\n\nSesudah.\n', encoding="utf-8"
    )
    result = build_site(project, tmp_path / "site", env={"RENCANA_LANG": "id"})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "ringkas" / "index.html").read_text(encoding="utf-8")
    start = page.index('<div class="admonition note">')
    depth, end = 0, start
    for tag in re.finditer(r"<(/?)div\b", page[start:]):  # to the note's own </div>
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = start + tag.end()
            break
    note, after = page[start:end], page[end:]
    assert '<p class="admonition-title">Angka utama</p>' in note
    assert 'class="rc-list rc-figures"' in note  # the figures, inside the note
    assert "rc-deferred" not in page and 'class="rc-list rc-figures"' not in after
    assert after.index("<p>Sesudah.</p>") >= 0


def test_a_marker_written_by_hand_is_left_as_it_is_once_the_macros_markers_are_used_up() -> None:
    deferred.reset()
    marker = deferred.defer("<ul><li>a</li></ul>")
    assert deferred.restore(f"<p>x</p>\n{marker}\n<p>y</p>") == "<p>x</p>\n<ul><li>a</li></ul>\n<p>y</p>"
    assert deferred.restore(f"<p>{marker}</p>") == f"<p>{marker}</p>"  # its block was put back already


def test_cached_nav_links_are_relative_to_each_program_folder(sample_site: Path) -> None:
    governance = (sample_site / "governance" / "gov-02" / "index.html").read_text(encoding="utf-8")
    living = (sample_site / "living" / "liv-02" / "index.html").read_text(encoding="utf-8")
    assert 'href="../" class="md-nav__link' in governance  # its own dimension, one folder up
    assert 'href="../../living/" class="md-nav__link' in governance
    assert 'href="../" class="md-nav__link' in living
    assert 'href="../../governance/" class="md-nav__link' in living


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


def test_pages_outside_the_nav_share_their_nav_per_folder() -> None:
    home, section = _page(""), _page("governance/")
    nav = SimpleNamespace(pages=[home, section])
    assert primary_nav_key(nav, _page("governance/gov-01/")) == primary_nav_key(nav, _page("governance/gov-02/"))
    assert primary_nav_key(nav, _page("governance/gov-01/")) != primary_nav_key(nav, _page("living/liv-01/"))
    assert primary_nav_key(nav, _page("cetak/")) != primary_nav_key(nav, _page("governance/gov-01/"))


def test_pages_in_the_nav_and_pages_with_nav_entries_inside_render_their_own() -> None:
    inner = _page("governance/gov-01/sub/")
    nav = SimpleNamespace(pages=[_page(""), _page("governance/"), inner])
    assert primary_nav_key(nav, nav.pages[1]) is None
    assert primary_nav_key(nav, None) is None
    assert primary_nav_key(nav, _page("governance/gov-01/")) is None  # a nav entry lies inside it
    assert primary_nav_key(nav, _page("governance/gov-02/")) is not None


def test_pages_share_the_themes_fixed_fragments_only_with_the_pages_beside_them() -> None:
    assert sibling_key("header", _page("governance/gov-01/")) == sibling_key("header", _page("governance/gov-02/"))
    assert sibling_key("header", _page("governance/gov-01/")) != sibling_key("header", _page("living/liv-01/"))
    assert sibling_key("header", _page("governance/gov-01/")) != sibling_key("config", _page("governance/gov-02/"))
    # Top-level pages link to some of these places themselves ("cari/" is "./" on its own page).
    for alone in ("", "cari/", "tentang/", "governance/"):
        assert sibling_key("header", _page(alone)) is None
    assert sibling_key("header", _page("assets/stylesheets/")) is None  # where the fragments' files are
    assert sibling_key("header", None) is None


MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"


def _theme_texts(loader_paths: list[Path], language: str, keys: list[str]) -> list[str]:
    """What `lang.t(key)` gives, imported as Material's base.html imports it (with context)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(path) for path in loader_paths]))
    env.globals["theme_text"] = ThemeText(env, language)
    template = env.from_string(
        '{% import "partials/language.html" as lang with context %}'
        "{% for key in keys %}{{ lang.t(key) }}\x00{% endfor %}"
    )
    return template.render(config={"theme": {"language": language}}, keys=keys).split("\x00")


@pytest.mark.parametrize(
    ("language", "skip_link"), [("id", "Lewati ke isi"), ("en", "Skip to content"), ("de", "Zum Inhalt")]
)
def test_the_themes_texts_are_materials_own_in_each_language(language: str, skip_link: str) -> None:
    # Every key of English's table (a key missing from a language falls back to English) and two
    # that no table has (the key itself), twice each: the second answer comes from memory.
    table = (MATERIAL_TEMPLATES / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    keys = [*re.findall(r'^\s*"([^"]+)":', table, flags=re.MULTILINE), "tidak.ada", ""]
    assert len(keys) > 40
    keys += keys
    ours = _theme_texts([OVERRIDES, MATERIAL_TEMPLATES], language, keys)
    materials = _theme_texts([MATERIAL_TEMPLATES], language, keys)
    assert ours == materials
    assert ours[keys.index("action.skip")] == skip_link


def test_fragment_cache_renders_once_per_key() -> None:
    cache, calls = FragmentCache(), []

    def body() -> str:
        calls.append(1)
        return f"<nav>{len(calls)}</nav>"

    assert cache("a", body) == "<nav>1</nav>"
    assert cache("a", body) == "<nav>1</nav>"
    assert cache("b", body) == "<nav>2</nav>"
    assert cache(None, body) == "<nav>3</nav>"
    assert cache(None, body) == "<nav>4</nav>"


def test_the_site_leaves_out_what_only_materials_own_search_loads(sample_site: Path) -> None:
    published = {path.relative_to(sample_site).as_posix() for path in sample_site.rglob("*") if path.is_file()}
    assert any(name.startswith("assets/javascripts/bundle.") for name in published)  # the theme is there
    assert [
        name for name in published if name.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))
    ] == []
    assert [name for name in published if name.endswith(".map")] == []
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    for address in re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"?#]+)', home):
        if "://" not in address:
            assert (sample_site / address).is_file(), address  # everything a page loads is still published


def _theme_files(theme_dir: Path) -> list[File]:
    names = ["assets/javascripts/bundle.min.js", "assets/javascripts/lunr/min/lunr.id.min.js"]
    names += ["assets/javascripts/workers/search.min.js", "assets/stylesheets/main.min.css.map"]
    return [File(name, str(theme_dir), "/tmp/site", use_directory_urls=True) for name in names]


@pytest.mark.parametrize("plugins", [{}, {"search": object()}, {"material/search": object()}])
def test_materials_search_files_stay_when_its_search_is_on(tmp_path: Path, plugins: dict[str, object]) -> None:
    config = SimpleNamespace(plugins=plugins, theme=SimpleNamespace(dirs=[str(tmp_path)], custom_dir=None))
    files = Files(_theme_files(tmp_path))
    drop_unused_theme_files(files, config)
    kept = sorted(file.src_uri for file in files)
    if plugins:
        assert len(kept) == 4
    else:
        assert kept == ["assets/javascripts/bundle.min.js"]


# The generator tag as Material writes it, and the pattern that used to remove it: slow (a leading `\s*` is
# tried at every character of a page) but the plain statement of what `fix_theme_markup` must do.
GENERATOR_TAG = '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'
_SAID_PLAINLY = re.compile(r'\s*<meta name="generator" content="[^"]*">')


@given(
    before=st.text(),
    space=st.text(alphabet=" \t\n\r\u2003"),
    after=st.text(),
    again=st.booleans(),
)
def test_the_generator_tag_goes_with_the_whitespace_before_it_and_nothing_else(
    before: str, space: str, after: str, again: bool
) -> None:
    page = before + space + GENERATOR_TAG + after + (GENERATOR_TAG if again else "")
    assert without_generator(page) == _SAID_PLAINLY.sub("", page, count=1)
    assert without_generator("<head><title>x</title></head>") == "<head><title>x</title></head>"


def test_the_theme_toggles_lose_autocomplete_and_nothing_else_does() -> None:
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
        '<input class="md-toggle" data-md-toggle="palette" type="checkbox" id="__palette" autocomplete="off">'
        '<input type="search" autocomplete="off">'
    )
    assert fix_theme_markup(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
        '<input class="md-toggle" data-md-toggle="palette" type="checkbox" id="__palette" autocomplete="off">'
        '<input type="search" autocomplete="off">'
    )


def test_the_sample_sites_toggles_have_no_autocomplete(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'id="__drawer">' in home and 'id="__search">' in home
    assert 'id="__drawer" autocomplete' not in home
