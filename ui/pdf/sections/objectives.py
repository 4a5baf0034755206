"""Business objectives: measure, target, and which phases serve each one."""

from __future__ import annotations

from planner.i18n import _
from planner.report import SECTION_TITLES, Section
from ui.pdf import style
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table
from ui.pdf.style import esc

LIST_PHASES = 6  # more than this, and an objective lists phase numbers only


def parts(ctx: Context) -> list[Part]:
    title = _(SECTION_TITLES[Section.OBJECTIVES])
    objectives = ctx.pack.objectives
    html = heading(1, title)
    if ctx.pack.cover.vision:
        html += (f'<p class="lead" style="margin-bottom: {style.px(12)};">'
                 f"<i>{esc(ctx.pack.cover.vision)}</i></p>")
    if not objectives:
        html += para(_("The plan states no business objectives yet."), "over")
    else:
        rows = []
        for o in objectives:
            if len(o.phases) > LIST_PHASES:
                phases = esc(f"{len(o.phases)} phases: " + ", ".join(map(str, o.phase_numbers)))
            else:
                phases = "<br/>".join(esc(p) for p in o.phases) or (
                    '<span class="over">' + esc(_("No phase serves it yet")) + "</span>"
                )
            rows.append(
                row([
                    cell(f"<b>{esc(o.title)}</b>", markup=True),
                    cell(o.measure or "—"),
                    cell(o.target or "—"),
                    cell(phases, markup=True),
                    cell(str(o.wishes), num=True),
                ])
            )
        html += table(
            [_("Objective"), _("Measure"), _("Target"), _("Served by phases"), _("Wishes")],
            rows,
            widths=[19, 29, 19, 23, 10],
            numeric=(4,),
        )
    return [Part(title, ctx.flow(html))]
