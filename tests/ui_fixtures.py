"""Fixtures for the main window's tests, loaded with `pytest_plugins = ("ui_fixtures",)`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from ui_support import show_active


@pytest.fixture
def clean_settings() -> Iterator[None]:
    """Each test starts with no saved window state or recent files."""
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def document(qapp, sample_store, clean_settings):  # noqa: ANN001, ANN201
    from ui.document import PlanDocument

    doc = PlanDocument(sample_store)
    yield doc
    doc.store.unsubscribe(doc._on_store_changed)
    if doc._warnings is not None:
        doc._warnings.close()


@pytest.fixture
def window(qtbot, sample_store, clean_settings):  # noqa: ANN001, ANN201
    """The main window over the sample plan (in memory), shown and active."""
    from ui.app_window import window_for_store

    win = window_for_store(sample_store)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win
