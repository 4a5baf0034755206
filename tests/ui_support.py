"""Helpers for the main window's tests (tests/test_ui_*.py)."""

from __future__ import annotations

from planner.warnings.types import Fix, Severity, Subject, Warning


def show_active(qtbot, win) -> None:  # noqa: ANN001
    """Show a window and wait until it is the active one: shortcuts need that."""
    with qtbot.waitExposed(win):
        win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)


class FakeEngine:
    """A warnings engine holding warnings a test built; `show(warnings)` replaces them and
    tells the subscribers, as the real engine does after an edit."""

    def __init__(self, warnings: list[Warning]) -> None:
        self.warnings = list(warnings)
        self._listeners: list = []

    def show(self, warnings: list[Warning]) -> None:
        self.warnings = list(warnings)
        for callback in list(self._listeners):
            callback(self.warnings)

    def subscribe(self, callback) -> None:  # noqa: ANN001
        self._listeners.append(callback)

    def unsubscribe(self, callback) -> None:  # noqa: ANN001
        self._listeners.remove(callback)

    def close(self) -> None:
        self._listeners.clear()


def make_warning(
    kind: str,
    row_id: int | None,
    severity: Severity = Severity.WARNING,
    message: str = "Something to look at",
    code: str = "test-code",
    fixes: tuple[Fix, ...] = (),
    dismissed_reason: str | None = None,
) -> Warning:
    return Warning(
        code=code,
        severity=severity,
        subject=Subject(kind, row_id),
        message=message,
        principle="Eat French, not the Christmas buffet",
        fixes=fixes,
        dismissed_reason=dismissed_reason,
    )
