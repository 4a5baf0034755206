"""Main window: opening a plan into a window, refreshing after an edit, scrolling, sorting
and filtering the wishes table — medians, against baselines measured in the same run (a bare
window; the same edit without a window; a table view of the same size over a trivial model).
Used by benchmarks/run.py; also runnable alone (offscreen):

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_main_window.py [PLAN.rollout ...]

With no plan named it uses benchmarks/out/{typical,large}.rollout, generating them if needed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WIDTH, HEIGHT = 1600, 1000
HERE = Path(__file__).resolve().parent
# DESIGN.md: open a large plan < 300 ms (the file; the window adds its views), undo/redo of
# any edit < 16 ms, and scrolling must keep up with the screen (one frame, 16 ms).
FRAME_MS = 16.0


def median_ms(
    action: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _row(
    name: str,
    size: str,
    value: float,
    target: float | None,
    base_name: str,
    base: float,
    note: str = "",
) -> dict:
    return {
        "name": name,
        "size": size,
        "median_ms": round(value, 2),
        "target_ms": target,
        "baseline": base_name,
        "baseline_ms": round(base, 2),
        "ratio": round(value / base, 1) if base else None,
        "note": note,
    }


def _app():  # noqa: ANN202
    from PySide6.QtCore import QCoreApplication, QStandardPaths
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QStandardPaths.setTestModeEnabled(True)  # never touch the user's settings
        QCoreApplication.setOrganizationName("Rollout Planner Benchmarks")
        QCoreApplication.setApplicationName("Rollout Planner Benchmarks")
        app = QApplication([])
        from PySide6.QtCore import QSettings

        QSettings().clear()  # no tab, sizes or columns remembered from an earlier run
    return app


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    QApplication.processEvents()


def _bare_window() -> None:
    from PySide6.QtWidgets import QMainWindow, QTableView

    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(WIDTH, HEIGHT)
    window.show()
    _settle()
    window.close()
    window.deleteLater()


def _open_window(path: Path) -> float:
    """Milliseconds from opening the file to the window painted; closing it (and collecting
    what it leaves, ui/memory.py) is not counted."""
    from ui.app_window import open_window

    start = time.perf_counter()
    window = open_window(path)
    window.resize(WIDTH, HEIGHT)
    window.show()
    _settle()
    elapsed = (time.perf_counter() - start) * 1000
    window.close()
    del window  # so that the collection after closing frees the plan
    _settle()
    return elapsed


class _Trivial:
    """A table view of the same size over a Python model returning a constant: what a page
    of this table costs to paint here at all."""

    def __init__(self, rows: int, columns: int) -> None:
        from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
        from PySide6.QtWidgets import QTableView

        class Model(QAbstractTableModel):
            def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802, ANN001, ANN202
                return 0 if parent.isValid() else rows

            def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802, ANN001, ANN202
                return 0 if parent.isValid() else columns

            def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN202
                return "Wish" if role == Qt.ItemDataRole.DisplayRole else None

        self.model = Model()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.resize(WIDTH - 700, HEIGHT - 350)
        self.view.show()
        _settle()


def _scroll_page(view) -> Callable[[], None]:  # noqa: ANN001
    bar = view.verticalScrollBar()

    def step() -> None:
        value = bar.value() + bar.pageStep()
        bar.setValue(value if value < bar.maximum() else 0)
        view.viewport().repaint()

    return step


def bench_plan(size: str, path: Path) -> list[dict]:
    """Everything measured with the main window's own parts only; then opening and editing
    with every view other modules add (the Gantt, …), which is what the user gets: with the
    wishes table in front, and with the Gantt in front (opened as the remembered tab)."""
    import ui.app_window as app_window

    installed = app_window.EXTENSION_MODULES
    app_window.EXTENSION_MODULES = ()
    try:
        rows = _bench_plan(size, path, "")
    finally:
        app_window.EXTENSION_MODULES = installed
    for suffix, view in ((" (all views)", "Wishes"), (" (Gantt in front)", "Gantt")):
        rows += [
            r
            for r in _bench_plan(size, path, suffix, view)
            if "edit" in r["name"] or "open" in r["name"] or "move" in r["name"]
        ]
    return rows


def _remember_view(title: str) -> None:
    """The tab a window opens on (as if the user had left it there)."""
    from ui import settings

    settings.put(settings.CURRENT_VIEW, title)


def _bench_plan(size: str, path: Path, suffix: str, view: str = "Wishes") -> list[dict]:
    from planner.commands import MoveDemands, UndoHistory, UpdateRow
    from planner.model import Demand
    from planner.store import PlanStore
    from ui.app_window import open_window

    _app()
    large = size == "large"
    repeat = 5 if large else 15
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / path.name
        shutil.copyfile(path, work)

        _remember_view(view)
        bare = median_ms(_bare_window, repeat)
        store_open = median_ms(lambda: PlanStore.open(work).close(), repeat)
        window_open = statistics.median(_open_window(work) for _ in range(repeat))
        rows.append(
            _row(
                f"main window{suffix}: open plan",
                size,
                window_open,
                None,
                "bare window",
                bare,
                f"the file alone opens in {store_open:.0f} ms (target < 300 ms large)",
            )
        )

        # The same edit without any window, as the baseline for "refresh after an edit".
        plain = PlanStore.open(work)
        history = UndoHistory(plain)
        demand_id = plain.rows(Demand)[len(plain.rows(Demand)) // 2].id
        efforts = iter(range(1, 100_000))
        no_window = median_ms(
            lambda: history.push(UpdateRow(Demand, demand_id, {"effort": float(next(efforts))})),
            repeat * 3,
        )
        plain.close()

        window = open_window(work)
        window.resize(WIDTH, HEIGHT)
        window.show()
        _settle()
        document = window.document
        page = window.pages["demand"]
        window.show_view(page if view == "Wishes" else window.views.widget(
            window.view_titles().index(view)))
        _settle()

        def edit() -> None:
            document.push(UpdateRow(Demand, demand_id, {"effort": float(next(efforts))}))
            _settle()

        rows.append(
            _row(
                f"main window{suffix}: refresh after an edit",
                size,
                median_ms(edit, repeat * 3),
                None,
                "same edit, no window",
                no_window,
                "push + warnings + tables, outline, inspector + repaint",
            )
        )

        def undo() -> None:
            document.undo_stack.undo()
            _settle()

        def redo() -> None:
            document.undo_stack.redo()
            _settle()

        for _ in range(repeat * 3):
            edit()
        rows.append(
            _row(
                f"main window{suffix}: undo an edit",
                size,
                median_ms(undo, repeat * 3),
                FRAME_MS,
                "same edit, no window",
                no_window,
            )
        )
        rows.append(
            _row(
                f"main window{suffix}: redo an edit",
                size,
                median_ms(redo, repeat * 3),
                FRAME_MS,
                "same edit, no window",
                no_window,
            )
        )

        phases = document.index.phases
        targets = iter([phases[i % len(phases)].id for i in range(1, 1000)])
        move = median_ms(
            lambda: (document.push(MoveDemands([demand_id], next(targets))), _settle()), repeat * 3
        )
        rows.append(
            _row(
                f"main window{suffix}: move a wish to another phase",
                size,
                move,
                None,
                "same edit, no window",
                no_window,
                "outline rows move between phases",
            )
        )

        window.show_view(page)
        _settle()
        trivial = _Trivial(page.model.rowCount(), page.model.columnCount())
        base_scroll = median_ms(_scroll_page(trivial.view), repeat * 4)
        page.view.resize(trivial.view.size())
        scroll = median_ms(_scroll_page(page.view), repeat * 4)
        rows.append(
            _row(
                "wishes table: scroll a page",
                size,
                scroll,
                FRAME_MS,
                "same view, constant model",
                base_scroll,
                f"{page.model.rowCount()} rows",
            )
        )

        effort = page.model.column_named("effort")
        order = iter([0, 1] * 100)
        sort = median_ms(lambda: (page.model.sort(effort, next(order)), _settle()), repeat)
        page.model.sort(-1)
        rows.append(_row("wishes table: sort by effort", size, sort, None, "scroll a page", scroll))

        departments = document.index.departments
        picks = iter([departments[i % len(departments)].id for i in range(1, 1000)])
        filt = median_ms(
            lambda: (page.proxy.set_field_filter("department_id", [next(picks)]), _settle()), repeat
        )
        page.proxy.clear_filters()
        rows.append(
            _row("wishes table: filter by department", size, filt, None, "scroll a page", scroll)
        )
        trivial.view.close()
        window.close()
        _settle()
    return rows


def run(plans: dict[str, Path]) -> list[dict]:
    rows: list[dict] = []
    for size, path in plans.items():
        rows += bench_plan(size, path)
    return rows


def _default_plans() -> dict[str, Path]:
    sys.path.insert(0, str(HERE))
    import generate

    out = HERE / "out"
    out.mkdir(exist_ok=True)
    plans = {}
    for size in ("typical", "large"):
        path = out / f"{size}.rollout"
        if not path.exists():
            generate.generate(size, path)
        plans[size] = path
    return plans


if __name__ == "__main__":
    named = {Path(p).stem: Path(p) for p in sys.argv[1:]}
    for r in run(named or _default_plans()):
        print(
            f"{r['name']:44} {r['size']:8} {r['median_ms']:9.2f} ms  target {r['target_ms']}  "
            f"baseline {r['baseline']} {r['baseline_ms']} ms  ×{r['ratio']}  {r['note']}"
        )
