"""Colours, patterns and type for the chart, one set per style.

Meaning-carrying colour comes from the Okabe–Ito palette (distinct for the common kinds of
colour blindness and on washed-out projectors), and is never the only cue: status is also
written in the row label, severity also has a shape and a count, overload also a hatch and a
percentage. Department colours come from the plan; text on them is black or white by
contrast, so any colour a user picks stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from planner.enums import MilestoneKind, PhaseStatus
from planner.i18n import _

# Okabe & Ito (2008), "Color Universal Design".
OI_ORANGE = "#E69F00"
OI_SKY = "#56B4E9"
OI_GREEN = "#009E73"
OI_YELLOW = "#F0E442"
OI_BLUE = "#0072B2"
OI_VERMILLION = "#D55E00"
OI_PURPLE = "#CC79A7"

# Sequential load ramp (ColorBrewer "Blues", colour-blind safe), for 0–100 % of capacity.
# The palest step is still visible on a projector.
LOAD_RAMP = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")

FONT_FAMILY = "DejaVu Sans"  # installed with the app's dependencies; metrics are stable


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever contrasts more with `fill` (WCAG contrast ratio)."""
    lum = luminance(fill)
    return QColor("#000000") if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else QColor("#ffffff")


def font(pixel_size: int, bold: bool = False) -> QFont:
    # Pixel sizes, not points: the chart is laid out in its own units and the painter's
    # transform scales it to a screen, an image or a PDF page alike.
    f = QFont(FONT_FAMILY)
    f.setPixelSize(pixel_size)
    f.setBold(bold)
    f.setKerning(True)
    return f


@dataclass(frozen=True)
class Metrics:
    row_height: float = 30.0
    bar_height: float = 20.0
    header_tier: float = 22.0
    milestone_lane: float = 22.0
    load_row: float = 18.0
    gap: float = 10.0  # between the body and the load strip
    label_pad: float = 8.0
    max_label_column: float = 230.0
    badge: float = 16.0


@dataclass(frozen=True)
class Palette:
    name: str
    background: QColor
    alt_row: QColor
    grid: QColor
    grid_strong: QColor
    non_working: QColor
    header_bg: QColor
    text: QColor
    muted_text: QColor
    today: QColor
    selection: QColor
    arrow: QColor
    status_fill: dict[PhaseStatus, QColor]
    severity: tuple[QColor, QColor, QColor]  # info, warning, problem
    overload: QColor
    milestone: dict[MilestoneKind, QColor]
    text_px: int = 13
    small_px: int = 11
    metrics: Metrics = field(default_factory=Metrics)

    # Fonts and their metrics are made once per palette: painting asks for them constantly.
    @cached_property
    def label_font(self) -> QFont:
        return font(self.text_px)

    @cached_property
    def bold_font(self) -> QFont:
        return font(self.text_px, bold=True)

    @cached_property
    def small_font(self) -> QFont:
        return font(self.small_px)

    @cached_property
    def small_bold_font(self) -> QFont:
        return font(self.small_px, bold=True)

    @cached_property
    def label_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.label_font)

    @cached_property
    def small_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.small_font)

    @cached_property
    def bold_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.bold_font)

    def load_fill(self, ratio: float) -> QColor | None:
        """The heat-map colour for a share of capacity; None for no load."""
        if ratio <= 0:
            return None
        if ratio > 1.0 + 1e-9:
            return self.overload
        step = min(len(LOAD_RAMP) - 1, int(ratio * len(LOAD_RAMP)))
        return QColor(LOAD_RAMP[step])


OVERLOAD_PATTERN = Qt.BrushStyle.BDiagPattern
DONE_PATTERN = Qt.BrushStyle.FDiagPattern


def _status(done: str, active: str, planned: str) -> dict[PhaseStatus, QColor]:
    return {
        PhaseStatus.DONE: QColor(done),
        PhaseStatus.ACTIVE: QColor(active),
        PhaseStatus.PLANNED: QColor(planned),
    }


def _milestones() -> dict[MilestoneKind, QColor]:
    return {
        MilestoneKind.GO_LIVE: QColor(OI_GREEN),
        MilestoneKind.STEERING_REVIEW: QColor(OI_PURPLE),
        MilestoneKind.DECISION: QColor(OI_ORANGE),
    }


SEVERITY = (QColor(OI_BLUE), QColor(OI_ORANGE), QColor(OI_VERMILLION))


def _screen() -> Palette:
    return Palette(
        name="screen",
        background=QColor("#ffffff"),
        alt_row=QColor("#f4f6f8"),
        grid=QColor("#e1e4e8"),
        grid_strong=QColor("#b0b6bd"),
        non_working=QColor("#eceef1"),
        header_bg=QColor("#f7f8fa"),
        text=QColor("#1b1f24"),
        muted_text=QColor("#57606a"),
        today=QColor(OI_VERMILLION),
        selection=QColor("#000000"),
        arrow=QColor("#3d444d"),
        status_fill=_status("#c8ccd1", OI_BLUE, OI_SKY),
        severity=SEVERITY,
        overload=QColor(OI_VERMILLION),
        milestone=_milestones(),
    )


def _projector() -> Palette:
    # Bigger type and stronger lines: a beamer washes out light greys.
    base = _screen()
    return Palette(
        **{
            **_fields(base),
            "name": "projector",
            "alt_row": QColor("#eceff2"),
            "grid": QColor("#c4c9cf"),
            "grid_strong": QColor("#7d858d"),
            "non_working": QColor("#dfe3e8"),
            "text": QColor("#000000"),
            "muted_text": QColor("#30363d"),
            "text_px": 16,
            "small_px": 13,
            "metrics": Metrics(
                row_height=36.0, bar_height=26.0, header_tier=26.0, milestone_lane=26.0,
                load_row=22.0, max_label_column=280.0, badge=20.0,
            ),
        }
    )


def _print() -> Palette:
    base = _screen()
    return Palette(
        **{
            **_fields(base),
            "name": "print",
            "alt_row": QColor("#f6f7f8"),
            "header_bg": QColor("#ffffff"),
            "non_working": QColor("#f0f1f3"),
            "text_px": 11,
            "small_px": 9,
            "metrics": Metrics(
                row_height=24.0, bar_height=16.0, header_tier=18.0, milestone_lane=18.0,
                load_row=14.0, gap=8.0, label_pad=6.0, max_label_column=180.0, badge=13.0,
            ),
        }
    )


def _fields(palette: Palette) -> dict:
    return {k: getattr(palette, k) for k in palette.__dataclass_fields__}


STYLES = {"screen": _screen, "projector": _projector, "print": _print}


def palette_for(style: str) -> Palette:
    if style not in STYLES:
        raise ValueError(
            _("Unknown chart style '{style}'; use one of {join}.").format(
                style=style, join=", ".join(STYLES)
            )
        )
    return STYLES[style]()
