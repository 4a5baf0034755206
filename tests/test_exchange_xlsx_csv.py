"""The plan as a workbook and as CSV/TSV: every sheet, real types, what a reader needs."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from planner.enums import label
from planner.exchange.csv_export import export_csv
from planner.exchange.errors import ExchangeError
from planner.exchange.tables import TABLE_NAMES
from planner.exchange.xlsx_export import export_xlsx
from planner.load import department_load
from planner.model import Demand, Department, Milestone, Objective, Phase, Prerequisite
from planner.queries import PlanIndex


@pytest.fixture
def workbook(sample_store, tmp_path: Path):
    out = tmp_path / "plan.xlsx"
    assert export_xlsx(sample_store, out) == len(TABLE_NAMES)
    return openpyxl.load_workbook(out)


def _records(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_one_sheet_per_table_with_frozen_header_and_filter(workbook) -> None:
    assert workbook.sheetnames == [
        "Wishes", "Phases", "Departments", "Milestones", "Objectives", "Warnings"
    ]
    for ws in workbook:
        assert ws.freeze_panes in ("B2", "C2"), ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        header = [c.value for c in ws[1]]
        assert all(header) and ws[1][0].font.b, ws.title
        # Widths fit the content: a column is at least as wide as its header.
        for i, text in enumerate(header[:8], start=1):
            letter = openpyxl.utils.get_column_letter(i)
            assert ws.column_dimensions[letter].width >= min(len(str(text)), 9), (ws.title, text)


def test_wishes_sheet_round_trips_every_wish_and_field(sample_store, workbook) -> None:
    store = sample_store
    departments = {d.id: d.name for d in store.rows(Department)}
    phases = {p.id: p.title for p in store.rows(Phase)}
    objectives = {o.id: o.title for o in store.rows(Objective)}
    records = {r["ID"]: r for r in _records(workbook["Wishes"])}
    demands = store.rows(Demand)
    assert len(records) == len(demands) > 50
    for demand in demands:
        row = records[demand.id]
        assert row["Title"] == demand.title
        assert row["Department"] == departments[demand.department_id]
        assert (row["Phase"] or None) == (phases.get(demand.phase_id) if demand.phase_id else None)
        assert isinstance(row["Effort"], int | float) and row["Effort"] == demand.effort
        assert row["Priority"] == label(demand.priority)
        assert row["Kind"] == label(demand.kind)
        assert (row["Objective"] or None) == objectives.get(demand.objective_id)
        assert row["Votes"] == demand.votes
        assert (row["Notes"] or "") == demand.notes


def test_phases_have_real_dates_and_numbers(sample_store, workbook) -> None:
    ws = workbook["Phases"]
    records = _records(ws)
    phases = PlanIndex.build(sample_store).phases
    assert [r["Title"] for r in records] == [p.title for p in phases]
    for record, phase in zip(records, phases, strict=True):
        assert record["Start"].date() == phase.start_date  # a date cell, not text
        assert record["End"].date() == phase.end_date
        assert isinstance(record["Working days"], int)
    start_cell = ws.cell(2, [c.value for c in ws[1]].index("Start") + 1)
    assert start_cell.is_date and start_cell.number_format == "yyyy-mm-dd"


def test_departments_carry_the_weekly_load_and_mark_overload(sample_store, workbook) -> None:
    ws = workbook["Departments"]
    header = [c.value for c in ws[1]]
    load = department_load(sample_store)
    weeks = [w.isoformat() for w in load.weeks]
    assert header[-len(weeks):] == weeks
    departments = PlanIndex.build(sample_store).departments
    overloaded_cells = 0
    for r, dept in enumerate(departments, start=2):
        assert ws.cell(r, 1).value == dept.name
        for c, week in enumerate(load.weeks, start=len(header) - len(weeks) + 1):
            cell = ws.cell(r, c)
            assert (cell.value or 0) == pytest.approx(load.at(dept.id, week), abs=1e-3)
            over = load.at(dept.id, week) > dept.capacity + 1e-9
            assert (cell.fill.fgColor.rgb == "00F8CBAD") == over, (dept.name, week)
            overloaded_cells += over
    assert overloaded_cells > 0  # the sample plan overloads someone: the test can fail


def test_milestones_and_warnings_sheets(sample_store, workbook) -> None:
    milestones = _records(workbook["Milestones"])
    assert len(milestones) == len(sample_store.rows(Milestone))
    assert all(isinstance(m["Date"], dt.datetime) for m in milestones)
    warnings = _records(workbook["Warnings"])
    from planner.warnings import evaluate

    assert len(warnings) == len(evaluate(sample_store)) > 0
    assert {w["Severity"] for w in warnings} <= {"info", "warning", "problem"}


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_csv_of_every_table_has_the_workbooks_columns(sample_store, workbook, tmp_path: Path,
                                                       table: str) -> None:
    out = tmp_path / f"{table}.csv"
    rows = export_csv(sample_store, out, table)
    parsed = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline="")))
    sheet = workbook.worksheets[TABLE_NAMES.index(table)]
    assert parsed[0] == [c.value for c in sheet[1]]
    assert len(parsed) - 1 == rows == sheet.max_row - 1


def test_tsv_keeps_nordic_letters_and_iso_dates(sample_store, tmp_path: Path) -> None:
    out = tmp_path / "phases.tsv"
    export_csv(sample_store, out, "phases")
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    first = PlanIndex.build(sample_store).phases[0]
    assert rows[1][3] == first.start_date.isoformat()
    departments = export_csv(sample_store, tmp_path / "d.tsv", "departments")
    assert departments == len(sample_store.rows(Department))
    assert any(ch in (tmp_path / "d.tsv").read_text("utf-8-sig") for ch in "æøåäöÅÄÖ")


def test_prerequisites_show_in_the_wishes_table(sample_store, tmp_path: Path) -> None:
    demands = sorted(sample_store.rows(Demand), key=lambda d: d.id)
    sample_store.execute(
        lambda rec: rec.insert(Prerequisite, demand_id=demands[1].id, needs_id=demands[0].id)
    )
    out = tmp_path / "w.csv"
    export_csv(sample_store, out)
    rows = {r["ID"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}
    assert rows[str(demands[1].id)]["Needs"] == f"#{demands[0].id}"


def test_unknown_table_and_unwritable_target_are_clear_errors(sample_store, tmp_path) -> None:
    with pytest.raises(ExchangeError, match="no table 'budget'"):
        export_csv(sample_store, tmp_path / "x.csv", "budget")
    with pytest.raises(ExchangeError, match="Cannot write"):
        export_xlsx(sample_store, tmp_path / "missing" / "x.xlsx")
    assert not list(tmp_path.iterdir())
