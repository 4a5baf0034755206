"""Colours and small painted icons. Text and backgrounds always come from the palette, so the
light and dark schemes both work; the only fixed colours are the severity badges (chosen to
read on light and dark backgrounds alike) and each department's own colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

from planner.i18n import N_, ngettext
from planner.warnings.types import Severity
from ui.guard import guarded

SCHEMES = {"system": N_("Follow the &system"), "light": N_("&Light"), "dark": N_("&Dark")}

SEVERITY_COLOURS = {
    Severity.PROBLEM: QColor("#d83b2d"),
    Severity.WARNING: QColor("#e8a317"),
    Severity.INFO: QColor("#3b82d8"),
}
SEVERITY_TITLES = {
    Severity.PROBLEM: N_("Problems"),
    Severity.WARNING: N_("Warnings"),
    Severity.INFO: N_("Notes"),
}
_ICON_SIZES = (16, 20, 24, 32, 48)


def severity_count(severity: Severity, n: int) -> str:
    """'1 problem', '3 warnings'; '3 ongelmaa' (a number takes its own form of the noun in
    Finnish, which a lower-cased "Ongelmat" heading after the number got wrong)."""
    if severity == Severity.PROBLEM:
        return ngettext("{n} problem", "{n} problems", n).format(n=n)
    if severity == Severity.WARNING:
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return ngettext("{n} note", "{n} notes", n).format(n=n)


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#2b2d30"), QColor("#1e1f22"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26282b"),
        QPalette.ColorRole.ToolTipBase: QColor("#3c3f41"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8c8c8c"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#3c3f41"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Light: QColor("#4a4d50"),
        QPalette.ColorRole.Midlight: QColor("#3f4245"),
        QPalette.ColorRole.Mid: QColor("#5a5d60"),
        QPalette.ColorRole.Dark: QColor("#1a1b1d"),
        QPalette.ColorRole.Shadow: QColor("#101010"),
        QPalette.ColorRole.Highlight: QColor("#2f65ca"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ea8fe"),
        QPalette.ColorRole.LinkVisited: QColor("#b48ef0"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    disabled = QColor("#7a7a7a")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


class CheckOutlineStyle(QProxyStyle):
    """The platform's style, plus a visible outline round check boxes on dark palettes
    (Fusion draws them in the window colour darkened, which vanishes on a dark base)."""

    _CHECKS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    @guarded()
    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: ANN001, N802
        super().drawPrimitive(element, option, painter, widget)
        if element in self._CHECKS and is_dark(option.palette):
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Mid).lighter(160), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5))
            painter.restore()


def apply_scheme(scheme: str) -> None:
    """Switch the whole application to the light, dark or system colours."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    if scheme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        if not isinstance(app.style(), CheckOutlineStyle):
            app.setStyle(CheckOutlineStyle(app.style().name()))
        app.setPalette(dark_palette())
    elif scheme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(app.style().standardPalette())
    else:
        hints.unsetColorScheme()
        app.setPalette(QPalette())
    severity_icon.cache_clear()


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def readable_text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on `colour` (for department chips)."""
    r, g, b = colour.redF(), colour.greenF(), colour.blueF()
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor("#000000") if luminance > 0.5 else QColor("#ffffff")


def _pixmap(size: int, dpr: float) -> QPixmap:
    pixmap = QPixmap(int(size * dpr), int(size * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _device_ratio() -> float:
    app = QGuiApplication.instance()
    screen = app.primaryScreen() if app is not None else None
    return screen.devicePixelRatio() if screen is not None else 1.0


@cache
def severity_icon(severity: Severity) -> QIcon:
    icon = QIcon()
    dpr = _device_ratio()
    for size in _ICON_SIZES:
        pixmap = _pixmap(size, dpr)
        _paint_badge(QPainter(pixmap), QRectF(0, 0, size, size), severity)
        icon.addPixmap(pixmap)
    return icon


def _paint_badge(painter: QPainter, rect: QRectF, severity: Severity) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = SEVERITY_COLOURS[severity]
    inset = rect.adjusted(1, 1, -1, -1)
    painter.setPen(QPen(colour.darker(140), max(1.0, rect.width() / 16)))
    painter.setBrush(QBrush(colour))
    if severity == Severity.WARNING:
        path = QPainterPath(QPointF(inset.center().x(), inset.top()))
        path.lineTo(inset.bottomRight())
        path.lineTo(inset.bottomLeft())
        path.closeSubpath()
        painter.drawPath(path)
        glyph_rect = inset.adjusted(0, inset.height() * 0.25, 0, 0)
    else:
        painter.drawEllipse(inset)
        glyph_rect = inset
    glyph = "i" if severity == Severity.INFO else "!"
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, int(rect.height() * 0.62)))
    painter.setFont(font)
    painter.setPen(QColor("#1b1b1b") if severity == Severity.WARNING else QColor("#ffffff"))
    painter.drawText(glyph_rect, Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()


@cache
def swatch_icon(colour: str) -> QIcon:
    """A small rounded square of a department's colour, outlined so that white or black
    departments still show on either background."""
    icon = QIcon()
    dpr = _device_ratio()
    fill = QColor(colour)
    for size in _ICON_SIZES:
        pixmap = _pixmap(size, dpr)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(128, 128, 128, 200), 1))
        painter.setBrush(fill)
        r = QRectF(2.5, 2.5, size - 5, size - 5)
        painter.drawRoundedRect(r, size / 6, size / 6)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
