"""A column of big department buttons, numbered so the facilitator can pick one with a
number key: who is speaking (capture) or who is voting (prioritise)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from planner.model import Department
from ui.guard import guarded
from ui.workshop.theme import INK, Theme

Suffix = Callable[[Department], str]


def number_key(position: int) -> str:
    """1 … 9, then 0 for the tenth; departments after that are picked by click."""
    return str(position + 1) if position < 9 else ("0" if position == 9 else "")


def swatch(colour: str, size: int) -> QIcon:
    """A square of the department's colour with a black edge (visible even for yellow)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor(INK), 2))
    painter.setBrush(QColor(colour))
    painter.drawRect(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class DepartmentPicker(QScrollArea):
    """One column of buttons (`columns=1`), or a grid across the page that shows at most
    `max_rows` rows and scrolls for more."""

    picked = Signal(int)

    def __init__(self, theme: Theme, *, columns: int = 1, max_rows: float | None = None) -> None:
        super().__init__()
        self.theme = theme
        self.columns = max(1, columns)
        self.max_rows = max_rows
        if max_rows is not None:
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._inner = QWidget()
        self._inner.setObjectName("picker")
        self._inner.installEventFilter(self)
        self.setStyleSheet("QScrollArea, QWidget#picker { background: transparent; }")
        self._layout = QGridLayout(self._inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setWidget(self._inner)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(self._clicked)
        self._ids: list[int] = []
        self._current: int | None = None

    def set_departments(self, departments: list[Department], suffix: Suffix | None = None) -> None:
        """Rebuild the buttons (cheap: a plan has a handful of departments in a room)."""
        for button in self._group.buttons():
            self._group.removeButton(button)
            button.deleteLater()
        while self._layout.count():
            self._layout.takeAt(0)
        self._ids = [d.id for d in departments]
        size = self.theme.px("body")
        for position, dept in enumerate(departments):
            key = number_key(position)
            text = f"{key}  {dept.name}" if key else dept.name
            extra = suffix(dept) if suffix is not None else ""
            if extra:
                text += f"  {extra}"
            button = QPushButton(swatch(dept.colour, size), text)
            button.setIconSize(QSize(size, size))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the page
            button.setProperty("role", "department")
            self._group.addButton(button, dept.id)
            self._layout.addWidget(button, position // self.columns, position % self.columns)
        rows = -(-len(departments) // self.columns)
        for row in range(max(rows, self._layout.rowCount())):
            self._layout.setRowStretch(row, 0)
        self._layout.setRowStretch(rows, 1)  # the buttons stay together at the top
        for column in range(self.columns):
            self._layout.setColumnStretch(column, 1)
        self.updateGeometry()
        self.set_current(self._current if self._current in self._ids else None)

    @guarded()
    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # As wide as the widest button once styled: a department's name is never cut off.
        inner = self._inner.sizeHint()
        width = inner.width() + self.verticalScrollBar().sizeHint().width()
        if self.max_rows is None:
            return QSize(width, 0)
        buttons = self._group.buttons()
        row = buttons[0].sizeHint().height() + self._layout.verticalSpacing() if buttons else 0
        rows = min(self.max_rows, -(-len(buttons) // self.columns))
        return QSize(width, round(rows * row))

    @guarded()
    def sizeHint(self) -> QSize:  # noqa: N802
        minimum = self.minimumSizeHint()
        if self.max_rows is not None:
            return minimum
        return QSize(minimum.width(), self._inner.sizeHint().height())

    @guarded()
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._inner and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # restyled or relabelled buttons: the column follows
        return super().eventFilter(watched, event)

    def set_current(self, dept_id: int | None) -> None:
        self._current = dept_id
        button = self._group.button(dept_id) if dept_id is not None else None
        if button is not None:
            button.setChecked(True)
            self.ensureWidgetVisible(button)
        else:
            checked = self._group.checkedButton()
            if checked is not None:
                self._group.setExclusive(False)
                checked.setChecked(False)
                self._group.setExclusive(True)

    def current_id(self) -> int | None:
        return self._current

    def pick_number(self, key: str) -> bool:
        """A number key: 1 is the first department … 0 the tenth. True if it picked one."""
        position = 9 if key == "0" else (int(key) - 1 if key.isdigit() else -1)
        if not 0 <= position < len(self._ids):
            return False
        self._clicked(self._ids[position])
        return True

    def _clicked(self, dept_id: int) -> None:
        self.set_current(dept_id)
        self.picked.emit(dept_id)
