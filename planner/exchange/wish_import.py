"""From a read table and a column mapping to a preview of the wishes, and from the preview
to one undoable command that adds them all or nothing.

The preview checks every row by the same rules the commands enforce (planner/validation.py)
and says, for each row it will not import, the row number the spreadsheet shows, the
column and why: "row 14, Effort: 'a lot' is not a number". Departments and phases the plan
does not know are listed; the user creates them, sends their wishes elsewhere, or lets the
rows be skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from planner.changes import Recorder
from planner.commands.base import Command
from planner.commands.entities import new_row
from planner.enums import DemandKind, Priority, label
from planner.errors import CommandError
from planner.exchange import headers, jira
from planner.exchange.errors import ExchangeError
from planner.exchange.mapping import ColumnMapping
from planner.exchange.tabular import PROGRESS_EVERY, Progress, Table
from planner.exchange.values import cell_text, parse_number
from planner.i18n import _, ngettext
from planner.i18n.formats import local_number
from planner.model import Demand, Department, Objective, Phase, Prerequisite
from planner.store import PlanStore
from planner.validation import MAX_EFFORT

MAX_TITLE = 300
SECONDS_PER_HOUR = 3600.0
# Colours for departments an import creates, in turn (the palette of the CRM template).
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf")
_SPLIT_NEEDS = re.compile(r"[;,\n]+")


@dataclass
class ImportChoices:
    """What the user decided beyond the column mapping."""

    create_departments: bool = False
    # Wishes whose department is empty or unknown (and not created) go here; None: skipped.
    fallback_department: int | None = None
    # Or by name (the command line); created with the import if the plan has no such one.
    fallback_name: str | None = None
    create_phases: bool = False  # else a wish for an unknown phase goes to the backlog


@dataclass
class WishDraft:
    row: int
    title: str
    department: str  # a name; resolved to an id by the command
    phase: str | None
    effort: float
    priority: Priority
    kind: DemandKind
    objective_id: int | None
    notes: str
    votes: int
    key: str = ""
    needs: list[str] = field(default_factory=list)
    needs_rows: list[int] = field(default_factory=list)  # resolved: rows in this import
    needs_ids: list[int] = field(default_factory=list)  # resolved: wishes already in the plan


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            # Translators: a problem in a row of an imported table: "row 14, Effort: ...".
            return _("row {row}, {column}: {message}").format(
                row=self.row, column=self.column, message=self.message
            )
        return _("row {row}: {message}").format(row=self.row, message=self.message)


@dataclass
class Preview:
    source: str
    wishes: list[WishDraft]
    problems: list[RowProblem]
    unknown_departments: Counter
    unknown_phases: Counter
    unknown_values: dict[str, Counter]
    new_departments: list[str]
    new_phases: list[str]
    notices: list[str]

    @property
    def rows_total(self) -> int:
        return len(self.wishes) + len({p.row for p in self.problems})

    def summary(self) -> str:
        skipped = len({p.row for p in self.problems})
        count = len(self.wishes)
        parts = [ngettext("{n} wish to import", "{n} wishes to import", count).format(n=count)]
        if skipped:
            parts.append(ngettext("{n} row skipped", "{n} rows skipped", skipped).format(n=skipped))
        if self.new_departments:
            count = len(self.new_departments)
            parts.append(_("{n} new department(s)").format(n=count))
        if self.new_phases:
            parts.append(_("{n} new phase(s)").format(n=len(self.new_phases)))
        return ", ".join(parts)


def build_preview(
    store: PlanStore,
    table: Table,
    mapping: ColumnMapping,
    choices: ImportChoices | None = None,
    progress: Progress | None = None,
) -> Preview:
    choices = choices or ImportChoices()
    builder = _Builder(store, table, mapping, choices)
    for i, row in enumerate(table.rows):
        builder.add(row, table.row_numbers[i])
        if progress is not None and (i + 1) % PROGRESS_EVERY == 0:
            progress(i + 1)
    return builder.finish()


class _Builder:
    def __init__(self, store: PlanStore, table: Table, mapping: ColumnMapping,
                 choices: ImportChoices) -> None:
        self.store, self.table, self.mapping, self.choices = store, table, mapping, choices
        if mapping.column_for("title") is None:
            known = [h for h in table.headers if headers.field_for_header(h)]
            hint = (
                _("none of its columns has a name the planner knows")
                if not known
                else _("no column is mapped to the title")
            )
            shown = ", ".join(table.headers[:8]) + ("…" if len(table.headers) > 8 else "")
            raise ExchangeError(
                _(
                    "{name}: {hint} (columns: {shown}). Choose the column that holds the wishes' "
                    "titles."
                ).format(name=table.name, hint=hint, shown=shown)
            )
        self.departments = {headers.normalise(d.name): d for d in store.rows(Department)}
        self.phases = {headers.normalise(p.title): p for p in store.rows(Phase)}
        self.objectives = {headers.normalise(o.title): o for o in store.rows(Objective)}
        fallback = store.find(Department, choices.fallback_department)
        self.fallback: str | None = fallback.name if fallback is not None else None
        self.new_departments: dict[str, str] = {}
        if self.fallback is None and choices.fallback_name and choices.fallback_name.strip():
            name = choices.fallback_name.strip()
            known = self.departments.get(headers.normalise(name))
            self.fallback = known.name if known is not None else name
            if known is None:
                self.new_departments[headers.normalise(name)] = name
        col = mapping.column_for
        self.c_title, self.c_phase = col("title"), col("phase")
        self.c_department = col("department")
        self.c_effort, self.c_priority, self.c_kind = col("effort"), col("priority"), col("kind")
        self.c_objective, self.c_votes, self.c_key = col("objective"), col("votes"), col("key")
        self.c_notes, self.c_needs = mapping.columns_for("notes"), mapping.columns_for("needs")
        self.is_jira = jira.is_jira(table)
        self.epics = jira.epics(table) if self.is_jira else {}
        self.c_issue_type = jira.issue_type_column(table) if self.is_jira else None
        self.effort_factor = {
            "days": 1.0,
            "hours": 1.0 / max(mapping.hours_per_day, 0.1),
            "points": mapping.points_to_days,
            "seconds": 1.0 / SECONDS_PER_HOUR / max(mapping.hours_per_day, 0.1),
        }[mapping.effort_unit]
        self.priority_map = mapping.value_maps.get("priority", {})
        self.department_map = mapping.value_maps.get("department", {})
        self.kind_map = mapping.value_maps.get("kind", {})
        self.wishes: list[WishDraft] = []
        self.problems: list[RowProblem] = []
        self.unknown_departments: Counter = Counter()
        self.unknown_phases: Counter = Counter()
        self.unknown_values: dict[str, Counter] = {"priority": Counter(), "kind": Counter()}
        self.new_phases: dict[str, str] = {}
        self.notices: list[str] = []
        self.epic_rows = 0
        self.rejected: dict[str, int] = {}  # key or title of a skipped row -> its number

    def header(self, index: int | None) -> str:
        return self.table.headers[index] if index is not None else ""

    def cell(self, row: list, index: int | None) -> object:
        return row[index] if index is not None and index < len(row) else None

    def add(self, row: list, number: int) -> None:
        if self.c_issue_type is not None and headers.normalise(
            cell_text(self.cell(row, self.c_issue_type))
        ) == "epic":
            self.epic_rows += 1
            return
        problems: list[RowProblem] = []

        def problem(index: int | None, message: str) -> None:
            problems.append(RowProblem(number, self.header(index), message))

        title = cell_text(self.cell(row, self.c_title))
        if not title:
            # Translators: follows "row 14, Title: ".
            problem(self.c_title, _("empty; every wish needs a title."))
        elif len(title) > MAX_TITLE:
            problem(
                self.c_title,
                _("{length} characters; a title has at most {limit}.").format(
                    length=len(title), limit=MAX_TITLE
                ),
            )
        department = self._department(row, problem)
        phase = self._phase(row)
        effort = 0.0
        raw = self.cell(row, self.c_effort)
        if cell_text(raw):
            amount = parse_number(raw, self.table.decimal)
            if amount is None:
                problem(self.c_effort, _("'{value}' is not a number.").format(value=cell_text(raw)))
            elif amount < 0:
                problem(
                    self.c_effort,
                    _("{value} is negative; effort is 0 or more.").format(value=cell_text(raw)),
                )
            else:
                effort = round(amount * self.effort_factor, 4)
                if effort > MAX_EFFORT:
                    problem(
                        self.c_effort,
                        _("{effort} person-days is more than one wish can be ({limit}); split "
                          "it.").format(
                            effort=local_number(effort), limit=local_number(MAX_EFFORT)
                        ),
                    )
        priority = Priority.SHOULD
        raw = cell_text(self.cell(row, self.c_priority))
        if raw and headers.normalise(raw) not in headers.NOT_STATED:
            known = headers.priority_for(raw)
            found = self.priority_map.get(headers.normalise(raw)) or known
            if known is None:  # listed even when mapped, so the mapping can be changed
                self.unknown_values["priority"][raw] += 1
            if found is None:
                problem(
                    self.c_priority,
                    _("'{value}' is not a priority (must, should, could, won't); map the value "
                      "or the column.").format(value=raw),
                )
            else:
                priority = Priority(found)
        kind = DemandKind.FEATURE
        raw = cell_text(self.cell(row, self.c_kind))
        if raw and headers.normalise(raw) not in headers.NOT_STATED:
            known_kind = headers.kind_for(raw)
            found_kind = self.kind_map.get(headers.normalise(raw)) or known_kind
            if known_kind is None:
                self.unknown_values["kind"][raw] += 1
            if found_kind is None and self.is_jira:
                pass  # Jira's issue types are the site's own: a feature unless mapped
            elif found_kind is None:
                problem(
                    self.c_kind,
                    _("'{value}' is not a kind of wish ({kinds}).").format(
                        value=raw, kinds=", ".join(label(k).lower() for k in DemandKind)
                    ),
                )
            else:
                kind = DemandKind(found_kind)
        objective_id = None
        raw = cell_text(self.cell(row, self.c_objective))
        if raw:
            objective = self.objectives.get(headers.normalise(raw))
            if objective is None:
                problem(
                    self.c_objective,
                    _("'{value}' is not an objective of this plan.").format(value=raw),
                )
            else:
                objective_id = objective.id
        votes = 0
        raw_votes = self.cell(row, self.c_votes)
        if cell_text(raw_votes):
            count = parse_number(raw_votes, self.table.decimal)
            if count is None or count < 0 or not float(count).is_integer():
                problem(
                    self.c_votes,
                    _("'{value}' is not a whole number of votes.").format(
                        value=cell_text(raw_votes)
                    ),
                )
            else:
                votes = int(count)
        notes = self._notes(row)
        needs = [
            part.strip()
            for index in self.c_needs
            for part in _SPLIT_NEEDS.split(cell_text(self.cell(row, index)))
            if part.strip()
        ]
        if problems:
            self.problems.extend(problems)
            for name in (title, cell_text(self.cell(row, self.c_key))):
                if name:
                    self.rejected.setdefault(name.casefold(), number)
            return
        self.wishes.append(WishDraft(
            number, title, department or "", phase, effort, priority, kind, objective_id,
            notes, votes, cell_text(self.cell(row, self.c_key)), needs,
        ))

    def _department(self, row: list, problem: Callable[[int | None, str], None]) -> str | None:
        raw = cell_text(self.cell(row, self.c_department))
        if raw:
            key = headers.normalise(raw)
            known = self.departments.get(key)
            if known is not None:
                return known.name
            self.unknown_departments[raw] += 1
            chosen = self.departments.get(headers.normalise(self.department_map.get(key, "")))
            if chosen is not None:  # the user said which department this name means
                return chosen.name
            if self.choices.create_departments:
                return self.new_departments.setdefault(key, raw)
            if self.fallback is not None:
                return self.fallback
            problem(
                self.c_department,
                _("'{value}' is not a department of this plan; create it or choose a department "
                  "for such wishes.").format(value=raw),
            )
            return None
        if self.fallback is not None:
            return self.fallback
        if self.c_department is None:
            problem(
                None,
                _("no department (no column is mapped to Department); choose where wishes "
                  "without one go."),
            )
        else:
            problem(self.c_department, _("empty; choose a department for wishes without one."))
        return None

    def _phase(self, row: list) -> str | None:
        raw = cell_text(self.cell(row, self.c_phase))
        if not raw:
            return None
        raw = self.epics.get(raw, raw)
        key = headers.normalise(raw)
        known = self.phases.get(key)
        if known is not None:
            return known.title
        self.unknown_phases[raw] += 1
        if self.choices.create_phases:
            return self.new_phases.setdefault(key, raw)
        return None  # the backlog

    def _notes(self, row: list) -> str:
        parts = [cell_text(self.cell(row, i)) for i in self.c_notes]
        parts = [p for p in parts if p]
        if self.is_jira and parts and all(
            headers.normalise(self.header(i)) == "labels" for i in self.c_notes
        ):
            return "Labels: " + ", ".join(parts)
        return "\n".join(parts)

    def finish(self) -> Preview:
        self._resolve_needs()
        if self.epic_rows:
            self.notices.append(
                ngettext(
                    "{n} epic not imported as wishes: their issues take the epic's name as "
                    "their phase.",
                    "{n} epics not imported as wishes: their issues take the epic's name as "
                    "their phase.",
                    self.epic_rows,
                ).format(n=self.epic_rows)
            )
        if self.unknown_phases and not self.choices.create_phases:
            self.notices.append(
                _(
                    "{n} phase name(s) the plan does not have; those wishes go to the backlog "
                    "unless the phases are created."
                ).format(n=len(self.unknown_phases))
            )
        self.problems.sort(key=lambda p: p.row)
        return Preview(
            self.table.name, self.wishes, self.problems, self.unknown_departments,
            self.unknown_phases, self.unknown_values, sorted(self.new_departments.values()),
            sorted(self.new_phases.values()), self.notices,
        )

    def _resolve_needs(self) -> None:
        """'Needs' names another wish of this file by its key or title, or a wish already in
        the plan by its title. A wish whose prerequisite is not imported is not either:
        the dependency would silently be lost."""
        if not self.c_needs:
            return
        by_key = {w.key.casefold(): w for w in self.wishes if w.key}
        by_title = {w.title.casefold(): w for w in self.wishes}
        existing = {d.title.casefold(): d.id for d in self.store.rows(Demand)}
        column = self.header(self.c_needs[0])
        outside: set[str] = set()
        changed = True
        while changed:
            changed = False
            alive = {w.row for w in self.wishes}
            keep: list[WishDraft] = []
            for wish in self.wishes:
                wish.needs_rows, wish.needs_ids = [], []
                failure = None
                for name in wish.needs:
                    other = by_key.get(name.casefold()) or by_title.get(name.casefold())
                    if other is not None and other.row in alive:
                        if other is wish:
                            failure = _("'{name}' is the wish itself.").format(name=name)
                        else:
                            wish.needs_rows.append(other.row)
                    elif other is not None:
                        failure = _not_imported(name, other.row)
                    elif name.casefold() in self.rejected:
                        skipped = self.rejected[name.casefold()]
                        failure = _not_imported(name, skipped)
                    elif name.casefold() in existing:
                        wish.needs_ids.append(existing[name.casefold()])
                    elif self.is_jira:
                        # Jira links to issues outside the export are common; say so.
                        outside.add(name)
                    else:
                        failure = _("'{name}' is no wish in this file or the plan.").format(
                            name=name
                        )
                    if failure:
                        break
                if failure:
                    self.problems.append(RowProblem(wish.row, column, failure))
                    for name in (wish.key, wish.title):
                        if name:
                            self.rejected.setdefault(name.casefold(), wish.row)
                    changed = True
                else:
                    keep.append(wish)
            self.wishes = keep
        for wish in _in_cycles(self.wishes):
            self.problems.append(RowProblem(
                wish.row, column, _("the wishes it needs end up needing it (a circle).")))
        cyclic = {p.row for p in self.problems}
        self.wishes = [w for w in self.wishes if w.row not in cyclic]
        if outside:
            self.notices.append(
                _(
                    "{n} 'blocked by' link(s) to issues not in this file were left out ({keys})."
                ).format(
                    n=len(outside),
                    keys=", ".join(sorted(outside)[:5]) + ("…" if len(outside) > 5 else ""),
                )
            )


def _not_imported(name: str, row: int) -> str:
    return _("'{name}' (row {row}) is not imported.").format(name=name, row=row)


def _in_cycles(wishes: list[WishDraft]) -> list[WishDraft]:
    by_row = {w.row: w for w in wishes}
    state: dict[int, int] = {}  # 1 visiting, 2 done
    cyclic: set[int] = set()

    def visit(row: int, path: list[int]) -> None:
        state[row] = 1
        path.append(row)
        for nxt in by_row[row].needs_rows:
            if state.get(nxt) == 1:
                cyclic.update(path[path.index(nxt):])
            elif nxt not in state:
                visit(nxt, path)
        path.pop()
        state[row] = 2

    for wish in wishes:
        if wish.row not in state and wish.needs_rows:
            visit(wish.row, [])
    return [by_row[r] for r in sorted(cyclic)]


class ImportWishes(Command):
    """Add the previewed wishes, with the departments and phases to create and the
    prerequisites between them, as one undo step. If anything fails (the plan changed
    since the preview, a rule is broken), nothing is added."""

    def __init__(self, preview: Preview) -> None:
        super().__init__()
        self.preview = preview
        count = len(preview.wishes)
        if preview.source:
            self.label = ngettext(
                "Import {n} wish from {source}", "Import {n} wishes from {source}", count
            ).format(n=count, source=preview.source)
        else:
            self.label = ngettext("Import {n} wish", "Import {n} wishes", count).format(n=count)
        self.demand_ids: list[int] = []

    def perform(self, rec: Recorder) -> None:
        preview = self.preview
        if not preview.wishes:
            raise CommandError(_("There are no wishes to import."))
        store = rec.store
        departments = {headers.normalise(d.name): d.id for d in store.rows(Department)}
        for number, name in enumerate(preview.new_departments):
            if headers.normalise(name) not in departments:
                row = new_row(rec, Department, {"name": name,
                                                "colour": _COLOURS[number % len(_COLOURS)]})
                departments[headers.normalise(name)] = row.id
        phases = {headers.normalise(p.title): p.id for p in store.rows(Phase)}
        for name in preview.new_phases:
            if headers.normalise(name) not in phases:
                phases[headers.normalise(name)] = new_row(rec, Phase, {"title": name}).id
        objectives = {o.id for o in store.rows(Objective)}
        position = 1 + max((d.position for d in store.rows(Demand)), default=-1)
        values = []
        for offset, wish in enumerate(preview.wishes):
            department_id = departments.get(headers.normalise(wish.department))
            if department_id is None:
                raise CommandError(
                    _(
                        "Row {row}: the department '{department}' no longer exists; preview the "
                        "import again."
                    ).format(row=wish.row, department=wish.department)
                )
            if wish.objective_id is not None and wish.objective_id not in objectives:
                raise CommandError(
                    _(
                        "Row {row}: its objective no longer exists."
                    ).format(row=wish.row)
                )
            values.append({
                "title": wish.title,
                "department_id": department_id,
                "phase_id": phases.get(headers.normalise(wish.phase)) if wish.phase else None,
                "effort": float(wish.effort),
                "priority": wish.priority,
                "kind": wish.kind,
                "objective_id": wish.objective_id,
                "notes": wish.notes,
                "votes": wish.votes,
                "position": position + offset,
            })
        # Each value was checked by the preview with the rules validation.py applies; the
        # database's CHECK and foreign-key constraints stand behind both.
        rows = rec.insert_many(Demand, values)
        self.demand_ids = [r.id for r in rows]
        by_row = {w.row: r.id for w, r in zip(preview.wishes, rows, strict=True)}
        links = []
        for wish, row in zip(preview.wishes, rows, strict=True):
            needed = [by_row[r] for r in wish.needs_rows] + [
                i for i in wish.needs_ids if store.find(Demand, i) is not None
            ]
            for needs_id in dict.fromkeys(needed):
                links.append({"demand_id": row.id, "needs_id": needs_id})
        if links:
            rec.insert_many(Prerequisite, links)


def default_mapping(store: PlanStore, table: Table, points_to_days: float = 1.0) -> ColumnMapping:
    """Jira's own mapping for a Jira export; otherwise guessed from headers and content."""
    from planner.exchange.mapping import guess_mapping

    if jira.is_jira(table):
        return jira.jira_mapping(table, points_to_days)
    return guess_mapping(
        table, [d.name for d in store.rows(Department)], [p.title for p in store.rows(Phase)]
    )
