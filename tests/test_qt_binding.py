"""The Qt binding itself must not leak references: PySide6-Essentials 6.12.0 dropped a
reference to True on every Signal.emit() and to None from void methods, which aborted
Python 3.11 ("bool_dealloc") after some thousands of edits. pyproject.toml excludes that
release; this test fails if an installed version has the fault again."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from PySide6.QtCore import QObject, QRectF, Signal

class Probe(QObject):
    ping = Signal()

probe, rect = Probe(), QRectF()
true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
for _ in range(500):
    probe.ping.emit()
    rect.setTop(0.0)
print(true_before - sys.getrefcount(True), none_before - sys.getrefcount(None))
"""


@pytest.mark.gui
def test_signal_emit_and_void_calls_keep_references() -> None:
    # In a child process: a leaking binding would abort it, not the test run.
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-500:]
    lost_true, lost_none = (int(n) for n in result.stdout.split())
    assert lost_true < 10 and lost_none < 10, (lost_true, lost_none)
