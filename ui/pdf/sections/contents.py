"""The table of contents. Laid out twice: once with placeholder numbers to learn how many
pages it takes, then with the real numbers (the rows are the same, so the pages are too)."""

from __future__ import annotations

from collections.abc import Sequence

from planner.i18n import N_, _
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, row
from ui.pdf.style import esc

TITLE = N_("Contents")


def contents_html(entries: Sequence[tuple[int, str, int | None]]) -> str:
    """entries: (level, title, page number or None for the layout pass)."""
    rows = []
    for level, title, number in entries:
        text = esc(title)
        if level == 0:
            text = f"<b>{text}</b>"
            attrs = ""
        else:
            attrs = ' style="padding-left: 14pt;"'
        page = "000" if number is None else str(number)
        rows.append(
            row([cell(text, markup=True, attrs=attrs), cell(page, num=True, attrs=' width="10%"')])
        )
    return (
        heading(1, _(TITLE))
        + '<table width="100%" cellspacing="0" cellpadding="3">'
        + "".join(rows)
        + "</table>"
    )


def part(ctx: Context, entries: Sequence[tuple[int, str, int | None]]) -> Part:
    return Part(_(TITLE), ctx.flow(contents_html(entries)))
