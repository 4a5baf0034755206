"""The plan's warnings for the UI: one per document, refreshed after every edit.

Wraps the planner's warnings engine (planner/warnings/: `WarningsEngine(store)` keeping
`.warnings` current). The engine listens to the store itself, in no fixed order with the
document, so the UI refreshes when the engine says it has updated (`engine.subscribe`).
An engine without `subscribe` (a test's stand-in) is read on the next turn of the event
loop after each change instead.
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
        self._own_engine = engine is None  # made here, so closed here
        self._engine = engine if engine is not None else make_engine(document.store)
        self._warnings: list[Warning] = []
        self._by_subject: dict[SubjectKey, list[Warning]] = {}
        self._counts: dict[Severity, int] = {}
        self._marks: dict[str, dict[int | None, tuple]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self._subscribed = None
        document.changed.connect(self._on_document_changed)
        self._listen()
        self.refresh()

    def _listen(self) -> None:
        subscribe = getattr(self._engine, "subscribe", None)
        if subscribe is not None:
            subscribe(self._on_engine_update)
            self._subscribed = self._engine

    def _on_engine_update(self, warnings: object) -> None:
        self.refresh()

    def _on_document_changed(self, changes: object) -> None:
        if self._subscribed is None:
            self._timer.start()

    def close(self) -> None:
        """Stop listening (the document is closing)."""
        self._timer.stop()
        engine = self._subscribed
        if engine is not None:
            engine.unsubscribe(self._on_engine_update)
            self._subscribed = None
        if self._own_engine and hasattr(self._engine, "close"):
            self._engine.close()
            self._own_engine = False

    def set_engine(self, engine: Any) -> None:
        """Use another engine (tests give one that returns warnings they built)."""
        self.close()
        self._engine = engine
        self._own_engine = False
        self._listen()
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        engine = self._engine
        warnings = list(engine.warnings) if engine is not None else []
        by_subject: dict[SubjectKey, list[Warning]] = defaultdict(list)
        marks: dict[str, dict[int | None, list]] = defaultdict(dict)
        counts = dict.fromkeys(Severity, 0)
        for warning in warnings:
            subject = warning.subject
            by_subject[(subject.kind, subject.id)].append(warning)
            if not warning.dismissed:
                counts[warning.severity] += 1
                marks[subject.kind].setdefault(subject.id, []).append(
                    (warning.severity, warning.message)
                )
        self._warnings = warnings
        self._by_subject = dict(by_subject)
        self._counts = counts
        self._marks = {
            kind: {row_id: tuple(sorted(found)) for row_id, found in rows.items()}
            for kind, rows in marks.items()
        }
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
        """Open (not dismissed) warnings of a severity."""
        return self._counts.get(severity, 0)

    def marks(self, kind: str) -> dict[int | None, tuple]:
        """For each record of `kind` with open warnings: its (severity, message) pairs,
        sorted — what the outline and the tables compare to repaint only changed marks."""
        return self._marks.get(kind, {})
