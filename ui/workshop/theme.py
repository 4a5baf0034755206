"""The workshop's look: a high-contrast light theme and type sized for the back of a room.

Light rather than dark on purpose: in a lit meeting room a projector's black turns grey while
its white stays white, so dark text on white keeps the most contrast. Every size is derived
from the screen height and the facilitator's live scale factor (Ctrl+plus/minus), and nothing
is ever drawn below MIN_PX, the smallest type still readable from the back row.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont

MIN_PX = 18
SCALE_STEP = 1.15
SCALE_MIN = 0.6
SCALE_MAX = 2.5

INK = "#000000"
PAPER = "#ffffff"
PANEL = "#eeeeee"
MUTED = "#333333"  # secondary text: still 12.6:1 on white
ACCENT = "#ffd600"  # selection and focus: black on yellow, visible even on a washed-out beam
PROBLEM = "#b00020"
PROBLEM_TEXT = "#ffffff"
OK = "#1b5e20"

# Relative sizes of the type roles, times the base size.
ROLES = {"small": 0.8, "body": 1.0, "large": 1.3, "title": 1.7, "huge": 2.4}


class Theme(QObject):
    """Sizes for one screen at one scale. `changed` fires when the scale changes, so views
    can re-lay themselves out while everyone watches."""

    changed = Signal()

    def __init__(self, screen_height: int = 1080, scale: float = 1.0, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._screen_height = max(480, screen_height)
        self._scale = scale

    @property
    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        scale = min(SCALE_MAX, max(SCALE_MIN, round(scale, 3)))
        if scale != self._scale:
            self._scale = scale
            self.changed.emit()

    def zoom(self, steps: int) -> None:
        self.set_scale(self._scale * SCALE_STEP**steps)

    def set_screen_height(self, height: int) -> None:
        height = max(480, height)
        if height != self._screen_height:
            self._screen_height = height
            self.changed.emit()

    @property
    def base_px(self) -> float:
        # 1080 lines -> 30 px body text, 720 -> 20 px: about 36 lines of body text a screen.
        return self._screen_height / 36 * self._scale

    def px(self, role: str = "body") -> int:
        return max(MIN_PX, round(self.base_px * ROLES[role]))

    def font(self, role: str = "body", bold: bool = False) -> QFont:
        font = QFont("DejaVu Sans")
        font.setPixelSize(self.px(role))
        font.setBold(bold)
        return font

    def spacing(self, factor: float = 1.0) -> int:
        """Gaps and paddings grow with the type so the layout keeps its proportions."""
        return max(4, round(self.base_px * 0.5 * factor))

    def control_height(self) -> int:
        """No tiny controls: every button is at least this tall."""
        return round(self.px("body") * 2.1)

    def stylesheet(self) -> str:
        body, small, large, title = (self.px(r) for r in ("body", "small", "large", "title"))
        pad = self.spacing()
        border = max(2, round(self.base_px / 10))
        height = self.control_height()
        return f"""
        QWidget#workshop {{ background: {PAPER}; }}
        QWidget {{ color: {INK}; font-family: "DejaVu Sans"; font-size: {body}px; }}
        QLabel {{ background: transparent; }}
        QLabel[role="small"] {{ font-size: {small}px; color: {MUTED}; }}
        QLabel[role="large"] {{ font-size: {large}px; font-weight: bold; }}
        QLabel[role="title"] {{ font-size: {title}px; font-weight: bold; }}
        QLabel[role="warning"] {{
            font-size: {large}px; font-weight: bold; color: {PROBLEM_TEXT};
            background: {PROBLEM}; padding: {pad}px; border-radius: {pad}px;
        }}
        QLabel[role="message"] {{ font-size: {body}px; font-weight: bold; }}
        QPushButton {{
            background: {PANEL}; border: {border}px solid {INK}; border-radius: {pad}px;
            padding: {pad // 2}px {pad}px; min-height: {height - 2 * border - pad}px;
        }}
        QPushButton:checked {{ background: {ACCENT}; }}
        QPushButton[role="department"] {{ text-align: left; }}
        QPushButton:focus {{ border: {border * 2}px solid {INK}; }}
        QPushButton:disabled {{ color: #666666; border-color: #888888; }}
        QLineEdit, QDoubleSpinBox {{
            background: {PAPER}; border: {border}px solid {INK}; border-radius: {pad}px;
            padding: {pad // 2}px {pad}px; font-size: {large}px; min-height: {height - pad}px;
            selection-background-color: {ACCENT}; selection-color: {INK};
        }}
        QLineEdit:focus {{ border: {border * 2}px solid {INK}; }}
        QListView, QTextBrowser {{
            background: {PAPER}; border: {border}px solid {INK}; border-radius: {pad}px;
        }}
        QListView::item:selected {{ background: {ACCENT}; color: {INK}; }}
        QScrollBar:vertical {{ width: {pad * 2}px; background: {PANEL}; }}
        QScrollBar::handle:vertical {{ background: #8a8a8a; min-height: {height}px; }}
        QScrollBar:horizontal {{ height: {pad * 2}px; background: {PANEL}; }}
        QScrollBar::handle:horizontal {{ background: #8a8a8a; min-width: {height}px; }}
        QFrame#panel {{ background: {PANEL}; border-radius: {pad}px; }}
        """


def text_on(colour: str | QColor) -> QColor:
    """Black or white, whichever reads better on `colour` (WCAG relative luminance)."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    return QColor(INK) if lum > 0.179 else QColor(PAPER)
