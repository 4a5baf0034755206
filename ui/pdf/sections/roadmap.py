"""The roadmap: the Gantt timeline (drawn by the Gantt view's own renderer, so the pack and
the app show the same picture), then phases and milestones at a glance as text."""

from __future__ import annotations

from planner.i18n import _, ngettext
from planner.i18n.formats import local_number
from planner.model import Phase
from planner.report import SECTION_TITLES, Section
from planner.report.text import day, span
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table

GLANCE_PHASES = 40


def parts(ctx: Context) -> list[Part]:
    title = _(SECTION_TITLES[Section.ROADMAP])
    pages = _timeline_pages(ctx, title)
    html = "" if pages else heading(1, title)
    # With many phases the list is long and says no more than the contents and the phase
    # pages do; the milestones stay (capped by the report).
    if len(ctx.pack.phases) <= GLANCE_PHASES and ctx.store.count(Phase) <= GLANCE_PHASES:
        html += _phases_table(ctx)
    html += _milestones_table(ctx)
    return [Part(title, pages + ctx.flow(html))]


def _timeline_pages(ctx: Context, title: str) -> list:
    try:
        from ui.pdf.timeline import timeline_pages
    except ImportError:  # the Gantt renderer is not in this build
        return []
    return timeline_pages(ctx, title)


def _phases_table(ctx: Context) -> str:
    from planner.queries import PlanIndex, duration_weeks

    index = PlanIndex.build(ctx.store)
    working_days = ctx.store.plan.working_days
    names = {d.id: d.name for d in index.departments}
    rows = []
    for n, p in enumerate(index.phases, 1):
        weeks = duration_weeks(p, working_days)
        depts = ", ".join(names.get(i, "?") for i in index.department_ids(p.id))
        rows.append(row([cell(f"{n}. {p.title}"), cell(span(p.start_date, p.end_date)),
                         cell(depts or "—"),
                         cell(local_number(weeks) if weeks is not None else "—", num=True)]))
    if not rows:
        return heading(2, _("Phases at a glance")) + para(_("The plan has no phases yet."))
    return table([_("Phase"), _("Dates"), _("Departments"), _("Weeks")], rows, [36, 26, 30, 8],
                 numeric=(3,), caption=_("Phases at a glance"))


def _milestones_table(ctx: Context) -> str:
    milestones = ctx.pack.milestones
    if not milestones:
        return heading(2, _("Milestones")) + para(_("No milestones are set."), "muted")
    rows = [row([cell(day(date)), cell(kind), cell(title)]) for date, kind, title in milestones]
    more = ctx.pack.milestones_more
    if more:
        rows.append(
            row(
                [
                    cell(
                        ngettext(
                            "… and {more} more milestone, listed in the app",
                            "… and {more} more milestones, listed in the app",
                            more,
                        ).format(more=more),
                        attrs=' colspan="3" class="muted"',
                    )
                ]
            )
        )
    return table(
        [_("Date"), _("Kind"), _("Milestone")], rows, [16, 18, 66], caption=_("Milestones")
    )
