"""Small HTML builders for the sections. Every argument called `text` is user text and is
escaped here; arguments called `markup` are ours and are trusted."""

from __future__ import annotations

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


def _width(widths: Sequence[int] | None, i: int) -> str:
    return f' width="{widths[i]}%"' if widths else ""


def row(cells: Sequence[str], attrs: str = "") -> str:
    return f"<tr{attrs}>{''.join(cells)}</tr>"


def heading(level: int, text: str) -> str:
    return f"<h{level}>{esc(text)}</h{level}>"


def para(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"
