"""Where a build's time goes, by stage, measured with wall-clock timers (`make profile`).

A tracing profiler (pyinstrument) slows Rencana's build 2.3 × and plain MkDocs 4.3 ×, and not
evenly: it inflates the many small Python calls of rendering and hides the time Pagefind's
binary spends in another process. Here the build runs as it always does, in this process, with
a `perf_counter` read at the edges of each stage. Stages nest (a macro renders a template inside
a page's Markdown); each is charged only its own time, its inner stages' time taken out, so
that the shares add up to the whole.

    python -m scripts.stages 1000            (a lean synthetic region of 1,000 programs)
    python -m scripts.stages 100 --rich      (the rich profile: long texts, every field)
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class StageClock:
    """Exclusive wall-clock time per stage: a stage's time minus that of the stages inside it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[list[Any]] = []  # [stage, start, time of the stages inside it]

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        frame: list[Any] = [name, time.perf_counter(), 0.0]
        self._stack.append(frame)
        try:
            yield
        finally:
            self._stack.pop()
            elapsed = time.perf_counter() - frame[1]
            self.seconds[name] += elapsed - frame[2]
            self.calls[name] += 1
            if self._stack:
                self._stack[-1][2] += elapsed

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        """Time every call of `owner.attribute` as the stage `name`."""
        original: Callable[..., Any] = getattr(owner, attribute)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return original(*args, **kwargs)

        setattr(owner, attribute, timed)


def instrument(clock: StageClock) -> None:
    """Put the timers in: MkDocs' page steps, the theme's templates, writing, every plugin event."""
    import jinja2
    from mkdocs import plugins, utils
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page

    clock.wrap(Page, "render", "Markdown → HTML (MkDocs)")
    clock.wrap(Page, "read_source", "reading pages (MkDocs)")
    clock.wrap(jinja2.Template, "render", "templates (Jinja: theme and macros)")
    clock.wrap(utils, "write_file", "writing files")
    clock.wrap(build, "get_context", "page context (MkDocs)")

    def run_event(self: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
        for method in self.events[name]:
            self._current_plugin = self._event_origins.get(method, "<unknown>")  # File.generated reads it
            with clock.stage(f"on_{name} ({Path(self._current_plugin).name})"):
                result = method(item, **kwargs) if item is not None else method(**kwargs)
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    plugins.PluginCollection.run_event = run_event  # type: ignore[method-assign]


def report(clock: StageClock, total: float, top: int = 18) -> str:
    rows = sorted(clock.seconds.items(), key=lambda entry: -entry[1])
    shown = rows[:top]
    rest = sum(seconds for _, seconds in rows[top:])
    lines = [f"{'stage':<52} {'seconds':>8} {'share':>7} {'calls':>7}"]
    for name, seconds in shown:
        calls = clock.calls.get(name)
        lines.append(f"{name:<52} {seconds:8.2f} {seconds / total:7.1%} {calls or '':>7}")
    if rest:
        lines.append(f"{'(other stages)':<52} {rest:8.2f} {rest / total:7.1%}")
    lines.append(f"{'whole run (wall clock)':<52} {total:8.2f} {1:7.1%}")
    return "\n".join(lines)


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("programs", type=int, nargs="?", default=1000, help="programs in the synthetic region")
    parser.add_argument("--rich", action="store_true", help="the rich profile instead of the lean one")
    parser.add_argument("--work", type=Path, help="keep the synthetic project here (default: a temporary folder)")
    parser.add_argument(
        "--page-cache", action="store_true", help="with the page cache on (kept in --work's project between runs)"
    )
    args = parser.parse_args(arguments)

    from scripts.bench import build_environment, make_projects

    clock = StageClock()
    with tempfile.TemporaryDirectory(prefix="rencana-stages-") as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        project, _ = make_projects(work, args.programs, "rich" if args.rich else "lean")
        os.environ.update(build_environment(page_cache=args.page_cache))
        os.chdir(project)
        startup = time.perf_counter()
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        instrument(clock)
        clock.seconds["start-up (imports)"] += time.perf_counter() - startup
        began = time.perf_counter()
        with clock.stage("loading the config (MkDocs)"):
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(work / "site"))
        with clock.stage("the rest of MkDocs' build"):
            build(config)
        total = time.perf_counter() - began + clock.seconds["start-up (imports)"]
    print(f"{args.programs} {'rich' if args.rich else 'lean'} programs, one build in this process:")
    print(report(clock, total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
