"""The document's warnings source keeps its per-record lists, marks and counts by redoing only
the records whose warnings came or went; after any edit they equal a redo from scratch, and
`changed_subjects` names exactly the records whose marks changed."""

from __future__ import annotations

from collections import defaultdict

import pytest

from planner.commands import MoveDemands, ShiftPhase, UpdateRow
from planner.model import Demand
from planner.warnings import Dismiss
from planner.warnings.types import Severity

pytest_plugins = ("ui_fixtures",)  # fixtures: document
pytestmark = pytest.mark.gui


def from_scratch(warnings):  # noqa: ANN001, ANN201
    by_subject = defaultdict(list)
    for w in warnings:
        by_subject[(w.subject.kind, w.subject.id)].append(w)
    marks = {
        key: tuple(sorted((w.severity, w.message) for w in found if not w.dismissed))
        for key, found in by_subject.items()
    }
    counts = {s: sum(1 for w in warnings if w.severity == s and not w.dismissed) for s in Severity}
    return dict(by_subject), {k: m for k, m in marks.items() if m}, counts


def state_of(source):  # noqa: ANN001, ANN201
    keys = {(w.subject.kind, w.subject.id) for w in source.warnings}
    by_subject = {key: source.for_subject(*key) for key in keys}
    marks = {
        (kind, row_id): found
        for kind in ("plan", "objective", "department", "phase", "demand")
        for row_id, found in source.marks(kind).items()
    }
    return by_subject, marks, {s: source.count(s) for s in Severity}


def test_after_each_edit_the_source_equals_a_fresh_one(document) -> None:
    source = document.warnings
    index = document.index
    phases = index.phases
    wishes = index.demands(phases[0].id)
    edits = [
        UpdateRow(Demand, wishes[0].id, {"effort": wishes[0].effort + 40}),
        MoveDemands([w.id for w in wishes[:3]], phases[1].id),
        ShiftPhase(phases[2].id, 21),
        UpdateRow(Demand, wishes[1].id, {"objective_id": None}),
    ]
    incremental = 0
    for command in edits:
        before = dict(state_of(source)[1])
        document.push(command)
        assert state_of(source) == from_scratch(source.warnings)
        marks = state_of(source)[1]
        really = {k for k in before.keys() | marks.keys() if before.get(k) != marks.get(k)}
        if source.changed_subjects is not None:
            incremental += 1
            assert set(source.changed_subjects) >= really
            assert all(before.get(k) != marks.get(k) for k in source.changed_subjects)
    for _ in edits:
        document.undo_stack.undo()
        assert state_of(source) == from_scratch(source.warnings)
    assert incremental >= 3  # the point: most edits are not redone from scratch
    warning = next(w for w in source.warnings if not w.dismissed)
    document.push(Dismiss.warning(warning, "Agreed with the sponsor"))
    assert state_of(source) == from_scratch(source.warnings)
    subject = (warning.subject.kind, warning.subject.id)
    assert any(w.dismissed for w in source.for_subject(*subject))
