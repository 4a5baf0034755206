"""Open warnings across the plan, worst first; dismissed ones with the reason given."""

from __future__ import annotations

from planner.report import SECTION_TITLES, Section
from planner.report.text import plural
from ui.pdf import style
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table
from ui.pdf.sections.phases import severity_cell
from ui.pdf.style import esc

_PLURAL = {"problem": "Problems", "warning": "Warnings", "info": "Notes"}


def code_title(code: str) -> str:
    text = code.replace("-", " ")
    return text[:1].upper() + text[1:]


def parts(ctx: Context) -> list[Part]:
    title = SECTION_TITLES[Section.WARNINGS]
    summary = ctx.pack.warnings
    html = heading(1, title)
    if summary is None or not summary.available:
        html += para("This build evaluates no warnings; nothing is reported here.", "muted")
        return [Part(title, ctx.flow(html))]
    counts = summary.counts
    html += para(
        f"{plural(counts.get('problem', 0), 'problem')}, "
        f"{plural(counts.get('warning', 0), 'warning')} and "
        f"{plural(counts.get('info', 0), 'note')} are open; "
        f"{len(summary.dismissed)} dismissed with a reason. Each names the principle it "
        "protects."
    )
    severity = None
    for group in summary.open_groups:
        if group.severity != severity:
            severity = group.severity
            html += heading(2, f"{_PLURAL.get(severity, severity)} "
                               f"({counts.get(severity, 0)})")
        colour = style.SEVERITY_COLOURS.get(group.severity, style.INK)
        html += (
            f'<h3><span style="color: {colour};">{esc(code_title(group.code))}</span> · '
            f"{len(group.rows) + group.more}</h3>"
            f'<p class="muted">Principle: {esc(group.principle)}</p>'
        )
        rows = [row([cell(w.subject, attrs=' width="32%"'), cell(w.message)])
                for w in group.rows]
        if group.more:
            rows.append(row([cell(f"… and {group.more} more like these",
                                  attrs=' colspan="2" class="muted"')]))
        html += table(["About", "Why"], rows, [32, 68])
    if not summary.open_groups:
        html += para("No open warnings.")
    html += heading(2, f"Dismissed ({len(summary.dismissed)})")
    if summary.dismissed:
        rows = [
            row([severity_cell(w.severity),
                 cell(f"<b>{esc(w.subject)}</b>: {esc(w.message)}", markup=True),
                 cell(w.dismissed_reason or "no reason given")])
            for w in summary.dismissed
        ]
        html += table(["", "Warning", "Reason for dismissing"], rows, [12, 54, 34])
    else:
        html += para("No warning has been dismissed.", "muted")
    return [Part(title, ctx.flow(html))]
