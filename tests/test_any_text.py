"""Any Unicode text in any text field: refused in one line each, or published exactly.

Hypothesis writes random texts (every plane, controls, surrogates and other characters
YAML cannot hold raw written as escapes, bidi marks, zero-width characters, HTML, Jinja
and Markdown) into every text field of an otherwise valid program. `check` must exit 0 or 1
with messages of one line each. The texts it accepts are then built into one site: its
pages pass the Nu HTML Checker, show the one-line texts, and the open data JSON gives every
text back exactly. The run is derandomized (the same examples in CI) and keeps no example
database, so nothing is written into the repository.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.__main__ import main
from tests.helpers import build_site, city, copy_site_config, program, write_yaml
from tests.test_bad_data import MESSAGE_LINE
from tests.test_valid_html import nu_errors

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


EXAMPLES = 300
PROGRAMS_IN_THE_SITE = 40
PROGRAM_FILE = "data/programs/contoh/p.yml"

# Characters that break things in some layer: controls (C0, DEL, C1), surrogates, noncharacters,
# line and paragraph separators, bidi controls and marks, zero-width characters, a byte order
# mark, combining marks, characters of other scripts and planes, and markup of HTML, Jinja and Markdown.
TRICKY = (
    [chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))]
    + ["\ud800", "\udbff", "\udc00", "\udfff", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"]
    + ["\u2028", "\u2029", "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
    + ["\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0", "\u3000"]
    + ["\u0301", "\u0650", "\u0e33", "ب", "ש", "中", "\U0001f600", "\U0001f1ee\U0001f1e9", "\U000e0041", "\U000f0000"]
    + [
        "<",
        ">",
        "&",
        '"',
        "'",
        "`",
        "\\",
        "{{",
        "}}",
        "{%",
        "%}",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "#",
        "!",
        "|",
        ":",
        "-",
    ]
    + [" ", "  ", "&amp;", "<script>", "</p>", "javascript:", "${x}"]
)
NONCHARACTERS = [chr(code) for code in range(0xFDD0, 0xFDF0)] + [
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
]
ANY_CHARACTER = st.one_of(
    st.characters(exclude_categories=()),  # any code point of any plane, surrogates included
    st.sampled_from(TRICKY),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
)
# What the format accepts: no control character, surrogate, line or paragraph separator or
# noncharacter (tab and line feed in Markdown texts only). Half of the examples draw from it,
# so that many reach the site.
ACCEPTABLE_CHARACTER = ANY_CHARACTER.filter(
    lambda text: not re.search("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]", text) and text not in NONCHARACTERS
)
LINE_BREAKS = st.sampled_from(["\t", "\n", "\n\n"])

# Where each text goes: (key path, several lines allowed).
TEXT_FIELDS: tuple[tuple[tuple[str | int, ...], bool], ...] = (
    (("title",), False),
    (("summary",), False),
    (("lead",), False),
    (("description",), True),
    (("problem",), True),
    (("objectives", 0), False),
    (("partners", 0), False),
    (("tags", 0), False),
    (("indicators", 0, "name"), False),
    (("indicators", 0, "unit"), False),
    (("milestones", 0, "name"), False),
    (("updates", 0, "text"), True),
    (("sources", 0, "title"), False),
)


def text(characters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(characters, min_size=1, max_size=24).map("".join)


# Texts that messages quote back: an unknown key, a value that is not one of the choices, an id.
QUOTED_BACK = st.none() | st.tuples(text(ANY_CHARACTER), text(ANY_CHARACTER), text(ANY_CHARACTER))
TEXTS = st.one_of(
    st.tuples(*(text(ANY_CHARACTER) for _ in TEXT_FIELDS)),
    st.tuples(
        *(
            text(st.one_of(ACCEPTABLE_CHARACTER, LINE_BREAKS) if several_lines else ACCEPTABLE_CHARACTER)
            for _, several_lines in TEXT_FIELDS
        )
    ),
)
# YAML cannot hold these typed as they are (or reads them as line breaks): always escaped.
_NEVER_RAW = re.compile('[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029\ufeff"\\\\]')


def yaml_quoted(text: str, *, escape_all: bool) -> str:
    """`text` as a YAML double-quoted scalar; with `escape_all`, everything outside printable ASCII is an escape."""

    def written(character: str) -> str:
        code = ord(character)
        if character in '"\\':
            return "\\" + character
        if not (_NEVER_RAW.match(character) or (escape_all and not 0x20 <= code <= 0x7E)):
            return character
        if code <= 0xFF:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return '"' + "".join(written(character) for character in text) + '"'


def program_with(
    texts: tuple[str, ...], program_id: str = "GOV-01", quoted_back: tuple[str, str, str] | None = None
) -> dict[str, Any]:
    data = program(
        program_id,
        objectives=["x"],
        partners=["x"],
        tags=["x"],
        indicators=[{"name": "x", "unit": "x", "target": 1, "year": 2026}],
        milestones=[{"name": "x", "planned": "2025-06"}],
        updates=[{"date": "2025-01-02", "text": "x"}],
        sources=[{"title": "x", "url": "https://contoh.go.id/"}],
    )
    for (path, _), text in zip(TEXT_FIELDS, texts, strict=True):
        *parents, last = path
        target: Any = data
        for part in parents:
            target = target[part]
        target[last] = text
    if quoted_back:
        key, data["horizon"], related = quoted_back
        data["related"] = [related]
        data.setdefault(key, 1)
    return data


def program_yaml(data: dict[str, Any], *, escape_all: bool) -> str:
    """The program as YAML text, every text written by `yaml_quoted` (not by PyYAML: the escapes are the point)."""

    def name(key: str) -> str:
        return key if re.fullmatch("[a-z_]+", key) else yaml_quoted(key, escape_all=escape_all)

    def value(item: Any, indent: str) -> str:
        if isinstance(item, str):
            return " " + yaml_quoted(item, escape_all=escape_all)
        if isinstance(item, dict):
            return "".join(f"\n{indent}{name(key)}:{value(entry, indent + '  ')}" for key, entry in item.items())
        if isinstance(item, list):
            return "".join(f"\n{indent}- {value(entry, indent + '  ').lstrip()}" for entry in item)
        return f" {json.dumps(item)}"

    return value(data, "").lstrip("\n") + "\n"


def run_check(root: Path) -> tuple[int, str]:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(["check", "--root", str(root)])
    return code, output.getvalue()


@pytest.mark.external  # the Nu checker (Java) reads the site built of the accepted texts
def test_any_text_is_refused_in_one_line_or_published_exactly(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_yaml(project / "data" / "cities" / "contoh.yml", city(feedback={"repository": "kota-contoh/rencana"}))
    (project / PROGRAM_FILE).parent.mkdir(parents=True)
    accepted: list[tuple[tuple[str, ...], bool]] = []
    outcomes = {0: 0, 1: 0}

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(texts=TEXTS, escape_all=st.booleans(), quoted_back=QUOTED_BACK)
    def check_one(texts: tuple[str, ...], escape_all: bool, quoted_back: tuple[str, str, str] | None) -> None:
        data = program_with(texts, quoted_back=quoted_back)
        (project / PROGRAM_FILE).write_text(program_yaml(data, escape_all=escape_all), encoding="utf-8")
        code, output = run_check(project)
        assert code in (0, 1), output
        *problems, summary = output.split("\n")[:-1]
        assert output.endswith("\n") and output.splitlines() == [*problems, summary]
        for line in problems:
            assert MESSAGE_LINE.fullmatch(line) and line.startswith(f"{PROGRAM_FILE}:"), ascii(line)
            assert all(character.isprintable() for character in line), ascii(line)
        assert summary.startswith("Data OK:" if code == 0 else "")
        assert (code == 1) == any(": warning: " not in line for line in problems), output
        outcomes[code] += 1
        if code == 0 and not quoted_back:
            accepted.append((texts, escape_all))

    check_one()
    # The strategy reaches both sides; else the build below would prove nothing.
    assert outcomes[0] >= PROGRAMS_IN_THE_SITE and outcomes[1] >= EXAMPLES // 10, outcomes

    (project / PROGRAM_FILE).unlink()
    batch = {f"ACC-{number:03d}": entry for number, entry in enumerate(accepted[:PROGRAMS_IN_THE_SITE], start=1)}
    for program_id, (texts, escape_all) in batch.items():
        text = program_yaml(program_with(texts, program_id), escape_all=escape_all)
        (project / "data" / "programs" / "contoh" / f"{program_id.lower()}.yml").write_text(text, encoding="utf-8")
    copy_site_config(project, "contoh")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr

    assert nu_errors(site) == []
    document = json.loads((site / "data" / "rencana-contoh.json").read_text(encoding="utf-8"))
    published = {entry["id"]: entry for entry in document["programs"]}
    for program_id, (texts, _) in batch.items():
        page = page_text(site / "governance" / program_id.lower() / "index.html")
        for (path, several_lines), text in zip(TEXT_FIELDS, texts, strict=True):
            value: Any = published[program_id]
            for part in path:
                value = value[part]
            assert value == text, (program_id, path)  # the open data gives the text back exactly
            if not several_lines:  # Markdown texts are rendered, not shown as written
                assert collapsed(text) in page, (program_id, path, ascii(text))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(file: Path) -> str:
    parser = _Text()
    parser.feed(file.read_text(encoding="utf-8"))
    return collapsed("".join(parser.parts))


def collapsed(text: str) -> str:
    """Runs of HTML's white space as one space: what a browser shows of the text."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()
