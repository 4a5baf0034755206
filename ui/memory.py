"""Python's garbage collector and large plans.

A large plan is some 200 000 Python objects (ORM rows and their state, the indexes, the
models). Python's cyclic collector scans every tracked object on each full collection; the
first one after opening such a plan took 130–380 ms here, at a moment no one chose — during
the opening, or in the middle of a later edit. So:

- while a plan is opened, the collector is off (the store does the same while it loads);
- once the window is up, everything alive is frozen (`gc.freeze`): later collections skip
  it, so edits only ever pay for the young objects they make;
- when a window has gone, the frozen objects are thawed and collected once, right then (the
  user just closed a plan: a pause there goes unnoticed), and what is still alive — the
  other open plans — is frozen again. (Whatever still holds the closed window's plan at that
  moment keeps it until the next window closes.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer


@contextmanager
def opening_a_plan() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def collect_after(window: QObject) -> None:
    """Collect the garbage `window` leaves once it is destroyed (after the event that deletes
    it: its children and their connections are gone by then)."""
    window.destroyed.connect(lambda *_: QTimer.singleShot(0, _collect))


def _collect() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()
