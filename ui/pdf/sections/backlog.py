"""The backlog: what is deliberately left for a later course."""

from __future__ import annotations

from planner.i18n import _, ngettext
from planner.report import SECTION_TITLES, Section
from planner.report.text import person_days
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table


def parts(ctx: Context) -> list[Part]:
    title = _(SECTION_TITLES[Section.BACKLOG])
    backlog = ctx.pack.backlog
    html = heading(1, title)
    if backlog is None or backlog.count == 0:
        html += para(_("The backlog is empty: every wish is planned in a phase."))
        return [Part(title, ctx.flow(html))]
    html += para(
        ngettext(
            "{count} wish ({effort}) is deliberately left for a later course. It is not "
            "forgotten: it is a candidate for the next phases.",
            "{count} wishes ({effort}) are deliberately left for a later course. They are not "
            "forgotten: each is a candidate for the next phases.",
            backlog.count,
        ).format(count=backlog.count, effort=person_days(backlog.effort))
    )
    html += table(
        [_("Department"), _("Wishes"), _("Must"), _("Effort")],
        [row([cell(d.department), cell(str(d.count), num=True), cell(str(d.must), num=True),
              cell(person_days(d.effort), num=True)]) for d in backlog.by_department],
        [52, 16, 16, 16],
        numeric=(1, 2, 3),
        caption=_("By department"),
    )
    rows = [
        row([cell(d.title), cell(d.department), cell(d.priority), cell(d.kind),
             cell(person_days(d.effort), num=True)])
        for d in backlog.rows
    ]
    if backlog.more:
        rows.append(
            row(
                [
                    cell(
                        ngettext(
                            "… and {count} more wish of lower priority, listed in the app",
                            "… and {count} more wishes of lower priority, listed in the app",
                            backlog.more.count,
                        ).format(count=backlog.more.count),
                        attrs=' colspan="4" class="muted"',
                    ),
                    cell(person_days(backlog.more.effort), num=True, attrs=' class="muted"'),
                ]
            )
        )
    html += table([_("Wish"), _("Department"), _("Priority"), _("Kind"), _("Effort")], rows,
                  [44, 18, 11, 15, 12], numeric=(4,), caption=_("Wishes, most important first"))
    return [Part(title, ctx.flow(html))]
