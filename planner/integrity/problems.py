"""One broken value found in a plan file, said for the user and mended by a stated rule.

A `Problem` names where (table, record, field), what (the value, what is wrong with it) and
how a repair mends it, both in words (`repair`) and as an action `planner/repair.py` applies
(`Fix`). The checker decides the rule, so the message and the repair can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planner.i18n import N_, _, ngettext
from planner.i18n.formats import local_number

# How many problems the one-line message quotes before "and N more".
QUOTED = 1
_SHOWN_CHARS = 40


class Fix(StrEnum):
    SET = "set"  # set `field` of the record to `Problem.new_value`
    DROP = "drop"  # delete the record (only rows nothing else can refer to)
    ADD_PLAN = "add_plan"  # insert the default plan row (id 1)
    ADD_DEPARTMENT = "add_department"  # insert a placeholder department with id `new_value`
    RENUMBER_PLAN = "renumber_plan"  # give the one plan row id 1


class Undecodable(bytes):
    """Text in the file that is not UTF-8 (what SQLite promises and the ORM expects)."""


@dataclass(frozen=True)
class Problem:
    table: str
    record_id: int | None
    record_name: str
    field: str | None
    value: Any
    message: str  # what is wrong, e.g. "priority 'urgent!!' is not one of must, should, …"
    repair: str  # how a repair mends it, e.g. "set to 'should', the default"
    fix: Fix = Fix.SET
    new_value: Any = field(default=None, compare=False)

    @property
    def subject(self) -> str:
        """'wish 17 'Import orders'', 'plan', 'table phase_objective'."""
        noun = noun_for(self.table)
        if self.record_id is None:
            return noun
        name = f" '{self.record_name}'" if self.record_name else ""
        return f"{noun} {self.record_id}{name}"

    def describe(self) -> str:
        return f"{self.subject}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "record_id": self.record_id,
            "record_name": self.record_name,
            "field": self.field,
            "value": shown(self.value),
            "message": self.message,
            "repair": self.repair,
        }


_NOUNS = {"demand": "wish", "change_activity": "change activity", "plan": "plan"}
# What the user calls a record of each table, in messages (shown through _()).
_SAID = {
    "plan": N_("plan"),
    "objective": N_("objective"),
    "department": N_("department"),
    "phase": N_("phase"),
    "phase_objective": N_("phase objective"),
    "demand": N_("wish"),
    "prerequisite": N_("prerequisite"),
    "change_activity": N_("change activity"),
    "milestone": N_("milestone"),
    "dependency": N_("dependency"),
    "baseline": N_("baseline"),
    "dismissal": N_("dismissal"),
    "benefit_check": N_("benefit check"),
}


def english_noun(table: str) -> str:
    """The record's noun in English, for text written into a file ('Untitled wish')."""
    return _NOUNS.get(table, table.replace("_", " "))


def noun_for(table: str) -> str:
    """The record's noun in the chosen language, for messages."""
    said = _SAID.get(table)
    return _(said) if said else english_noun(table)


def shown(value: Any) -> str:
    """A value as it can be quoted in a one-line message: short, quoted, no control chars."""
    if value is None:
        return _("empty (NULL)")
    if isinstance(value, Undecodable):
        return ngettext(
            "{n} byte that is not UTF-8 text", "{n} bytes that are not UTF-8 text", len(value)
        ).format(n=len(value))
    if isinstance(value, bytes):
        return ngettext("a BLOB of {n} byte", "a BLOB of {n} bytes", len(value)).format(
            n=len(value)
        )
    if isinstance(value, str):
        text = value.encode("unicode_escape").decode("ascii") if not value.isprintable() else value
        if len(text) > _SHOWN_CHARS:
            return _("'{text}…' ({n} characters)").format(
                text=text[:_SHOWN_CHARS], n=f"{len(value):,}"
            )
        return f"'{text}'"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def summary(file_name: str, problems: list[Problem]) -> str:
    """The one-line message of `DamagedPlanFile` for row problems."""
    first = "; ".join(p.describe() for p in problems[:QUOTED])
    count = len(problems)
    if count == 1:
        head = _("{file} holds a value that breaks the plan's rules: {first}.").format(
            file=file_name, first=first
        )
    else:
        more = count - QUOTED
        head = ngettext(
            "{file} holds {count} values that break the plan's rules: {first} (and {more} more).",
            "{file} holds {count} values that break the plan's rules: {first} (and {more} more).",
            more,
        ).format(
            file=file_name, count=local_number(count, ",d"), first=first,
            more=local_number(more, ",d"),
        )
    return _(
        "{problem} The file was not changed; it can be opened as a repaired copy "
        "(rollout-planner repair)."
    ).format(problem=head)
