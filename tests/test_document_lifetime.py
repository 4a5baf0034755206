"""A PlanDocument is freed by Qt and reference counting, never left to Python's cyclic
garbage collector to take apart while its Qt objects are alive (ui/document.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

from planner.commands import UpdateRow
from planner.model import Plan
from ui.document import PlanDocument

pytestmark = pytest.mark.gui


def test_a_document_with_undo_history_is_freed_without_the_cyclic_collector(
    qapp, sample_store  # noqa: ANN001
) -> None:
    document = PlanDocument(sample_store)
    for n in range(3):
        document.push(UpdateRow(Plan, 1, {"title": f"Title {n}"}))
    assert document.undo_stack.count() == 3
    sample_store.unsubscribe(document._on_store_changed)
    gone = weakref.ref(document)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del document
        # The undo steps on its stack do not hold it: no cycle through Qt objects.
        assert gone() is None
    finally:
        if enabled:
            gc.enable()


def test_close_is_idempotent_and_empties_the_stack(qapp, sample_store) -> None:  # noqa: ANN001
    document = PlanDocument(sample_store)
    document.push(UpdateRow(Plan, 1, {"title": "Edited"}))
    document.close()
    document.close()
    assert document.closed
    assert document.undo_stack.count() == 0
