"""The cover: what the plan is, who owns it, and where it stands today."""

from __future__ import annotations

from planner.i18n import _
from planner.report.text import day
from ui.pdf import style
from ui.pdf.flow import Page
from ui.pdf.layout import Context, Part
from ui.pdf.sections.html import cell, para, row
from ui.pdf.style import esc


def parts(ctx: Context) -> list[Part]:
    cover = ctx.pack.cover
    facts = [
        (_("Sponsor"), cover.sponsor or _("No business sponsor named")),
        (_("Project lead"), cover.lead or _("No project lead named")),
        (_("Date of this pack"), day(cover.pack_date)),
        *[(f.label, f.value) for f in cover.facts],
    ]
    rows = "".join(
        row([cell(k, attrs=' width="28%" class="muted"'), cell(v)]) for k, v in facts
    )
    html = (
        f'<p class="muted" style="font-size: 10pt; margin-top: {style.px(90)};">'
        + esc(_("PLAN PACK FOR THE STEERING COMMITTEE")) + "</p>"
        f'<p style="font-size: 24pt; font-weight: bold; color: {style.ACCENT}; '
        f'margin-bottom: {style.px(12)};">'
        f"{esc(cover.title)}</p>"
        + (f'<p class="lead"><i>{esc(cover.vision)}</i></p>' if cover.vision else "")
        + f'<p style="margin-top: {style.px(10)};"></p>'
        f'<table width="100%" cellspacing="0" cellpadding="4">{rows}</table>'
        + "<h2>" + esc(_("Status on {date}").format(date=day(cover.pack_date))) + "</h2>"
        f'<table width="100%" cellspacing="0" cellpadding="8"><tr>'
        f'<td style="background-color: {style.SHADE}; border-bottom: none;">'
        f"{esc(cover.status)}</td></tr></table>"
        + para(_("Prepared with Rollout Planner."), "muted small")
    )
    pages = ctx.flow(html)
    for page in pages:
        page.chrome = False
    return [Part(_("Cover"), pages)] if pages else [Part(_("Cover"), [Page(lambda p, r: None)])]
