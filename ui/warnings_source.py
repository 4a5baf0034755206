"""The plan's warnings for the UI: one per document, refreshed after every edit.

Wraps the planner's warnings engine (planner/warnings/: `WarningsEngine(store)` keeping
`.warnings` current, or the plain `evaluate(store)`). The refresh runs on the next turn of
the event loop rather than inside the `changed` signal: the engine listens to the store
itself, and by then it has certainly caught up; several edits in one turn refresh once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from planner.warnings.types import Severity, Warning

if TYPE_CHECKING:
    from planner.store import PlanStore
    from ui.document import PlanDocument

SubjectKey = tuple[str, int | None]


class _Evaluating:
    """Engine stand-in when only `evaluate(store)` exists."""

    def __init__(self, store: PlanStore, evaluate: Callable[[PlanStore], Sequence[Warning]]):
        self.store = store
        self.evaluate = evaluate

    @property
    def warnings(self) -> list[Warning]:
        return list(self.evaluate(self.store))


def make_engine(store: PlanStore) -> Any:
    try:
        from planner.warnings import WarningsEngine  # type: ignore[attr-defined]
    except ImportError:
        try:
            from planner.warnings import evaluate  # type: ignore[attr-defined]
        except ImportError:
            return None  # no engine in this build yet: no warnings
        return _Evaluating(store, evaluate)
    return WarningsEngine(store)


class WarningsSource(QObject):
    """`updated()` after the warnings were recomputed."""

    updated = Signal()

    def __init__(self, document: PlanDocument, engine: Any = None) -> None:
        super().__init__(document)
        self._engine = engine if engine is not None else make_engine(document.store)
        self._warnings: list[Warning] = []
        self._by_subject: dict[SubjectKey, list[Warning]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        document.changed.connect(self._timer.start)
        self.refresh()

    def set_engine(self, engine: Any) -> None:
        """Use another engine (tests give one that returns warnings they built)."""
        self._engine = engine
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        engine = self._engine
        warnings = list(engine.warnings) if engine is not None else []
        warnings.sort(key=lambda w: (-w.severity, w.dismissed, w.code, w.subject.id or 0))
        by_subject: dict[SubjectKey, list[Warning]] = defaultdict(list)
        for warning in warnings:
            by_subject[(warning.subject.kind, warning.subject.id)].append(warning)
        self._warnings = warnings
        self._by_subject = dict(by_subject)
        self.updated.emit()

    @property
    def warnings(self) -> list[Warning]:
        return self._warnings

    def for_subject(self, kind: str, row_id: int | None) -> list[Warning]:
        return self._by_subject.get((kind, row_id), [])

    def severity_of(self, kind: str, row_id: int | None) -> Severity | None:
        """The worst open (not dismissed) warning about a record, for the marks in the
        outline and the tables."""
        open_ = [w.severity for w in self.for_subject(kind, row_id) if not w.dismissed]
        return max(open_) if open_ else None

    def count(self, severity: Severity) -> int:
        return sum(1 for w in self._warnings if w.severity == severity and not w.dismissed)
