"""One page (or more, for a big phase) per phase: goal, dates, effort against capacity,
scope by department, change activities, dependencies and the phase's warnings."""

from __future__ import annotations

from planner.i18n import N_, _, ngettext
from planner.i18n.formats import Local, local_number
from planner.report import SECTION_TITLES, Section
from planner.report.model import PhasePage
from planner.report.text import day, person_days, span
from ui.pdf import style
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table
from ui.pdf.sections.warning_rows import groups_table
from ui.pdf.style import esc

# A phase page may be set up to 20 % smaller to keep the phase on one sheet.
MIN_SCALE = 0.8
SCOPE, ACTIVITIES = N_("Scope by department"), N_("Change activities")


def parts(ctx: Context) -> list[Part]:
    out = [Part(_(SECTION_TITLES[Section.PHASES]))]
    total = len(ctx.pack.phases)
    for phase in ctx.pack.phases:
        pages = ctx.flow(phase_html(phase, total), min_scale=MIN_SCALE)
        out.append(Part(f"{phase.number}. {phase.title}", pages, 1))
    if not ctx.pack.phases:
        html = heading(1, _(SECTION_TITLES[Section.PHASES])) + para(
            _("The plan has no phases yet.")
        )
        out[0].pages = ctx.flow(html)
    return out


def phase_html(phase: PhasePage, total: int) -> str:
    head = _("Phase {number} of {total} · {status}").format(
        number=phase.number, total=total, status=phase.status
    )
    when = span(phase.start, phase.end)
    if phase.weeks is not None:
        when += _(' · {weeks:.1f} working weeks').format(weeks=Local(phase.weeks)).replace(
            local_number(0.0, ".1f")[1:] + " ", " ")  # '3.0 working weeks' reads '3 working weeks'
    html = f'<p class="muted">{esc(head)} · <b>{esc(when)}</b></p>' + heading(1, phase.title)
    if phase.goal:
        html += f'<p class="lead"><i>{esc(phase.goal)}</i></p>'
    else:
        html += para(_("No user benefit is stated for this phase."), "over")
    html += _facts(phase)
    if phase.warnings:
        count = sum(len(g.rows) + g.more for g in phase.warnings)
        html += groups_table(phase.warnings, _('Warnings ({count})').format(count=count))
    html += _scope(phase)
    html += _activities(phase)
    return html


def _facts(phase: PhasePage) -> str:
    effort = person_days(phase.effort)
    if phase.capacity is not None:
        ratio = phase.utilisation or 0.0
        text = _("{effort} against {person_days} team capacity ({ratio:.0%})").format(
            effort=effort, person_days=person_days(phase.capacity), ratio=Local(ratio)
        )
        effort_cell = cell(text, attrs=' class="over"' if ratio > 1 else "")
    else:
        effort_cell = cell(_('{effort}; no capacity without dates').format(effort=effort))
    departments = ", ".join(
        f"{d.department} ({person_days(d.effort)})" for d in phase.departments
    )
    facts = [
        row([cell(_("Effort"), attrs=' width="22%" class="muted"'), effort_cell]),
        _fact(_("Departments"), departments or _("none yet")),
        _fact(_("Objectives served"), "; ".join(phase.objectives), missing=_("none")),
        _fact(_("Depends on"), "; ".join(phase.depends_on), missing=_("nothing")),
        _fact(_("Needed by"), "; ".join(phase.needed_by), missing=_("nothing")),
        _fact(_("Milestones"), "\n".join(phase.milestones), missing=_("none")),
    ]
    if phase.prerequisites:
        facts.append(_fact(_("Prerequisites"), "\n".join(phase.prerequisites)))
    return f'<table width="100%" cellspacing="0" cellpadding="2">{"".join(facts)}</table>'


def _fact(label: str, value: str, missing: str = "—") -> str:
    return row([cell(label, attrs=' width="22%" class="muted"'), cell(value or missing)])


def _scope(phase: PhasePage) -> str:
    if not phase.departments:
        return heading(2, _(SCOPE)) + para(_("No wishes are planned in this phase."), "muted")
    rows = []
    for dept in phase.departments:
        swatch = f'<span style="color: {style.colour(dept.colour)};">■</span>'
        rows.append(
            row(
                [
                    cell(f"{swatch} {esc(dept.department)} · "
                         + ngettext("{n} wish", "{n} wishes", dept.count).format(n=dept.count),
                         markup=True,
                         attrs=' colspan="3"'),
                    cell(person_days(dept.effort), num=True),
                ],
                ' class="group"',
            )
        )
        for d in dept.rows:
            rows.append(row([cell(d.title), cell(d.priority), cell(d.kind),
                             cell(person_days(d.effort), num=True)]))
        if dept.more:
            rows.append(
                row(
                    [
                        cell(
                            ngettext(
                                "… and {count} more wish of lower priority",
                                "… and {count} more wishes of lower priority",
                                dept.more.count,
                            ).format(count=dept.more.count),
                            attrs=' colspan="3" class="muted"',
                        ),
                        cell(person_days(dept.more.effort), num=True, attrs=' class="muted"'),
                    ]
                )
            )
    return table(
        [_("Wish"), _("Priority"), _("Kind"), _("Effort")],
        rows,
        [58, 12, 16, 14],
        numeric=(3,),
        caption=_(SCOPE),
    )


def _activities(phase: PhasePage) -> str:
    if not phase.activities:
        return heading(2, _(ACTIVITIES)) + para(
            _("No training, workshop, communication or support is planned."), "over")
    rows = [
        row([cell(day(a.date) if a.date else "—"), cell(a.kind), cell(a.department),
             cell(a.title or "—")])
        for a in phase.activities
    ]
    return table([_("Date"), _("Kind"), _("Department"), _("What")], rows, [16, 16, 20, 48],
                 caption=_(ACTIVITIES))
