"""What changed since the last baseline: phases moved, wishes added, removed and moved."""

from __future__ import annotations

import datetime as dt

from planner.i18n import _, ngettext
from planner.report import SECTION_TITLES, Section
from planner.report.model import DemandChange
from planner.report.text import day, person_days, span
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, heading, para, row, table


def parts(ctx: Context) -> list[Part]:
    title = _(SECTION_TITLES[Section.CHANGES])
    changes = ctx.pack.changes
    if changes is None:
        return []
    delta = changes.effort_delta
    share = f" ({delta / changes.effort_before:+.0%})" if changes.effort_before else ""
    which = _("the latest baseline") if changes.latest else _("the baseline chosen for this pack")
    html = heading(1, title) + para(
        _(
            "Compared with {which}, “{baseline}” of {day}. Planned effort went from "
            "{effort_before} to {effort_after}: {sign}{difference}{share}."
        ).format(
            which=which,
            baseline=changes.baseline,
            day=day(changes.taken.date()),
            effort_before=person_days(changes.effort_before),
            effort_after=person_days(changes.effort_after),
            sign="+" if delta >= 0 else "−",
            difference=person_days(abs(delta)),
            share=share,
        )
    )
    caption = _('Phases moved ({count})').format(count=len(changes.phases_moved))
    if changes.phases_moved:
        html += table(
            [_("Phase"), _("In the baseline"), _("Now")],
            [row([cell(m.phase), cell(span(*m.before)), cell(span(*m.after))])
             for m in changes.phases_moved],
            [40, 30, 30],
            caption=caption,
        )
    else:
        html += heading(2, caption) + para(_("No phase has moved."), "muted")
    if changes.milestones_moved:
        html += table(
            [_("Milestone"), _("In the baseline"), _("Now"), _("Shift")],
            [row([cell(t), cell(day(a)), cell(day(b)), cell(_shift(b - a), num=True)])
             for t, a, b in changes.milestones_moved],
            [46, 18, 18, 18], numeric=(3,),
            caption=_('Milestones moved ({count})').format(count=len(changes.milestones_moved)),
        )
    if changes.phases_added or changes.phases_removed:
        html += table([_("Phase"), _("Change")],
                      [row([cell(t), cell("added")]) for t in changes.phases_added]
                      + [row([cell(t), cell("removed")]) for t in changes.phases_removed],
                      [70, 30], caption=_("Phases added and removed"))
    for label, items, cols in (
        (_("Wishes added"), changes.added, "after"),
        (_("Wishes removed"), changes.removed, "before"),
        (_("Wishes moved"), changes.moved, "both"),
    ):
        caption = f"{label} ({len(items)})"
        html += _demands(items, cols, caption) if items else (
            heading(2, caption) + para(_("None."), "muted"))
    if changes.revised:
        html += table(
            [_("Wish"), _("Baseline"), _("Now"), _("Change")],
            [row([cell(r.title), cell(person_days(r.before), num=True),
                  cell(person_days(r.after), num=True),
                  cell(f"{'+' if r.after >= r.before else '−'}"
                       f"{person_days(abs(r.after - r.before))}", num=True)])
             for r in changes.revised],
            [52, 16, 16, 16], numeric=(1, 2, 3),
            caption=_('Wishes re-estimated ({count})').format(count=len(changes.revised)),
        )
    if changes.more:
        html += para(
            ngettext(
                "… and {more} more changed wish, listed in the app.",
                "… and {more} more changed wishes, listed in the app.",
                changes.more,
            ).format(more=changes.more),
            "muted",
        )
    return [Part(title, ctx.flow(html))]


def _demands(items: list[DemandChange], cols: str, caption: str) -> str:
    if cols == "both":
        headers = [_("Wish"), _("Department"), _("From"), _("To"), _("Effort")]
        rows = [row([cell(d.title), cell(d.department), cell(d.before), cell(d.after),
                     cell(person_days(d.effort), num=True)]) for d in items]
        return table(headers, rows, [36, 16, 18, 18, 12], numeric=(4,), caption=caption)
    where = _("Phase")
    rows = [row([cell(d.title), cell(d.department), cell(d.after if cols == "after" else d.before),
                 cell(person_days(d.effort), num=True)]) for d in items]
    return table(
        [_("Wish"), _("Department"), where, _("Effort")],
        rows,
        [44, 18, 26, 12],
        numeric=(3,),
        caption=caption,
    )


def _shift(delta: dt.timedelta) -> str:
    """'+14 days', '−1 day' in the chosen language."""
    days = delta.days
    return ngettext("{days} day", "{days} days", abs(days)).format(days=f"{days:+d}")
