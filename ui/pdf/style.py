"""The pack's look: fonts, colours and the style sheet every text block uses."""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QFont

from planner.i18n import N_

FAMILY = "DejaVu Sans"  # fonts-dejavu-core: every Nordic letter, and it embeds cleanly
BODY_PT = 8.5

INK = "#1d2733"
MUTED = "#5b6673"
RULE = "#c9d1da"
SHADE = "#eef2f6"
ACCENT = "#1f4e79"

SEVERITY_COLOURS = {"problem": "#b3261e", "warning": "#9a5b00", "info": "#3d6a8f"}
SEVERITY_WORDS = {"problem": N_("Problem"), "warning": N_("Warning"), "info": N_("Note")}


def font(point_size: float = BODY_PT, *, bold: bool = False) -> QFont:
    f = QFont(FAMILY)
    f.setPointSizeF(point_size)
    f.setBold(bold)
    # Ligatures would turn "fi" into one glyph, which copies and searches as "ﬁ".
    f.setFeature(QFont.Tag("liga"), 0)
    f.setFeature(QFont.Tag("clig"), 0)
    return f


def esc(text: str) -> str:
    """User text as HTML text: `<b>` prints as `<b>`; line breaks are kept."""
    return html.escape(text, quote=True).replace("\n", "<br/>")


def colour(value: str, fallback: str = "#888888") -> str:
    """A department colour from the plan, only if it really is a colour (it goes into a
    style attribute)."""
    return value if QColor.isValidColorName(value) and value.startswith("#") else fallback


def px(points: float) -> str:
    """A CSS length for QTextDocument margins and padding, which it reads as px of 1/96 in
    (scaled to the device) and silently ignores when given in pt."""
    return f"{points * 96 / 72:.1f}px"


STYLE_SHEET = f"""
body {{ color: {INK}; }}
h1 {{ font-size: 16pt; font-weight: bold; color: {ACCENT}; margin-top: 0;
      margin-bottom: {px(6)}; }}
h2 {{ font-size: 11.5pt; font-weight: bold; color: {ACCENT}; margin-top: {px(12)};
      margin-bottom: {px(5)}; }}
h3 {{ font-size: 10pt; font-weight: bold; margin-top: {px(10)}; margin-bottom: {px(2)}; }}
p {{ margin-top: 0; margin-bottom: {px(6)}; }}
table {{ border-collapse: collapse; margin-bottom: {px(4)}; }}
th {{ background-color: {SHADE}; font-weight: bold; text-align: left; }}
td, th {{ border-bottom: 0.5pt solid {RULE}; }}
.muted {{ color: {MUTED}; }}
.small {{ font-size: 8pt; }}
.lead {{ font-size: 10.5pt; margin-bottom: {px(6)}; }}
.over {{ color: {SEVERITY_COLOURS['problem']}; font-weight: bold; }}
.group td {{ background-color: {SHADE}; font-weight: bold; }}
"""
