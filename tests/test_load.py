from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from macros.data.plan.assemble import check_data, load_plan
from macros.data.plan.load import choose_city
from macros.data.plan.problems import DataProblems, Severity
from tests.helpers import city, program, write_yaml

# Their assertions read the English twin of each message; test_bad_data checks both languages.
pytestmark = pytest.mark.usefixtures("english_messages")


def project(tmp_path: Path, programs: list[dict], city_data: dict | None = None) -> Path:
    write_yaml(tmp_path / "data" / "cities" / "contoh.yml", city_data or city())
    for entry in programs:
        write_yaml(tmp_path / "data" / "programs" / "contoh" / f"{entry['id'].lower()}.yml", entry)
    return tmp_path


def messages(root: Path) -> list[str]:
    return [str(problem) for problem in check_data(root, "contoh", date(2026, 11, 27))[1]]


def test_valid_data_assembles_a_plan_in_dimension_order(tmp_path: Path) -> None:
    root = project(
        tmp_path, [program("ENV-01", dimension="environment", element="sampah"), program("GOV-10"), program("GOV-2")]
    )
    plan, problems = load_plan(root, None, date(2026, 1, 1))
    assert problems == []
    assert [p.id for p in plan.programs] == ["GOV-2", "GOV-10", "ENV-01"]


def test_unknown_key_is_pointed_at_with_a_suggestion(tmp_path: Path) -> None:
    entry = program()
    entry["titel"] = entry.pop("title")
    root = project(tmp_path, [entry])
    # One mistake, one message: the suggestion stands for "`title` is missing".
    assert messages(root) == [
        "data/programs/contoh/gov-01.yml:11:1: titel: unknown key `titel`; did you mean `title`?",
    ]


def test_every_mistake_of_every_file_is_reported_together(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        [
            program("GOV-01", horizon="soon"),
            program("GOV-02", progress=150, status="ongoing"),
            program("GOV-03", related=["GOV-99"]),
        ],
    )
    found = messages(root)
    assert (
        "data/programs/contoh/gov-01.yml:6:10: horizon: `soon` is not allowed; use one of: quick-win, short, "
        "medium, long" in found
    )
    assert any("gov-02.yml" in m and "progress: 150 is too large; it must be at most 100" in m for m in found)
    assert any("gov-03.yml" in m and "related[0]: no program with id `GOV-99` in this city" in m for m in found)


def test_duplicate_ids_name_both_files(tmp_path: Path) -> None:
    write_yaml(tmp_path / "data" / "programs" / "contoh" / "a.yml", program("GOV-01"))
    root = project(tmp_path, [program("gov-01")])
    found = messages(root)
    assert any(m.startswith("data/programs/contoh/a.yml:1:5: id:") and "gov-01.yml:1" in m for m in found)
    assert any(m.startswith("data/programs/contoh/gov-01.yml:1:5: id:") and "a.yml:1" in m for m in found)


def test_element_must_belong_to_the_dimension(tmp_path: Path) -> None:
    root = project(tmp_path, [program(element="sampah")])
    assert any("element: `sampah` is not an element of governance" in m for m in messages(root))


def test_ongoing_without_progress_is_allowed_unknown_is_not_zero(tmp_path: Path) -> None:
    root = project(tmp_path, [program(status="ongoing")])
    assert not any("progress" in m for m in messages(root))


def test_years_outside_the_plan_are_a_warning_not_an_error(tmp_path: Path) -> None:
    root = project(tmp_path, [program(period={"start": 2020, "end": 2026})])
    plan, problems = check_data(root, "contoh", date(2026, 1, 1))
    assert plan is not None
    assert [p.severity for p in problems] == [Severity.WARNING]


def test_errors_stop_loading_with_every_problem(tmp_path: Path) -> None:
    root = project(tmp_path, [program(status="done")])
    with pytest.raises(DataProblems) as raised:
        load_plan(root, None, date(2026, 1, 1))
    assert "status: `done` is not allowed" in raised.value.report()


def test_city_is_chosen_from_env_then_config_then_the_only_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, [])
    write_yaml(tmp_path / "data" / "cities" / "lain.yml", city())
    monkeypatch.delenv("CITY", raising=False)
    assert choose_city(tmp_path, "lain")[0] == "lain"
    assert choose_city(tmp_path, None)[0] is None
    monkeypatch.setenv("CITY", "contoh")
    assert choose_city(tmp_path, "lain")[0] == "contoh"


def test_checking_a_city_without_any_data_names_the_cities_present(tmp_path: Path) -> None:
    root = project(tmp_path, [program()])
    assert [str(p) for p in check_data(root, "lain", date(2026, 11, 27))[1]] == [
        "data/cities:1:1: city: no city file data/cities/lain.yml; cities present: contoh",
    ]


def test_loading_again_in_one_process_reads_what_each_file_holds_now(tmp_path: Path) -> None:
    # `make serve` loads again after every save, keeping the files it read before (macros.data.plan.load).
    root = project(tmp_path, [program("GOV-01", title="Judul pertama"), program("GOV-02")])
    first, _ = load_plan(root, None, date(2026, 1, 1))
    kept = first.program("GOV-02")
    write_yaml(root / "data" / "programs" / "contoh" / "gov-01.yml", program("GOV-01", title="Judul kedua"))
    second, _ = load_plan(root, None, date(2026, 1, 1))
    assert second.program("GOV-01").title == "Judul kedua"
    assert second.program("GOV-02") is kept  # unchanged bytes: not read again
    # A mistake saved into a file read cleanly before is reported, not hidden by what was kept.
    gov_02 = root / "data" / "programs" / "contoh" / "gov-02.yml"
    gov_02.write_text(gov_02.read_text(encoding="utf-8").replace("status: ", "statuss: ", 1), encoding="utf-8")
    assert any("gov-02.yml" in message and "statuss" in message for message in messages(root))
    write_yaml(gov_02, program("GOV-02"))
    third, _ = load_plan(root, None, date(2026, 1, 1))
    assert third.program("GOV-02") == kept
