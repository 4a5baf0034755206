"""Warnings as table rows, shared by the phase pages and the open-warnings section."""

from __future__ import annotations

from collections.abc import Sequence

from planner.i18n import _, ngettext
from planner.report.model import WarningGroup
from planner.report.warnings import code_title
from ui.pdf import style
from ui.pdf.sections.html import caption_row, cell, row
from ui.pdf.style import esc


def severity_cell(severity: str, attrs: str = "") -> str:
    colour = style.SEVERITY_COLOURS.get(severity, style.INK)
    word = _(style.SEVERITY_WORDS.get(severity, severity))
    return cell(
        f'<span style="color: {colour}; font-weight: bold;">{esc(word)}</span>',
        markup=True,
        attrs=attrs,
    )


def groups_table(groups: Sequence[WarningGroup], caption: str = "") -> str:
    """One shaded row per kind of warning (with the principle it protects), then what it
    says about each subject; long runs end in "… and N more"."""
    rows = []
    for group in groups:
        principle = group.principle.split(":", 1)[0]
        rows.append(
            row(
                [
                    severity_cell(group.severity, ' width="15%"'),  # fits "Waarschuwing"
                    cell(
                        f"{esc(code_title(group.code))} "
                        f'<span class="muted" style="font-weight: normal;">'
                        + esc(_("· protects: {principle}").format(principle=principle))
                        + "</span>",
                        markup=True,
                    ),
                ],
                ' class="group"',
            )
        )
        for w in group.rows:
            text = esc(w.message) if w.names_subject else (
                f"<b>{esc(w.subject)}</b>: {esc(w.message)}")
            if w.dismissed_reason is not None:
                reason = w.dismissed_reason or _("no reason given")
                text += (
                    '<br/><span class="muted">'
                    + esc(_("Dismissed: {reason}").format(reason=reason))
                    + "</span>"
                )
            rows.append(row([cell(""), cell(text, markup=True)]))
        if group.more:
            rows.append(
                row(
                    [
                        cell(""),
                        cell(
                            ngettext(
                                "… and {more} more like these",
                                "… and {more} more like these",
                                group.more,
                            ).format(more=group.more),
                            attrs=' class="muted"',
                        ),
                    ]
                )
            )
    # The caption is the table's header row: it repeats on the next page, and never
    # stays behind alone at the bottom of one.
    head = f"<thead>{caption_row(caption, 2)}</thead>" if caption else ""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="2">{head}'
        + "".join(rows) + "</table>"
    )
