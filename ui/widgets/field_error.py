"""The message of a refused edit, shown right at the field (under the cell or the editor)
until the user types or clicks again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from planner.i18n import _
from planner.warnings.types import Severity
from ui.guard import guarded
from ui.theme import SEVERITY_COLOURS

SHOW_MS = 8000


class FieldErrorPopup(QLabel):
    """A label floating over the window (a child of it, not a window of its own, so it needs
    nothing from the window system and moves with the window)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.hide()
        self.setObjectName("field_error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMargin(6)
        self.setAccessibleName(_("Error"))
        red = SEVERITY_COLOURS[Severity.PROBLEM]
        palette = self.palette()
        base = QApplication.palette()
        palette.setColor(QPalette.ColorRole.Window, base.color(QPalette.ColorRole.ToolTipBase))
        palette.setColor(QPalette.ColorRole.WindowText, base.color(QPalette.ColorRole.ToolTipText))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"QLabel#field_error {{ border: 2px solid {red.name()}; }}")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_at(self, widget: QWidget, rect: QRect, message: str) -> None:
        """Show `message` just below `rect` (in `widget`'s coordinates)."""
        self.setText(message)
        width = max(rect.width(), self.fontMetrics().averageCharWidth() * 40)
        self.setFixedWidth(min(width, self.fontMetrics().averageCharWidth() * 70))
        top = widget.window()
        if self.parentWidget() is not top:
            self.setParent(top)
        self.adjustSize()
        spot = widget.mapTo(top, QPoint(rect.left(), rect.bottom() + 2))
        spot.setX(max(0, min(spot.x(), top.width() - self.width())))
        spot.setY(max(0, min(spot.y(), top.height() - self.height())))
        self.move(spot)
        self.show()
        self.raise_()
        self._timer.start(SHOW_MS)
        QApplication.instance().installEventFilter(self)

    @guarded()
    def hideEvent(self, event) -> None:  # noqa: ANN001, N802
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().hideEvent(event)

    @guarded()
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.hide()
        return False
