"""Guard against a PySide6 reference-count bug that would crash long painting sessions.

PySide6 6.12's abi3 wheels, on Python 3.11, return None from every void method (setPen,
drawRect, QRectF.setTop, …) without taking a reference to it. Each call so drops None's
count by one; after a few thousand calls (one repaint of a big chart makes that many) the
interpreter aborts with "Fatal Python error: none_dealloc". Python 3.12 made None immortal
(PEP 683), which hides the bug there.

`guard()` probes for the leak and, only if it is there, gives None a reference count no
program can use up, which is what 3.12 does. Remove when PySide6 is fixed or Python >= 3.12.
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
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    sys._rollout_none_guard = True  # type: ignore[attr-defined]
    return True
