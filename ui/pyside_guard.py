"""Guard against PySide6 reference-count bugs that abort long sessions.

PySide6 6.12's abi3 wheels on Python 3.11 hand out two singletons without taking a
reference: None from void methods (found first by the Gantt view's painting)
and True from `Signal.emit()`. Each call drops the count by one; the main window emits
signals on every edit and repaint, so after some thousands the interpreter aborts with
"Fatal Python error: bool_dealloc" (or none_dealloc), at the latest when it exits.
Python 3.12 made these objects immortal (PEP 683), which hides the bug there.

`guard()` probes for each leak and, only where it is found, gives the object a reference
count no program can use up — what 3.12 does. Imported by ui/__init__.py, so it runs before
any window exists. Remove when PySide6 is fixed or Python >= 3.12 is required.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # a trillion leaked calls before it could matter


def _reserve(obj: object) -> None:
    ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE


def emit_leaks_true() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit()
    return sys.getrefcount(True) < before - 8


def void_leaks_none() -> bool:
    from PySide6.QtCore import QRectF

    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(16):
        rect.setTop(0.0)
    return sys.getrefcount(None) < before - 8


def guard() -> list[str]:
    """Apply what is needed; returns the names of the objects it protected (now or before)."""
    if sys.version_info >= (3, 12):
        return []
    done: list[str] = []
    # One flag per object, so a second call never reserves twice.
    if getattr(sys, "_rollout_none_guard", False) or void_leaks_none():
        if not getattr(sys, "_rollout_none_guard", False):
            _reserve(None)
            sys._rollout_none_guard = True  # type: ignore[attr-defined]
        done.append("None")
    if getattr(sys, "_rollout_bool_guard", False) or emit_leaks_true():
        if not getattr(sys, "_rollout_bool_guard", False):
            _reserve(True)
            _reserve(False)
            sys._rollout_bool_guard = True  # type: ignore[attr-defined]
        done.append("True")
    return done
