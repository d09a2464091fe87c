"""The one YAML editor on its own: each change in the file's style, every other byte kept."""

from __future__ import annotations

import pytest

from macros.data.edit.editor import YamlEditError, YamlEditor
from macros.data.plan.read import read_text
from tests.test_round_trip import FILES

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


HEAD = "id: TK-1\ntitle: Bank sampah\n"


def _updated(text: str, **fields: object) -> str:
    editor = YamlEditor(text, "tk-1.yml")
    editor.update({**editor.document.data, **fields})
    return editor.result()


@pytest.mark.parametrize("name", list(FILES))
def test_the_same_data_changes_no_byte_whatever_the_style(name: str) -> None:
    editor = YamlEditor(FILES[name], name)
    assert editor.update(read_text(FILES[name], name).data) == []
    assert not editor.changed
    assert editor.result() == FILES[name]


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        ("summary: 'Satu pintu'\n", "Dua pintu: itu", "summary: 'Dua pintu: itu'\n"),
        ("summary: 'Satu pintu'\n", "Pintu warga's", "summary: 'Pintu warga''s'\n"),
        ('summary: "Satu pintu"  # catatan\n', "Dua", 'summary: "Dua"  # catatan\n'),
        ("summary: Satu pintu\n", "yes", 'summary: "yes"\n'),
        ("description: |\n    Satu.\n    Dua.\n\nstatus: x\n", "Tiga.\n", "description: |\n    Tiga.\n\nstatus: x\n"),
        ("description: >-\n  Satu\n  dua.\n", "Tiga", "description: >-\n  Tiga\n"),
        ("description: |-  # catatan\n  Satu\n", "A\nB", "description: |-  # catatan\n  A\n  B\n"),
        ("description: |+\n  Satu\n\nstatus: x\n", "Dua\n\n", "description: |+\n  Dua\n\nstatus: x\n"),
        ("description: |2\n   Satu\n", "Dua", "description: Dua\n"),
    ],
)
def test_a_changed_text_keeps_its_quotes_its_block_and_its_comment(before: str, value: str, after: str) -> None:
    assert _updated(HEAD + before, **{before.split(":")[0]: value}) == HEAD + after


def test_new_keys_follow_the_format_order_and_emptied_keys_go_with_their_lines() -> None:
    text = HEAD + "status: planned   # awal\n\n# Diskusi\nissues: [3]\n"
    assert _updated(text, progress=10, issues=None) == HEAD + "status: planned   # awal\nprogress: 10\n\n# Diskusi\n"


def test_a_file_with_windows_line_breaks_gets_them_on_new_lines() -> None:
    text = "id: TK-1\r\nupdates:\r\n  - date: '2024-01-02'\r\n    text: Mulai.\r\n"
    editor = YamlEditor(text, "tk-1.yml")
    editor.append(("updates",), {"date": "2024-02-03", "text": "Satu\nDua"})
    editor.set_value(("reviewed",), "2024-02-03")
    assert (
        editor.result()
        == text + '  - date: "2024-02-03"\r\n    text: |-\r\n      Satu\r\n      Dua\r\nreviewed: "2024-02-03"\r\n'
    )


def test_a_record_written_on_one_line_is_refused_not_guessed() -> None:
    editor = YamlEditor(HEAD + "milestones:\n  - {name: A, planned: '2024-01'}\n", "tk-1.yml")
    with pytest.raises(YamlEditError, match="only keys written one per line"):
        editor.set_value(("milestones", 0, "done"), "2024-02-01")
