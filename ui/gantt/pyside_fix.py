"""Guard against a PySide6 reference-count bug that crashes long Qt sessions.

PySide6 6.12's abi3 wheels, on Python 3.11, return None from every void method (setPen,
drawRect, QRectF.setTop, QAction.trigger, …) without taking a reference to it, and pass
True/False to Python slots of bool signals (triggered(bool), toggled(bool)) the same way.
Each call drops the singleton's count by one; after a few thousand (one repaint of a big
chart makes that many) the interpreter aborts with "Fatal Python error: none_dealloc" (or
bool_dealloc). Python 3.12 made these objects immortal (PEP 683), which hides the bug there.

`guard()` probes for the leak and, only if it is there, gives None, True and False a
reference count no program can use up — what 3.12 does. Remove when PySide6 is fixed or the
project requires Python >= 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # a trillion leaked calls before it could matter


def leaks_none() -> bool:
    from PySide6.QtCore import QRectF

    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(16):
        rect.setTop(0.0)
    return sys.getrefcount(None) < before - 8


def guard() -> bool:
    """Apply the fix if needed; True if it was applied (now or before)."""
    if sys.version_info >= (3, 12):
        return False
    if getattr(sys, "_rollout_none_guard", False):
        return True
    if not leaks_none():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object (Include/object.h).
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    sys._rollout_none_guard = True  # type: ignore[attr-defined]
    return True
