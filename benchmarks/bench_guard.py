"""What @guarded (ui/guard.py) costs on the hot paths: the same window and the same steps,
with every override guarded and with the guard taken off again (each class attribute set back
to the function it wraps), alternating in one process so that a busy machine's drift hits
both alike. Rows: a page of the wishes table scrolled (multiData, data, flags of every cell),
the Gantt repainted after a scroll (paint and boundingRect of every bar), and an edit with
its refresh of every view; the baseline of each is the unguarded run. Also the bare cost of
one guarded call against a plain one, in nanoseconds.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_main_window import (  # noqa: E402
    HEIGHT,
    WIDTH,
    _app,
    _default_plans,
    _remember_view,
    _row,
    _scroll_page,
    _settle,
)

ROUNDS = 4  # blocks of guarded / unguarded, alternating


def guarded_methods() -> list[tuple[type, str, Callable, Callable]]:
    """(class, name, guarded wrapper, plain function) of every guarded override loaded."""
    found = []
    for name, module in list(sys.modules.items()):
        if not (name == "ui" or name.startswith("ui.")) or module is None:
            continue
        for cls in vars(module).values():
            if not isinstance(cls, type) or cls.__module__ != name:
                continue
            for attr, value in list(vars(cls).items()):
                if getattr(value, "__guarded__", False):
                    found.append((cls, attr, value, value.__wrapped__))
    return found


@contextmanager
def unguarded() -> Iterator[int]:
    methods = guarded_methods()
    for cls, attr, _, plain in methods:
        setattr(cls, attr, plain)
    try:
        yield len(methods)
    finally:
        for cls, attr, wrapper, _ in methods:
            setattr(cls, attr, wrapper)


def calls_per_step(step: Callable[[], object]) -> int:
    """How many guarded overrides one `step` calls (each counted through a wrapper)."""
    count = 0
    methods = guarded_methods()

    def counting(wrapper: Callable) -> Callable:
        def call(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            nonlocal count
            count += 1
            return wrapper(*args, **kwargs)

        return call

    for cls, attr, wrapper, _ in methods:
        setattr(cls, attr, counting(wrapper))
    try:
        step()
    finally:
        for cls, attr, wrapper, _ in methods:
            setattr(cls, attr, wrapper)
    return count


def alternate(step: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians (ms) of `step` guarded and unguarded, in alternating blocks."""
    guarded_times: list[float] = []
    plain_times: list[float] = []

    def block(into: list[float]) -> None:
        step()  # one untimed: caches warm in both modes alike
        for _ in range(repeat):
            start = time.perf_counter()
            step()
            into.append((time.perf_counter() - start) * 1000)

    for _ in range(ROUNDS):
        block(guarded_times)
        with unguarded():
            block(plain_times)
    return statistics.median(guarded_times), statistics.median(plain_times)


def call_overhead_ns() -> tuple[float, float]:
    from ui.guard import guarded

    class Model:
        def plain(self, index, role):  # noqa: ANN001, ANN202
            return None

        @guarded()
        def data(self, index, role):  # noqa: ANN001, ANN202
            return None

    model = Model()
    n = 200_000
    plain = min(timeit.repeat(lambda: model.plain(1, 0), number=n, repeat=5)) / n * 1e9
    wrapped = min(timeit.repeat(lambda: model.data(1, 0), number=n, repeat=5)) / n * 1e9
    return wrapped, plain


def bench_plan(size: str, path: Path) -> list[dict]:
    from planner.commands import UpdateRow
    from planner.model import Demand
    from ui.app_window import open_window

    _app()
    repeat = 5 if size == "large" else 10
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / path.name
        shutil.copyfile(path, work)
        _remember_view("Wishes")
        window = open_window(work)
        window.resize(WIDTH, HEIGHT)
        window.show()
        _settle()
        page = window.pages["demand"]
        window.show_view(page)
        _settle()
        with unguarded() as count:
            pass
        scroll = alternate(_scroll_page(page.view), repeat * 4)
        calls = calls_per_step(_scroll_page(page.view))
        rows.append(_row("wishes table: scroll a page, guarded", size, scroll[0], None,
                         "unguarded", scroll[1],
                         f"{count} guarded overrides; {calls} guarded calls per page"))

        document = window.document
        demand_id = document.store.rows(Demand)[0].id
        efforts = iter(range(1, 100_000))

        def edit() -> None:
            document.push(UpdateRow(Demand, demand_id, {"effort": float(next(efforts))}))
            _settle()

        edited = alternate(edit, repeat)
        rows.append(_row("main window: refresh after an edit, guarded", size, edited[0], None,
                         "unguarded", edited[1], f"{calls_per_step(edit)} guarded calls"))

        window.show_view(window.gantt_tab)
        _settle()
        body = window.gantt_view.body
        bar = body.horizontalScrollBar()

        def gantt_scroll() -> None:
            value = bar.value() + bar.pageStep() // 2
            bar.setValue(value if value < bar.maximum() else 0)
            body.viewport().repaint()

        gantt = alternate(gantt_scroll, repeat * 2)
        rows.append(_row("gantt: repaint after scroll, guarded", size, gantt[0], 16.0,
                         "unguarded", gantt[1], f"{calls_per_step(gantt_scroll)} guarded calls"))
        window.close()
        _settle()
    return rows


def run(plans: dict[str, Path]) -> list[dict]:
    wrapped, plain = call_overhead_ns()
    rows = [_row("one guarded call (ns, not ms)", "-", wrapped, None, "plain call", plain)]
    for size, path in plans.items():
        rows += bench_plan(size, path)
    return rows


if __name__ == "__main__":
    named = {Path(p).stem: Path(p) for p in sys.argv[1:]}
    for r in run(named or _default_plans()):
        print(
            f"{r['name']:45} {r['size']:8} {r['median_ms']:9.3f}  baseline {r['baseline']} "
            f"{r['baseline_ms']}  ×{r['ratio']}  {r['note']}"
        )
