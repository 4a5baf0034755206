"""A window on a plan on a server follows other people's edits as they are committed.

The store's LISTEN connection is watched with a QSocketNotifier: when a NOTIFY arrives the
store reads the new change-log entries and applies them like an undo or redo (so every view,
the warnings and the Gantt update the usual way). Nothing here blocks: `poll(0)` only reads
what has arrived. A timer looks after a lost connection: the bar says so, edits are refused
by the store, and `poll()` reconnects with backoff and catches up.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

from planner.i18n import _

if TYPE_CHECKING:
    from planner.server.store import LogEntry, ServerStore
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
HEARTBEAT_MS = 400
BAR_STYLE = "QLabel { background: #fff3cd; color: #5c4400; padding: 6px 10px; }"


class ServerFollower(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store: ServerStore = window.document.store  # type: ignore[assignment]
        self.notifier: QSocketNotifier | None = None
        self._fileno = -1
        self.bar = QToolBar(_("Connection"), window)
        self.bar.setObjectName("server_connection_bar")
        self.bar.setMovable(False)
        self.label = QLabel(self.bar)
        self.label.setObjectName("server_connection_notice")
        self.label.setStyleSheet(BAR_STYLE)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.bar.addWidget(self.label)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.setVisible(False)
        self.store.subscribe_remote(self._on_remote_edit)
        self.timer = QTimer(self)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._heartbeat)
        self.timer.start()
        self._watch()
        self.store.on_socket_closing(self._unwatch)
        window.closed.connect(self.timer.stop)

    def _unwatch(self) -> None:
        """The LISTEN connection is about to close: let go of its socket first."""
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        self._fileno = -1

    def _watch(self) -> None:
        """(Re)attach the notifier to the LISTEN connection's socket (new after a reconnect)."""
        fileno = self.store.fileno()
        if fileno == self._fileno:
            return
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        self._fileno = fileno
        if fileno >= 0:
            self.notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(self.poll)

    def poll(self, *_unused: object) -> None:
        try:
            self.store.poll(0)
        except Exception:  # a bug in a view must not stop us from following
            log.exception("Applying other people's edits failed")
        self._show_state()

    def _heartbeat(self) -> None:
        try:
            if not self.store.online:
                self.store.poll(0)  # reconnects when due (backoff) and catches up
            elif self.store.fileno() < 0:
                self.store.poll(0)
        except Exception:
            log.exception("Checking the server connection failed")
        self._show_state()

    def _show_state(self) -> None:
        self._watch()
        lost = not self.store.online
        if lost:
            self.label.setText(
                self.store.status or _("Connection to the server lost — reconnecting…")
            )
        if self.bar.isVisible() != lost:
            self.bar.setVisible(lost)
            if not lost:
                self.window.statusBar().showMessage(_("Connected to the server again."), 4000)

    def _on_remote_edit(self, entry: LogEntry) -> None:
        if entry.client == self.store.client_id:
            return
        self.window.statusBar().showMessage(f"{entry.author}: {entry.label}", 6000)
