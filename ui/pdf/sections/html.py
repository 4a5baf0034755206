"""Small HTML builders for the sections. Every argument called `text` is user text and is
escaped here; arguments called `markup` are ours and are trusted."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ui.pdf import style
from ui.pdf.style import esc


def cell(text: str, *, num: bool = False, markup: bool = False, attrs: str = "") -> str:
    body = text if markup else esc(text)
    align = ' align="right"' if num else ""
    return f"<td{align}{attrs}>{body}</td>"


def table(
    headers: Sequence[str],
    rows: Sequence[str],
    widths: Sequence[int] | None = None,
    numeric: Sequence[int] = (),
    caption: str = "",
) -> str:
    """`rows` are ready-made `<tr>` strings. Headers repeat when the table breaks a page.
    A `caption` (the section heading above the table) is made the first header row, so it
    repeats too and never stays behind alone at the foot of a page."""
    if widths:
        widths = fitted_widths(headers, widths)
    head = "".join(
        f'<th{_width(widths, i)}{" align=right" if i in numeric else ""}>{esc(h)}</th>'
        for i, h in enumerate(headers)
    )
    top = caption_row(caption, len(headers)) if caption else ""
    return (
        '<table width="100%" cellspacing="0" cellpadding="2">'
        f"<thead>{top}<tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def caption_row(caption: str, columns: int) -> str:
    return (
        f'<tr><th colspan="{columns}" style="background-color: white; border-bottom: none; '
        f'font-size: 11.5pt; color: {style.ACCENT}; padding-top: {style.px(10)};">'
        f"{esc(caption)}</th></tr>"
    )


# The narrowest text column a table is laid out in (A4 portrait less frame.py's side
# margins), in points, and a header cell's padding and rule.
_NARROWEST_PT = (210.0 - 2 * 18.0) / 25.4 * 72
_CELL_PT = 6.0


def fitted_widths(headers: Sequence[str], widths: Sequence[int]) -> list[int]:
    """Column widths (percent) widened so that every header's longest word fits on one line:
    a Finnish "Kapasiteetti" in a 12 % column broke as "Kapasiteett / i". The room is taken
    from the columns with the most to spare; widths that fit already are kept as they are."""
    from PySide6.QtGui import QFontMetricsF, QGuiApplication, QImage

    if QGuiApplication.instance() is None or len(widths) != len(headers):
        return list(widths)
    device = QImage(1, 1, QImage.Format.Format_RGB32)
    device.setDotsPerMeterX(round(72 / 0.0254))  # one pixel a point
    device.setDotsPerMeterY(round(72 / 0.0254))
    metrics = QFontMetricsF(style.font(bold=True), device)
    need = [
        math.ceil(
            (max((metrics.horizontalAdvance(w) for w in h.split()), default=0.0) + _CELL_PT)
            * 100 / _NARROWEST_PT
        )
        for h in headers
    ]
    out = list(widths)
    for i, wanted in enumerate(need):
        short = wanted - out[i]
        while short > 0:
            spare = [(out[j] - need[j], j) for j in range(len(out)) if out[j] > need[j]]
            if not spare:
                break
            room, donor = max(spare)
            give = min(short, room)
            out[donor] -= give
            out[i] += give
            short -= give
    return out


def _width(widths: Sequence[int] | None, i: int) -> str:
    return f' width="{widths[i]}%"' if widths else ""


def row(cells: Sequence[str], attrs: str = "") -> str:
    return f"<tr{attrs}>{''.join(cells)}</tr>"


def heading(level: int, text: str) -> str:
    return f"<h{level}>{esc(text)}</h{level}>"


def para(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"
