"""The principles the warnings protect (DESIGN.md), each in one or two plain sentences. A
warning carries the text so that whoever reads it — in the panel, the PDF or a terminal —
learns why it matters, not only what is wrong."""

from __future__ import annotations

from planner.i18n import N_

# Translators: the principles are the planner's voice; word them as a practitioner in your
# language would say them (the articles behind them use "spis på fransk", "äta på franska",
# "syödä ranskalaisittain", "eet Frans", "tänk stort, planera väl, börja smått").

OBJECTIVES_FIRST = N_(
    "Business objectives first: a project without clear business goals cannot show any "
    "benefit, so every piece of scope should serve a stated objective."
)
ANCHORED_IN_MANAGEMENT = N_(
    "Anchored in management: a CRM lead left alone in IT fails; the plan needs a business "
    "sponsor in top management and named owners."
)
EAT_FRENCH = N_(
    "Eat French, not the Christmas buffet: serve small, digestible phases, so users feel "
    "\"it's already easier\" within a few weeks, and again at each next step."
)
ONE_DEPARTMENT_FIRST = N_(
    "One department first: every department wants its share first, but a phase that serves "
    "everybody serves nobody; one goes first, the others later."
)
ADOPTION = N_(
    "Adoption is the project: systems fail when users don't take them up, so every delivery "
    "to a department needs training or workshops and support close to the users."
)
ACTIVITIES_NOT_TRANSACTIONS = N_(
    "Activities, not transactions: a CRM carries customer activities; order processing, "
    "invoicing and stock belong in the ERP, and only what sellers need is synced."
)
FIELD_CREEP = N_(
    "Resist field creep: \"it's so easy to add a field\" — until nobody trusts the data; "
    "keep the number of new data fields small."
)
CORE_AND_REPORTS = N_(
    "Core functionality and correct reports: focus on the reports management needs and on "
    "data quality, not decoration."
)
PLAN_WELL = N_(
    "Think big, plan well, start small: each small step must be able to happen when the "
    "plan says; a plan whose dates or settings cannot be trusted warns about nothing."
)
