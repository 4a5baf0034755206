"""The plan's own settings: thresholds the engine cannot use (a file written elsewhere may
hold a zero or an absurd value that validation would refuse)."""

from __future__ import annotations

from planner.commands import UpdateRow
from planner.i18n import _
from planner.model import Plan
from planner.validation import THRESHOLDS
from planner.warnings import principles
from planner.warnings.facts import Facts
from planner.warnings.format import num
from planner.warnings.rules.registry import NONE, Found, rule
from planner.warnings.thresholds import default
from planner.warnings.types import Fix, Severity, Subject, Warning


@rule("threshold-invalid", "plan")
def threshold_invalid(facts: Facts, plan: Plan) -> Found:
    """A warning threshold or the working week holds a value the engine cannot use."""
    invalid = facts.thresholds.invalid
    if not invalid:
        return NONE
    parts, values = [], {}
    for item in invalid:
        if item.field == "working_days":
            parts.append(
                _(
                    "the working days are {value}, not ISO weekday numbers (Monday to "
                    "Friday is used)"
                ).format(value=repr(item.value))
            )
            values["working_days"] = "12345"
            continue
        low, high, what = THRESHOLDS[item.field]
        name = item.field.replace("_", " ")
        parts.append(
            _("{setting} ({meaning}) is {value}, outside {low}–{high}; {used} is used").format(
                setting=name, meaning=_(what), value=repr(item.value), low=num(low),
                high=num(high), used=num(item.used),  # type: ignore[arg-type]
            )
        )
        values[item.field] = default(item.field)
    label = (
        _("Set them back to the defaults") if len(values) > 1 else _("Set it back to the default")
    )
    return [Warning(
        "threshold-invalid",
        Severity.WARNING,
        Subject("plan", plan.id),
        _("Some settings in this plan cannot be used: {problems}.").format(
            problems="; ".join(parts)
        ),
        _(principles.PLAN_WELL),
        (Fix(label, lambda: UpdateRow(Plan, plan.id, values, label=label)),),
    )]
