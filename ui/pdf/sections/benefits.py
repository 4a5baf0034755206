"""Did the last course go down well? The benefit checks of the phases that have gone live:
per department met, partly, not yet (or not asked), with its note and measured value."""

from __future__ import annotations

from planner.report import SECTION_TITLES, Section
from planner.report.benefits import due_text
from planner.report.text import day
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table

# Result words in the colours a committee reads at a glance (text stays the carrier).
_MARKS = {"met": "✔ met", "partly": "◐ partly", "not yet": "✘ not yet", "overdue": "! overdue",
          "not asked yet": "… not asked yet"}


def parts(ctx: Context) -> list[Part]:
    title = SECTION_TITLES[Section.BENEFITS]
    checks = ctx.pack.benefits
    if checks is None:
        return []
    html = heading(1, title)
    if not checks.phases:
        html += para("No phase has gone live yet, so no department has been asked whether "
                     "it feels the promised benefit.", "muted")
        return [Part(title, ctx.flow(html))]
    html += para(
        "After each go-live every department it delivered to is asked whether the benefit "
        "the phase promised is felt. " + checks.summary
    )
    for phase in checks.phases:
        caption = f"{phase.phase} — live since {day(phase.go_live)}"
        html += heading(2, caption) + para(f"Asked: {phase.question}")
        if phase.measure:
            html += para(f"Measure: {phase.measure}", "muted small")
        html += table(
            ["Department", "Answer", "Note", "Measured", "When"],
            [row([cell(r.department), cell(_MARKS.get(r.result, r.result)), cell(r.note),
                  cell(r.measured), cell(due_text(r))]) for r in phase.rows],
            [20, 16, 36, 12, 16],
        )
    return [Part(title, ctx.flow(html))]

