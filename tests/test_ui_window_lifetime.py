"""A closed window lets go of its plan: the document, the store and its rows are freed (a
large plan is over a hundred thousand objects; leaking one per closed window adds up)."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from planner.store import PlanStore

pytest_plugins = ("ui_fixtures",)  # fixtures: clean_settings
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_closing_a_window_frees_its_document_and_store(qtbot, sample_file, clean_settings):
    from ui.app_window import window_for_store

    window = window_for_store(PlanStore.open(sample_file))
    window.show()
    qtbot.waitExposed(window)
    window.show_view(window.gantt_tab)  # the Gantt connects to the document too
    document, store = weakref.ref(window.document), weakref.ref(window.document.store)
    window.close()
    del window
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()
    assert document() is None
    assert store() is None


def test_an_opened_plan_is_frozen_and_collected_when_its_window_goes(qtbot, sample_file,
                                                                      clean_settings):
    from ui.app_window import open_window

    gc.unfreeze()
    window = open_window(sample_file)
    assert gc.get_freeze_count() > 0  # the plan's objects: skipped by later collections
    store = weakref.ref(window.document.store)
    window.close()
    del window
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: store() is None, timeout=5000)  # collected without being asked
