"""Every row read from a plan file is checked against the plan's rules before it is used.

    raw = read_plan_rows(conn)          # table -> raw rows, straight from SQLite
    problems = find_problems(raw)       # any backend's rows can be checked the same way
    refuse_damaged_rows(conn, name)     # both, raising DamagedPlanFile (the store's hook)

A file that breaks the rules is refused with `DamagedPlanFile`, naming the first problem and
counting the rest; `planner/repair.py` writes a copy with each problem mended by the rule the
problem states. Nothing here writes to the file.
"""

from __future__ import annotations

import gc
import sqlite3

from planner.errors import DamagedPlanFile
from planner.i18n import _
from planner.integrity.check import find_problems
from planner.integrity.columns import ColumnSpec, TableSpec, table_specs
from planner.integrity.problems import Fix, Problem, summary
from planner.integrity.raw import RawPlan, RawTable, read_raw

__all__ = [
    "ColumnSpec",
    "Fix",
    "Problem",
    "RawPlan",
    "RawTable",
    "TableSpec",
    "damaged",
    "find_problems",
    "read_plan_rows",
    "refuse_damaged_rows",
    "table_specs",
]


def read_plan_rows(conn: sqlite3.Connection) -> RawPlan:
    """Every row of every table the model knows, as SQLite stores it."""
    return read_raw(conn, ((spec.name, spec.column_names) for spec in table_specs()))


def damaged(file_name: str, problems: list[Problem]) -> DamagedPlanFile:
    return DamagedPlanFile(summary(file_name, problems), problems, repairable=True)


def refuse_damaged_rows(conn: sqlite3.Connection, file_name: str) -> None:
    """Raise `DamagedPlanFile` listing every broken value, if there is one."""
    # Reading makes a tuple per row: on a large plan the allocations would set off garbage
    # collections that rescan everything already loaded (see PlanStore._load_all).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _refuse(conn, file_name)
    finally:
        if collecting:
            gc.enable()


def _refuse(conn: sqlite3.Connection, file_name: str) -> None:
    raw = read_plan_rows(conn)
    missing = [(t, c) for t, tab in raw.items() for c in tab.missing]
    if missing:
        table, column = missing[0]
        raise DamagedPlanFile(
            _("{file} is damaged: the table '{table}' has no column '{column}'.").format(
                file=file_name, table=table, column=column
            ),
            repairable=True,
        )
    problems = find_problems(raw)
    if problems:
        raise damaged(file_name, problems)
