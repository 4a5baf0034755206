"""The bar above the main window's views that says something went wrong, without stopping
anyone: non-modal, the plan stays usable, "Details…" shows the traceback, and the log folder
is one click away. Also says so when the last session ended in a crash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.i18n import N_, _
from ui import guard

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SAFE = N_("Your plan is safe: every edit is already saved.")

# Fixed colours, readable in the light and the dark scheme alike.
_STYLE = {
    "error": "#error_bar { background: #fdecea; border: 1px solid #d93025; }"
    " #error_bar QLabel { color: #5f1410; }",
    "info": "#error_bar { background: #fff4ce; border: 1px solid #c69500; }"
    " #error_bar QLabel { color: #3b2f00; }",
}


class ErrorBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_bar")
        self.message = QLabel()
        self.message.setObjectName("error_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QPushButton(_("&Details…"))
        self.details_button.setObjectName("error_details_button")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
        self.log_button = QPushButton(_("Open &log folder"))
        self.log_button.setObjectName("error_log_button")
        self.log_button.clicked.connect(open_log_folder)
        close = QToolButton()
        close.setObjectName("error_close")
        close.setText("✕")
        close.setToolTip(_("Hide this message"))
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        self.details = QPlainTextEdit()
        self.details.setObjectName("error_details")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMaximumHeight(self.fontMetrics().lineSpacing() * 14)
        self.details.hide()

        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.details_button)
        row.addWidget(self.log_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.details)
        self.hide()

    def show_error(self, message: str, details: str) -> None:
        """A view or a slot failed: say where, that the plan is safe, keep the details."""
        self._show("error", f"{message} {_(SAFE)}", details)

    def show_notice(self, text: str, details: str = "") -> None:
        self._show("info", text, details)

    def _show(self, kind: str, text: str, details: str) -> None:
        self.setStyleSheet(_STYLE[kind])
        self.message.setText(text)
        if details:
            previous = self.details.toPlainText()
            self.details.setPlainText(f"{previous}\n{details}".strip() if previous else details)
        self.details_button.setVisible(bool(self.details.toPlainText()))
        self.show()

    def dismiss(self) -> None:
        self.details_button.setChecked(False)
        self.details.clear()
        self.hide()

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)

    def on_failed(self, message: str, details: str, document: object) -> None:
        window = self.window()
        if document is not None and document is not getattr(window, "document", None):
            return  # another window's plan
        self.show_error(message, details)


def open_log_folder() -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from ui import diagnostics

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(diagnostics.log_dir())))


def install(window: MainWindow) -> ErrorBar:
    """Put the bar above the window's views, listening to every failure reported."""
    views = window.takeCentralWidget()
    box = QWidget(window)
    box.setObjectName("central_box")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    bar = ErrorBar(box)
    layout.addWidget(bar)
    if views is not None:
        layout.addWidget(views, 1)
    window.setCentralWidget(box)
    # Queued: the failure may have happened in the middle of painting another widget.
    guard.reporter().failed.connect(bar.on_failed, Qt.ConnectionType.QueuedConnection)
    action = window.help_menu.addAction(_("Open &log folder"), open_log_folder)
    action.setObjectName("open_log_folder")
    return bar
