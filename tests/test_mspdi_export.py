"""The plan as MS Project XML, read back by MPXJ (the library MS Project converters,
GanttProject and others build on): every task, date, work figure, resource, assignment and
link must be what the plan says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.commands.entities import CreateRow, UpdateRow
from planner.exchange.mspdi_export import BACKLOG_TITLE, export_mspdi
from planner.model import Demand, Department, Dependency, Milestone, Phase, Plan, Prerequisite
from planner.queries import PlanIndex, working_days_between


@pytest.fixture(scope="module")
def mpxj():
    import jpype
    import mpxj  # noqa: F401 - puts MPXJ's jars on the class path

    if not jpype.isJVMStarted():
        jpype.startJVM()
    from org.mpxj import TimeUnit
    from org.mpxj.reader import UniversalProjectReader

    return UniversalProjectReader, TimeUnit


def _read(mpxj, path: Path):
    reader, _ = mpxj
    project = reader().read(str(path))
    assert project is not None, "MPXJ could not read the file"
    return project


def _date(value) -> dt.date:  # java.time.LocalDateTime
    return dt.date(value.getYear(), value.getMonthValue(), value.getDayOfMonth())


def _hours(mpxj, project, duration) -> float:
    _, time_unit = mpxj
    converted = duration.convertUnits(time_unit.HOURS, project.getProjectProperties())
    return float(converted.getDuration())


@pytest.fixture
def rich_store(sample_store):
    """The sample plus a wish prerequisite and Nordic letters in names and notes."""
    demands = sorted(sample_store.rows(Demand), key=lambda d: d.id)
    sample_store.execute(
        lambda rec: rec.insert(Prerequisite, demand_id=demands[3].id, needs_id=demands[0].id)
    )
    UpdateRow(Demand, demands[0].id, {"notes": "Ønsket av selgerne: æøå äö ÆØÅ"}).do(sample_store)
    return sample_store


def test_mpxj_reads_back_every_phase_wish_milestone_resource_and_link(mpxj, rich_store,
                                                                      tmp_path: Path) -> None:
    store = rich_store
    out = tmp_path / "plan.xml"
    result = export_mspdi(store, out)
    project = _read(mpxj, out)
    index = PlanIndex.build(store)
    tasks = {int(t.getUniqueID()): t for t in project.getTasks()}
    props = project.getProjectProperties()
    assert str(props.getName()) == store.plan.title
    assert int(props.getMinutesPerDay()) == 480

    # Phases: summary tasks at level 1, with the plan's dates.
    assert len(result.phase_uid) == len(index.phases)
    for phase in index.phases:
        task = tasks[result.phase_uid[phase.id]]
        assert str(task.getName()) == phase.title
        assert int(task.getOutlineLevel()) == 1 and bool(task.getSummary())
        assert _date(task.getStart()) == phase.start_date
        assert _date(task.getFinish()) == phase.end_date
        days = working_days_between(phase.start_date, phase.end_date, store.plan.working_days)
        assert _hours(mpxj, project, task.getDuration()) == pytest.approx(days * 8)

    # Wishes: sub-tasks of their phase (or of the backlog), work = effort × 8 h.
    departments = {d.id: d.name for d in store.rows(Department)}
    demands = store.rows(Demand)
    assert len(result.demand_uid) == len(demands)
    backlog_tasks = [t for t in tasks.values() if str(t.getName()) == BACKLOG_TITLE]
    assert len(backlog_tasks) == 1 and not bool(backlog_tasks[0].getActive())
    for demand in demands:
        task = tasks[result.demand_uid[demand.id]]
        assert str(task.getName()) == demand.title
        parent = task.getParentTask()
        if demand.phase_id is None:
            assert int(parent.getUniqueID()) == int(backlog_tasks[0].getUniqueID())
            assert not bool(task.getActive())
        else:
            assert int(parent.getUniqueID()) == result.phase_uid[demand.phase_id]
            phase = store.get(Phase, demand.phase_id)
            assert (_date(task.getStart()), _date(task.getFinish())) == (
                phase.start_date, phase.end_date)
        assert _hours(mpxj, project, task.getWork()) == pytest.approx(demand.effort * 8)
        assignments = list(task.getResourceAssignments())
        assert len(assignments) == 1
        assert str(assignments[0].getResource().getName()) == departments[demand.department_id]
        assert _hours(mpxj, project, assignments[0].getWork()) == pytest.approx(demand.effort * 8)
        if demand.notes:
            assert str(task.getNotes()).strip() == demand.notes
    assert "æøå äö ÆØÅ" in str(tasks[result.demand_uid[sorted(demands, key=lambda d: d.id)[0].id]]
                              .getNotes())

    # Departments: work resources with capacity as units (capacity / 5 days).
    resources = {str(r.getName()): r for r in project.getResources() if r.getName() is not None}
    assert set(resources) == set(departments.values())
    for dept in store.rows(Department):
        assert float(resources[dept.name].getMaxUnits()) == pytest.approx(dept.capacity / 5 * 100)

    # Milestones: milestone tasks on their date.
    milestones = store.rows(Milestone)
    assert len(result.milestone_uid) == len(milestones)
    for milestone in milestones:
        task = tasks[result.milestone_uid[milestone.id]]
        assert bool(task.getMilestone()) and str(task.getName()) == milestone.title
        assert _date(task.getStart()) == milestone.date

    # Links: every dependency and every prerequisite, finish-to-start.
    expected = {(result.phase_uid[d.predecessor_id], result.phase_uid[d.successor_id])
                for d in store.rows(Dependency)}
    expected |= {(result.demand_uid[p.needs_id], result.demand_uid[p.demand_id])
                 for p in store.rows(Prerequisite)}
    links = set()
    for task in tasks.values():
        for relation in task.getPredecessors():
            assert str(relation.getType()) == "FS"
            links.add((int(relation.getPredecessorTask().getUniqueID()), int(task.getUniqueID())))
    assert links == expected and len(expected) >= 3

    # The working week is the project calendar.
    from java.time import DayOfWeek

    calendar = props.getDefaultCalendar()
    working = [d for d in DayOfWeek.values() if calendar.isWorkingDay(d)]
    assert [int(d.getValue()) for d in working] == [int(c) for c in store.plan.working_days]


def test_backlog_can_be_left_out(mpxj, sample_store, tmp_path: Path) -> None:
    out = tmp_path / "plan.xml"
    result = export_mspdi(sample_store, out, include_backlog=False)
    names = {str(t.getName()) for t in _read(mpxj, out).getTasks()}
    backlog = PlanIndex.build(sample_store).demands(None)
    assert backlog and BACKLOG_TITLE not in names
    assert not {d.title for d in backlog} & names - {d.title for d in sample_store.rows(Demand)
                                                       if d.phase_id is not None}
    assert any("left out" in note for note in result.notes)


def test_a_six_day_week_and_an_undated_phase(mpxj, sample_store, tmp_path: Path) -> None:
    UpdateRow(Plan, 1, {"working_days": "123456"}).do(sample_store)
    CreateRow(Phase, {"title": "Idea: partner portal"}).do(sample_store)
    out = tmp_path / "plan.xml"
    result = export_mspdi(sample_store, out)
    project = _read(mpxj, out)
    from java.time import DayOfWeek

    calendar = project.getProjectProperties().getDefaultCalendar()
    assert calendar.isWorkingDay(DayOfWeek.SATURDAY) and not calendar.isWorkingDay(DayOfWeek.SUNDAY)
    assert int(project.getProjectProperties().getMinutesPerWeek()) == 6 * 480
    assert any("Idea: partner portal" in note for note in result.notes)
    names = [str(t.getName()) for t in project.getTasks()]
    assert "Idea: partner portal" in names
