"""Create, update and delete of any record, validated, with explicit rules for what happens
to the rows that refer to a deleted one."""

from __future__ import annotations

from typing import Any

from planner.changes import Recorder
from planner.commands.base import Command
from planner.errors import CommandError
from planner.i18n import N_, _, ngettext
from planner.model import (
    Base,
    BenefitCheck,
    ChangeActivity,
    Demand,
    Department,
    Dependency,
    Dismissal,
    Milestone,
    Objective,
    Phase,
    PhaseObjective,
    Plan,
    Prerequisite,
)
from planner.validation import coerce, validate

# What the user calls one record and several, in undo steps (shown through _()).
NOUNS: dict[type[Base], tuple[str, str]] = {
    Plan: (N_("plan"), N_("plans")),
    Objective: (N_("objective"), N_("objectives")),
    Department: (N_("department"), N_("departments")),
    Phase: (N_("phase"), N_("phases")),
    PhaseObjective: (N_("objective link"), N_("objective links")),
    Demand: (N_("wish"), N_("wishes")),
    ChangeActivity: (N_("change activity"), N_("change activities")),
    Milestone: (N_("milestone"), N_("milestones")),
    Dependency: (N_("dependency"), N_("dependencies")),
    Dismissal: (N_("dismissal"), N_("dismissals")),
    BenefitCheck: (N_("benefit check"), N_("benefit checks")),
    Prerequisite: (N_("prerequisite"), N_("prerequisites")),
}


def noun(model: type[Base], plural: bool = False) -> str:
    """'wish' / 'wishes' in the chosen language."""
    known = NOUNS.get(model)
    if known is None:
        return model.__tablename__.replace("_", " ") + ("s" if plural else "")
    return _(known[1] if plural else known[0])


def _with_defaults(model: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    full = dict(values)
    for column in model.__table__.columns:
        if column.key in full or column.primary_key:
            continue
        default = column.default
        if default is not None and default.is_scalar:
            full[column.key] = default.arg
        elif column.key not in full:
            full[column.key] = None
    return full


def new_row(rec: Recorder, model: type[Base], values: dict[str, Any]) -> Base:
    """Validate and insert one row. Rows with a `position` go last unless placed."""
    values = coerce(model, values)
    values.pop("id", None)
    if "position" in model.__table__.columns and "position" not in values:
        values["position"] = 1 + max((r.position for r in rec.store.rows(model)), default=-1)
    full = _with_defaults(model, values)
    validate(rec.store, model(**full))
    return rec.insert(model, **full)


def change_row(rec: Recorder, row: Base, values: dict[str, Any]) -> bool:
    """Validate and apply new values to one row; True if anything changed."""
    values = coerce(type(row), values)
    if "id" in values:
        raise CommandError(_("A record's id cannot be changed."))
    prospective = type(row)(**{**row.to_dict(), **values})
    validate(rec.store, prospective)
    return rec.update(row, **values)


def remove_row(rec: Recorder, row: Base, reassign_to: int | None = None) -> None:
    """Delete a row and deal with what refers to it, each step recorded for undo."""
    store = rec.store
    if isinstance(row, Plan):
        raise CommandError(_("The plan itself cannot be deleted; delete the file instead."))
    if isinstance(row, Department):
        _detach_department(rec, row, reassign_to)
    elif isinstance(row, Phase):
        _detach_phase(rec, row)
    elif isinstance(row, Demand):
        # What a deleted wish needed, and what needed it, no longer applies; undo brings
        # the links back with the wish.
        for link in store.rows(Prerequisite):
            if row.id in (link.demand_id, link.needs_id):
                rec.delete(link)
    elif isinstance(row, Objective):
        for demand in store.rows(Demand):
            if demand.objective_id == row.id:
                rec.update(demand, objective_id=None)
        for link in store.rows(PhaseObjective):
            if link.objective_id == row.id:
                rec.delete(link)
    subject = type(row).__tablename__
    for dismissal in store.rows(Dismissal):
        if dismissal.subject_kind == subject and dismissal.subject_id == row.id:
            rec.delete(dismissal)
    rec.delete(row)


def _detach_department(rec: Recorder, row: Department, reassign_to: int | None) -> None:
    """A department's wishes are never left pointing nowhere and never silently deleted:
    they move to `reassign_to`, and without one the deletion is refused. Its change
    activities go with it (they were for that department only)."""
    store = rec.store
    demands = [d for d in store.rows(Demand) if d.department_id == row.id]
    if demands:
        if reassign_to is None:
            raise CommandError(
                ngettext(
                    "Department '{name}' still has {n} wish. Choose a department to hand them "
                    "to, or move or delete them first.",
                    "Department '{name}' still has {n} wishes. Choose a department to hand them "
                    "to, or move or delete them first.",
                    len(demands),
                ).format(name=row.name, n=len(demands))
            )
        target = store.find(Department, reassign_to)
        if target is None or target.id == row.id:
            raise CommandError(_("Choose another, existing department to hand the wishes to."))
        for demand in demands:
            rec.update(demand, department_id=target.id)
    for activity in store.rows(ChangeActivity):
        if activity.department_id == row.id:
            rec.delete(activity)
    # Its answers to benefit checks were about that department only.
    for check in store.rows(BenefitCheck):
        if check.department_id == row.id:
            rec.delete(check)
    if store.plan.sponsor_department_id == row.id:
        rec.update(store.plan, sponsor_department_id=None)


def _detach_phase(rec: Recorder, row: Phase) -> None:
    """A deleted phase's wishes go back to the backlog (not lost); its change activities,
    dependencies, objective links and benefit checks go with it; its milestones stay, unlinked."""
    store = rec.store
    for demand in store.rows(Demand):
        if demand.phase_id == row.id:
            rec.update(demand, phase_id=None)
    for activity in store.rows(ChangeActivity):
        if activity.phase_id == row.id:
            rec.delete(activity)
    for dep in store.rows(Dependency):
        if row.id in (dep.predecessor_id, dep.successor_id):
            rec.delete(dep)
    for milestone in store.rows(Milestone):
        if milestone.phase_id == row.id:
            rec.update(milestone, phase_id=None)
    for link in store.rows(PhaseObjective):
        if link.phase_id == row.id:
            rec.delete(link)
    # Its benefit checks asked about this phase's go-live; undo brings them back.
    for check in store.rows(BenefitCheck):
        if check.phase_id == row.id:
            rec.delete(check)


class CreateRow(Command):
    """Add a record. After `do`, `row_id` is its id (the same after every redo)."""

    def __init__(self, model: type[Base], values: dict[str, Any], label: str | None = None):
        super().__init__()
        self.model = model
        self.values = dict(values)
        shown = values.get("title") or values.get("name") or ""
        # Translators: an undo step: "Add phase 'Leads'"; {record} is a word like "phase".
        added = _("Add {record} '{name}'") if shown else _("Add {record}")
        self.label = label or added.format(record=noun(model), name=shown)
        self.row_id: int | None = None

    def perform(self, rec: Recorder) -> None:
        self.row_id = new_row(rec, self.model, self.values).id


class UpdateRow(Command):
    """Change fields of one record. Consecutive updates of the same fields of the same row
    with `mergeable=True` (typing, dragging) become one undo step."""

    def __init__(
        self,
        model: type[Base],
        row_id: int,
        values: dict[str, Any],
        label: str | None = None,
        mergeable: bool = False,
    ):
        super().__init__()
        self.model = model
        self.row_id = row_id
        self.values = dict(values)
        self.fields = ", ".join(k.replace("_", " ") for k in values)
        self.named = label is None  # a label of our own names the record when done
        # Translators: an undo step; {fields} are the changed columns: "Change start date".
        self.label = label or _("Change {fields}").format(fields=self.fields)
        if mergeable:
            self.merge_key = (model, row_id, tuple(sorted(values)))

    def perform(self, rec: Recorder) -> None:
        row = rec.get(self.model, self.row_id)
        if self.named and row.display_name:
            self.label = _("Change {fields} of '{name}'").format(
                fields=self.fields, name=row.display_name
            )
        change_row(rec, row, self.values)


class DeleteRows(Command):
    """Delete records of one kind; for departments, `reassign_to` receives their wishes."""

    def __init__(self, model: type[Base], row_ids: list[int], reassign_to: int | None = None):
        super().__init__()
        self.model = model
        self.row_ids = list(row_ids)
        self.reassign_to = reassign_to
        count = len(self.row_ids)
        # Translators: an undo step: "Delete 3 wishes"; {records} is a word like "wishes".
        self.label = (
            _("Delete {n} {records}").format(n=count, records=noun(model, plural=True))
            if count != 1
            else _("Delete {record}").format(record=noun(model))
        )

    def perform(self, rec: Recorder) -> None:
        if not self.row_ids:
            raise CommandError(_("Nothing was chosen to delete."))
        if len(self.row_ids) == 1:
            self.label = _("Delete {record} '{name}'").format(
                record=noun(self.model), name=rec.get(self.model, self.row_ids[0]).display_name
            )
        for row_id in self.row_ids:
            remove_row(rec, rec.get(self.model, row_id), self.reassign_to)


def DeleteRow(model: type[Base], row_id: int, reassign_to: int | None = None) -> DeleteRows:  # noqa: N802
    """One record; see DeleteRows."""
    return DeleteRows(model, [row_id], reassign_to)
