"""When a steering review's date has come and no baseline was taken since, a bar above the
views offers to take one: once per review (dismissed or taken, it is remembered)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget

from planner.baseline import review_due
from planner.i18n import _
from planner.i18n.formats import local_date
from ui import settings
from ui.guard import guarded

DISMISSED = "reviews/offers_dismissed"  # list of "path|milestone id|date"


def _key(document, milestone) -> str:  # noqa: ANN001
    path = document.store.path
    return f"{path or 'memory'}|{milestone.id}|{milestone.date.isoformat()}"


def _dismissed() -> list[str]:
    value = settings.settings().value(DISMISSED, [])
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value or []]


class ReviewOffer(QToolBar):
    """`take_requested(name)` when the user accepts."""

    take_requested = Signal(str)

    def __init__(self, document, parent: QWidget | None = None,  # noqa: ANN001
                 today: dt.date | None = None) -> None:
        super().__init__(_("Steering review"), parent)
        self.setObjectName("review_offer")
        self.setMovable(False)
        self.document = document
        self.today = today
        self.milestone = None
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(6, 2, 6, 2)
        self.label = QLabel(box)
        self.label.setObjectName("review_offer_text")
        # Wraps rather than widening the window: Finnish and Dutch run ~40 % longer.
        self.label.setWordWrap(True)
        self.take = QPushButton(_("Take &baseline now"), box)
        self.dismiss = QPushButton(_("Not for this review"), box)
        row.addWidget(self.label, 1)
        row.addWidget(self.take)
        row.addWidget(self.dismiss)
        self.addWidget(box)
        self.take.clicked.connect(self._take)
        self.dismiss.clicked.connect(self._dismiss)
        self.toggleViewAction().setVisible(False)  # not a toolbar the user arranges
        self.check()
        # The window restores its toolbars' last visibility after the extensions are
        # installed; whether to offer is decided again once that is done.
        self._recheck = QTimer(self, singleShot=True, interval=0)
        self._recheck.timeout.connect(self.check)
        self._recheck.start()

    @guarded()
    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        # The window restores its toolbars as they were last time (after the extensions are
        # installed): this bar shows only while there is something to offer.
        super().setVisible(bool(visible) and getattr(self, "milestone", None) is not None)

    def check(self) -> None:
        """Show the offer if a review is due, not yet answered for this file."""
        milestone = None
        if not self.document.read_only:
            milestone = review_due(self.document.store, self.today or dt.date.today())
        if milestone is not None and _key(self.document, milestone) in _dismissed():
            milestone = None
        self.milestone = milestone
        if milestone is not None:
            name = milestone.title.split(":")[0].strip() or milestone.title
            self.label.setText(
                _(
                    "“{title}” was on {date} and no baseline was taken since. Take "
                    "“{name}” now, so the next review can show what changed?"
                ).format(
                    title=milestone.title,
                    date=local_date(milestone.date, "%d %b %Y", skeleton="yMMMd"),
                    name=name,
                )
            )
            self.suggested = name
        self.setVisible(milestone is not None)

    def _remember(self) -> None:
        if self.milestone is None:
            return
        keys = _dismissed()
        keys.append(_key(self.document, self.milestone))
        settings.settings().setValue(DISMISSED, keys[-200:])

    def _take(self) -> None:
        self._remember()
        name = self.suggested
        self.hide()
        self.take_requested.emit(name)

    def _dismiss(self) -> None:
        self._remember()
        self.hide()
