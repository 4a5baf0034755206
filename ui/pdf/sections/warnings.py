"""Open warnings across the plan, worst first; dismissed ones with the reason given."""

from __future__ import annotations

from planner.i18n import N_, _, ngettext
from planner.report import SECTION_TITLES, Section
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table
from ui.pdf.sections.warning_rows import groups_table, severity_cell

_PLURAL = {"problem": N_("Problems"), "warning": N_("Warnings"), "info": N_("Notes")}


def parts(ctx: Context) -> list[Part]:
    title = _(SECTION_TITLES[Section.WARNINGS])
    summary = ctx.pack.warnings
    html = heading(1, title)
    if summary is None:
        return [Part(title, ctx.flow(html))]
    counts = summary.counts
    html += para(
        _("{problems}, {warnings} and {notes} are open; ").format(
            problems=_count(counts.get("problem", 0), "problem"),
            warnings=_count(counts.get("warning", 0), "warning"),
            notes=_count(counts.get("info", 0), "note"),
        )
        + (_('{count} dismissed with a reason (listed last). ').format(count=len(summary.dismissed))
           if summary.dismissed else _("none has been dismissed. "))
        + _("Each names the principle it protects.")
    )
    severity = None
    for group in summary.open_groups:
        if group.severity != severity:
            severity = group.severity
            caption = f"{_(_PLURAL.get(severity, severity))} ({counts.get(severity, 0)})"
            html += groups_table([g for g in summary.open_groups if g.severity == severity],
                                 caption)
    if not summary.open_groups:
        html += para(_("No open warnings."))
    caption = _('Dismissed ({count})').format(count=len(summary.dismissed))
    if summary.dismissed:
        rows = [
            row([severity_cell(w.severity),
                 cell(w.text),
                 cell(w.dismissed_reason or _("no reason given"))])
            for w in summary.dismissed
        ]
        html += table(["", _("Warning"), _("Reason for dismissing")], rows, [12, 54, 34],
                      caption=caption)
    return [Part(title, ctx.flow(html))]


def _count(n: int, kind: str) -> str:
    if kind == "problem":
        return ngettext("{n} problem", "{n} problems", n).format(n=n)
    if kind == "warning":
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return ngettext("{n} note", "{n} notes", n).format(n=n)
