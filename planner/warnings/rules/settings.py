"""The plan's own settings: thresholds the engine cannot use (a file written elsewhere may
hold a zero or an absurd value that validation would refuse)."""

from __future__ import annotations

from planner.commands import UpdateRow
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
                f"the working days are {item.value!r}, not ISO weekday numbers "
                "(Monday to Friday is used)"
            )
            values["working_days"] = "12345"
            continue
        low, high, what = THRESHOLDS[item.field]
        name = item.field.replace("_", " ")
        parts.append(
            f"{name} ({what}) is {item.value!r}, outside {num(low)}–{num(high)}; "
            f"{num(item.used)} is used"  # type: ignore[arg-type]
        )
        values[item.field] = default(item.field)
    label = "Set them back to the defaults" if len(values) > 1 else "Set it back to the default"
    return [Warning(
        "threshold-invalid",
        Severity.WARNING,
        Subject("plan", plan.id),
        "Some settings in this plan cannot be used: " + "; ".join(parts) + ".",
        principles.PLAN_WELL,
        (Fix(label, lambda: UpdateRow(Plan, plan.id, values, label=label)),),
    )]
