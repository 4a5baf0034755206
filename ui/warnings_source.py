"""The plan's warnings for the UI: one per document, refreshed after every edit.

Wraps the planner's warnings engine (planner/warnings/: `WarningsEngine(store)` keeping
`.warnings` current, reading the store's one live index that the views read too). The
engine listens to the store itself, in no fixed order with the document, so the UI
refreshes when the engine says it has updated (`engine.subscribe`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from planner.warnings import WarningsEngine
from planner.warnings.types import Severity, Warning

if TYPE_CHECKING:
    from ui.document import PlanDocument

SubjectKey = tuple[str, int | None]


class Engine(Protocol):
    """What the source reads: `WarningsEngine`, or a test's engine of warnings it built."""

    warnings: list[Warning]

    def subscribe(self, callback: Callable[[list[Warning]], None]) -> None: ...

    def unsubscribe(self, callback: Callable[[list[Warning]], None]) -> None: ...

    def close(self) -> None: ...


class WarningsSource(QObject):
    """`updated()` after the warnings were recomputed."""

    updated = Signal()

    def __init__(self, document: PlanDocument, engine: Engine | None = None) -> None:
        super().__init__(document)
        self._own_engine = engine is None  # made here, so closed here
        self._engine: Engine = engine if engine is not None else WarningsEngine(document.store)
        self._warnings: list[Warning] = []
        self._by_subject: dict[SubjectKey, list[Warning]] = {}
        self._counts: dict[Severity, int] = {}
        self._marks: dict[str, dict[int | None, tuple]] = defaultdict(dict)
        # What the last refresh changed: (kind, id) of the records whose marks differ, or
        # None when everything was redone.
        self.changed_subjects: set[SubjectKey] | None = None
        self._listening = False
        self._listen()
        self.refresh()

    def _listen(self) -> None:
        self._engine.subscribe(self._on_engine_update)
        self._listening = True

    def _on_engine_update(self, warnings: object) -> None:
        self.refresh()

    def close(self) -> None:
        """Stop listening (the document is closing)."""
        if self._listening:
            self._engine.unsubscribe(self._on_engine_update)
            self._listening = False
        if self._own_engine:
            self._engine.close()
            self._own_engine = False

    def set_engine(self, engine: Engine) -> None:
        """Use another engine (tests give one that returns warnings they built)."""
        self.close()
        self._engine = engine
        self._own_engine = False
        self._listen()
        self.refresh()

    def refresh(self) -> None:
        warnings = list(self._engine.warnings)
        old = self._warnings
        subjects: set[SubjectKey] = set()
        if old:
            # The engine hands back the same objects for what did not change: compare by
            # identity and redo only the subjects of what came or went (a few of 1 300).
            new_ids = {id(w) for w in warnings}
            old_ids = {id(w) for w in old}
            subjects = {_subject_key(w) for w in old if id(w) not in new_ids}
            subjects |= {_subject_key(w) for w in warnings if id(w) not in old_ids}
        if not old or len(subjects) > len(warnings) // 4:
            self._rebuild(warnings)
            self.changed_subjects = None
        else:
            self.changed_subjects = self._update(warnings, subjects)
        self._warnings = warnings
        self.updated.emit()

    def _rebuild(self, warnings: list[Warning]) -> None:
        by_subject: dict[SubjectKey, list[Warning]] = defaultdict(list)
        for warning in warnings:
            by_subject[_subject_key(warning)].append(warning)
        self._by_subject = dict(by_subject)
        self._counts = _counts(warnings)
        self._marks = defaultdict(dict)
        for key, found in self._by_subject.items():
            mark = _mark(found)
            if mark:
                self._marks[key[0]][key[1]] = mark

    def _update(self, warnings: list[Warning], subjects: set[SubjectKey]) -> set[SubjectKey]:
        """Redo the lists and marks of `subjects`; return those whose mark changed."""
        found: dict[SubjectKey, list[Warning]] = {key: [] for key in subjects}
        for warning in warnings:  # one pass keeps each subject's list in the list's order
            bucket = found.get(_subject_key(warning))
            if bucket is not None:
                bucket.append(warning)
        changed = set()
        for key, listed in found.items():
            if listed:
                self._by_subject[key] = listed
            else:
                self._by_subject.pop(key, None)
            kind_marks = self._marks[key[0]]
            mark = _mark(listed)
            if kind_marks.get(key[1], ()) != mark:
                changed.add(key)
                if mark:
                    kind_marks[key[1]] = mark
                else:
                    kind_marks.pop(key[1], None)
        self._counts = _counts(warnings)
        return changed

    @property
    def warnings(self) -> list[Warning]:
        return self._warnings

    @property
    def engine(self) -> Engine:
        return self._engine

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
        sorted. A live dict, kept current: copy it to compare with later."""
        return self._marks.get(kind, {})

    def changed_marks(self, kind: str) -> set[int | None] | None:
        """The records of `kind` whose marks the last refresh changed; None when it redid
        everything (compare all marks then)."""
        if self.changed_subjects is None:
            return None
        return {row_id for k, row_id in self.changed_subjects if k == kind}


def _subject_key(warning: Warning) -> SubjectKey:
    subject = warning.subject
    return (subject.kind, subject.id)


def _mark(warnings: list[Warning]) -> tuple:
    """A record's open warnings as sorted (severity, message) pairs: what its mark shows."""
    return tuple(sorted((w.severity, w.message) for w in warnings if not w.dismissed))


def _counts(warnings: list[Warning]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for warning in warnings:
        if not warning.dismissed:
            counts[warning.severity] += 1
    return counts
