"""planner/load.py as the warnings use it: the per-phase tracker gives exactly the table
`department_load` computes, however it was updated."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.commands import MoveDemands, SetPhaseDates, UndoHistory
from planner.load import LoadTracker, department_load, phase_weeks, usable_working_days
from planner.model import Demand, Phase
from planner.queries import PlanIndex, working_days_between
from planner.store import PlanStore


def test_phase_weeks_counts_working_days_per_week() -> None:
    phase = Phase(title="P", start_date=dt.date(2027, 1, 6), end_date=dt.date(2027, 1, 19))
    assert phase_weeks(phase, "12345") == (
        10,
        [(dt.date(2027, 1, 4), 3), (dt.date(2027, 1, 11), 5), (dt.date(2027, 1, 18), 2)],
    )


@pytest.mark.parametrize("working_days", ["12345", "1357", "7", "123456"])
def test_phase_weeks_agrees_with_working_days_between(working_days: str) -> None:
    start = dt.date(2027, 1, 1)
    for offset in range(7):
        for length in range(0, 30, 3):
            first = start + dt.timedelta(days=offset)
            phase = Phase(title="P", start_date=first, end_date=first + dt.timedelta(length))
            total, weeks = phase_weeks(phase, working_days)
            expected = working_days_between(first, phase.end_date, working_days)
            assert total == (expected or 1)
            assert sum(days for _, days in weeks) == total


def test_a_weekend_phase_puts_everything_on_its_week() -> None:
    phase = Phase(title="P", start_date=dt.date(2027, 1, 9), end_date=dt.date(2027, 1, 10))
    assert phase_weeks(phase, "12345") == (1, [(dt.date(2027, 1, 4), 1)])


@pytest.mark.parametrize(("stored", "used"), [("12345", "12345"), ("", "12345"),
                                              ("1x", "12345"), ("113", "13")])  # fmt: skip
def test_usable_working_days(stored: str, used: str) -> None:
    assert usable_working_days(stored) == used


def test_tracker_patched_by_edits_equals_a_fresh_table(sample_store: PlanStore) -> None:
    index = PlanIndex.build(sample_store)
    tracker = LoadTracker.build(sample_store, index)
    history = UndoHistory(sample_store)
    phases = index.phases
    wish = index.demands(phases[5].id)[0]
    history.push(MoveDemands([wish.id], phases[3].id))
    history.push(SetPhaseDates(phases[3].id, dt.date(2027, 4, 1), dt.date(2027, 5, 7)))
    for phase_id in (phases[3].id, phases[5].id):
        phase = sample_store.get(Phase, phase_id)
        tracker.set_phase(phase, [d for d in sample_store.rows(Demand) if d.phase_id == phase_id])
    fresh = department_load(sample_store)
    patched = tracker.table(PlanIndex.build(sample_store).departments, [p.id for p in phases])
    assert patched == fresh
    marketing_peak = max(fresh.load[2].values())
    assert marketing_peak < 27.75  # one wish moved out of the leads phase


def test_the_leads_phase_loads_marketing_week_by_week(sample_store: PlanStore) -> None:
    table = department_load(sample_store)
    week = dt.date(2027, 4, 5)
    assert table.at(2, week) == pytest.approx(111 / 4)
    assert table.ratio(2, week) == pytest.approx(111 / 4 / 8)
    assert table.overloaded_weeks(2) == [week + dt.timedelta(weeks=i) for i in range(4)]
