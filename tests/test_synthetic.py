"""The benchmark's synthetic city uses every field of the format, and the same seed gives the same files."""

from __future__ import annotations

from pathlib import Path

from macros.data.plan.assemble import load_plan
from macros.data.plan.model import City, Program
from scripts.synthetic import TODAY, write_city


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*.yml"))}


def test_every_field_is_used_and_the_data_is_valid_without_warnings(tmp_path: Path) -> None:
    write_city(tmp_path, 120, seed=3)
    plan, warnings = load_plan(tmp_path, None, today=TODAY)
    assert [str(warning) for warning in warnings] == []
    assert len(plan.programs) == 120
    for name in Program.model_fields:
        assert any(getattr(program, name) not in (None, (), "") for program in plan.programs), name
    assert any(program.element is None for program in plan.programs)
    assert any(milestone.done for program in plan.programs for milestone in program.milestones)
    assert any(indicator.actual is not None for program in plan.programs for indicator in program.indicators)
    for name in City.model_fields:
        if name != "dimensions":  # the synthetic city keeps the six national dimensions
            assert getattr(plan.city, name) not in (None, (), ""), name
    assert plan.city.feedback.channels and plan.city.evaluations


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    write_city(tmp_path / "a", 30, seed=5)
    write_city(tmp_path / "b", 30, seed=5)
    write_city(tmp_path / "c", 30, seed=6)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
