"""Did the last course go down well? The benefit checks of the phases that have gone live:
per department met, partly, not yet (or not asked), with its note and measured value."""

from __future__ import annotations

from planner.i18n import N_, _
from planner.report import SECTION_TITLES, Section
from planner.report.benefits import due_text
from planner.report.text import day
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table

# Result words in the colours a committee reads at a glance (text stays the carrier).
_MARKS = {
    "met": N_("✔ met"),
    "partly": N_("◐ partly"),
    "not yet": N_("✘ not yet"),
    "overdue": N_("! overdue"),
    "not asked yet": N_("… not asked yet"),
}


def parts(ctx: Context) -> list[Part]:
    title = _(SECTION_TITLES[Section.BENEFITS])
    checks = ctx.pack.benefits
    if checks is None:
        return []
    html = heading(1, title)
    if not checks.phases:
        html += para(_("No phase has gone live yet, so no department has been asked whether "
                     "it feels the promised benefit."), "muted")
        return [Part(title, ctx.flow(html))]
    html += para(
        _("After each go-live every department it delivered to is asked whether the benefit "
        "the phase promised is felt. ") + checks.summary
    )
    for phase in checks.phases:
        caption = _('{phase} — live since {day}').format(phase=phase.phase, day=day(phase.go_live))
        html += heading(2, caption) + para(_('Asked: {question}').format(question=phase.question))
        if phase.measure:
            html += para(_("Measure: {measure}").format(measure=phase.measure), "muted small")
        html += table(
            [_("Department"), _("Answer"), _("Note"), _("Measured"), _("When")],
            [row([cell(r.department), cell(_(_MARKS.get(r.result, r.result))), cell(r.note),
                  cell(r.measured), cell(due_text(r))]) for r in phase.rows],
            [20, 16, 36, 12, 16],
        )
    return [Part(title, ctx.flow(html))]

