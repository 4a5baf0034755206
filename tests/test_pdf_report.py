"""The plan pack's content (planner/report), without Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.commands import CreateRow
from planner.model import Demand, Department, Phase
from planner.report import Limits, Section, build_pack
from planner.report import warnings as report_warnings
from planner.warnings.types import Severity, Subject, Warning

TODAY = dt.date(2026, 11, 22)


def add(store, model, **values) -> int:
    command = CreateRow(model, values)
    command.do(store)
    return command.row_id


def test_sample_pack_holds_every_section_but_changes(sample_store):
    pack = build_pack(sample_store, today=TODAY)
    # No baseline in the sample: the changes section is left out, the rest kept in order.
    assert pack.sections == [s for s in Section if s != Section.CHANGES]
    assert [p.title for p in pack.phases][:2] == [
        "Customer overview for sellers",
        "Pipeline and Monday forecast",
    ]
    assert len(pack.phases) == 7
    assert pack.cover.sponsor == "Ragnhild Sæther, CEO"
    assert "phase 2 “Pipeline and Monday forecast” is running" in pack.cover.status
    assert pack.backlog is not None and pack.backlog.count == 12


def test_only_the_chosen_sections_are_built(sample_store):
    pack = build_pack(sample_store, [Section.BACKLOG, Section.OBJECTIVES], today=TODAY)
    assert pack.sections == [Section.OBJECTIVES, Section.BACKLOG]
    assert pack.phases == [] and pack.load is None and pack.warnings is None


def test_objectives_name_the_phases_that_serve_them(sample_store):
    pack = build_pack(sample_store, [Section.OBJECTIVES], today=TODAY)
    leads = next(o for o in pack.objectives if o.title == "No lead left behind")
    assert leads.phases == ["6. Leads from web and trade fairs"]
    assert leads.wishes > 0


def test_phase_page_effort_against_team_capacity(sample_store):
    pack = build_pack(sample_store, [Section.PHASES], today=TODAY)
    leads = pack.phases[5]
    assert leads.title == "Leads from web and trade fairs"
    assert leads.capacity == pytest.approx(60.0)  # 15 pd/week × 4 weeks
    assert leads.effort == pytest.approx(sum(d.effort for d in leads.departments))
    assert leads.utilisation > 1.0
    assert [d.department for d in leads.departments] == ["Sales", "Marketing"]
    assert leads.depends_on == ["Pipeline and Monday forecast"]


def test_load_chart_marks_the_weeks_over_capacity(sample_store):
    pack = build_pack(sample_store, [Section.LOAD], today=TODAY)
    marketing = next(s for s in pack.load.series if s.department == "Marketing")
    assert marketing.overloaded == [(dt.date(2027, 4, 5), dt.date(2027, 4, 26))]
    assert marketing.weeks_over == 4
    assert marketing.peak > marketing.capacity
    assert all(len(s.values) == len(pack.load.weeks) for s in pack.load.series)


def _big_phase(store, wishes: int) -> int:
    dept = add(store, Department, name="Sales", capacity=10)
    phase = add(store, Phase, title="Big", start_date=dt.date(2027, 1, 4),
                end_date=dt.date(2027, 1, 29))
    for i in range(wishes):
        priority = "must" if i % 10 == 0 else "could"
        add(store, Demand, title=f"Wish {i}", department_id=dept, phase_id=phase,
            effort=1.0 + i % 3, priority=priority)
    for i in range(wishes):
        add(store, Demand, title=f"Later {i}", department_id=dept, effort=2.0)
    return phase


def test_long_lists_are_cut_with_their_totals(store):
    _big_phase(store, 40)
    pack = build_pack(store, today=TODAY, limits=Limits(demands_per_department=5,
                                                        backlog_rows=7))
    scope = pack.phases[0].departments[0]
    assert scope.count == 40 and len(scope.rows) == 5
    # The musts come first when a list is cut.
    assert [r.priority for r in scope.rows] == ["Must"] * 4 + ["Could"]
    assert scope.more.count == 35
    assert scope.more.effort + sum(r.effort for r in scope.rows) == pytest.approx(scope.effort)
    assert len(pack.backlog.rows) == 7 and pack.backlog.more.count == 33
    assert pack.backlog.more.effort == pytest.approx(66.0)


def _warning(code, severity, subject, reason=None) -> Warning:
    return Warning(code, severity, subject, f"{code} message", "Eat French", (), reason)


def test_warnings_grouped_worst_first_and_dismissed_kept(store, monkeypatch):
    phase = _big_phase(store, 3)
    dept = store.rows(Department)[0].id
    demand = store.rows(Demand)[0].id
    warnings = [
        _warning("no-objective", Severity.INFO, Subject("demand", demand)),
        _warning("phase-overloaded", Severity.PROBLEM, Subject("phase", phase)),
        _warning("department-overloaded", Severity.WARNING,
                 Subject("department", dept, dt.date(2027, 1, 11))),
        _warning("empty-goal", Severity.WARNING, Subject("phase", phase), "Agreed in SC 3"),
        _warning("no-sponsor", Severity.PROBLEM, Subject("plan")),
    ]
    monkeypatch.setattr(report_warnings, "evaluate_plan", lambda s: warnings)
    pack = build_pack(store, today=TODAY, limits=Limits(warnings_per_code=1))
    summary = pack.warnings
    assert [(g.severity, g.code) for g in summary.open_groups] == [
        ("problem", "no-sponsor"),
        ("problem", "phase-overloaded"),
        ("warning", "department-overloaded"),
        ("info", "no-objective"),
    ]
    assert summary.counts == {"problem": 2, "warning": 1, "info": 1}
    assert [(w.code, w.dismissed_reason) for w in summary.dismissed] == [
        ("empty-goal", "Agreed in SC 3")
    ]
    assert summary.open_groups[2].rows[0].subject == "Sales, week of 11 Jan 2027"
    # The phase page shows what concerns the phase, its wishes and the weeks it loads.
    codes = [w.code for w in pack.phases[0].warnings]
    assert codes == ["phase-overloaded", "department-overloaded", "no-objective", "empty-goal"]
    assert "2 problems and 1 warning" in pack.cover.status


def test_limits_cut_long_warning_groups(store, monkeypatch):
    _big_phase(store, 5)
    demands = store.rows(Demand)
    warnings = [_warning("no-objective", Severity.INFO, Subject("demand", d.id)) for d in demands]
    monkeypatch.setattr(report_warnings, "evaluate_plan", lambda s: warnings)
    pack = build_pack(store, [Section.WARNINGS], today=TODAY, limits=Limits(warnings_per_code=3))
    group = pack.warnings.open_groups[0]
    assert len(group.rows) == 3 and group.more == len(demands) - 3


def test_an_empty_plan_still_makes_a_pack(store):
    pack = build_pack(store, today=TODAY)
    assert pack.phases == [] and pack.objectives == []
    assert pack.cover.status.startswith("The plan has no phases yet.")
    assert pack.load.weeks == []


def test_changes_since_the_baseline(sample_store):
    from planner.baseline import TakeBaseline
    from planner.commands import MoveDemands, ShiftPhase

    TakeBaseline("Steering review 2", dt.datetime(2026, 11, 30, 10)).do(sample_store)
    assert build_pack(sample_store, [Section.CHANGES], today=TODAY).changes.moved == []
    phases = sorted(sample_store.rows(Phase), key=lambda p: p.position)
    later = [d for d in sample_store.rows(Demand) if d.phase_id is None][0]
    MoveDemands([later.id], phases[6].id).do(sample_store)
    ShiftPhase(phases[6].id, 14).do(sample_store)
    add(sample_store, Demand, title="New wish", department_id=later.department_id,
        phase_id=phases[0].id, effort=2.5)
    pack = build_pack(sample_store, today=TODAY)
    assert Section.CHANGES in pack.sections
    changes = pack.changes
    assert changes.baseline == "Steering review 2"
    assert [(m.title, m.before, m.after) for m in changes.moved] == [
        (later.title, "backlog", phases[6].title)
    ]
    assert [c.title for c in changes.added] == ["New wish"]
    assert [m.phase for m in changes.phases_moved] == [phases[6].title]
    assert changes.phases_moved[0].after[0] - changes.phases_moved[0].before[0] == (
        dt.timedelta(days=14))
    assert changes.effort_delta == pytest.approx(later.effort + 2.5)


def test_dismissed_warnings_keep_their_reason(sample_store):
    from planner.warnings import Dismiss, evaluate

    warning = next(w for w in evaluate(sample_store) if w.code == "no-support")
    Dismiss.warning(warning, "Order desk covers until March").do(sample_store)
    pack = build_pack(sample_store, [Section.WARNINGS, Section.PHASES], today=TODAY)
    assert [(w.code, w.dismissed_reason) for w in pack.warnings.dismissed] == [
        ("no-support", "Order desk covers until March")
    ]
    assert all(g.code != "no-support" for g in pack.warnings.open_groups)
    delivery = next(p for p in pack.phases if p.title.startswith("Delivery"))
    dismissed = [r for g in delivery.warnings for r in g.rows if r.dismissed_reason]
    assert [r.code for r in dismissed] == ["no-support"]


def test_phase_pages_list_the_wish_prerequisites(sample_store) -> None:  # noqa: ANN001
    from planner.report.build import build_pack
    from ui.pdf.sections.phases import phase_html

    pack = build_pack(sample_store)
    pages = {p.title: p for p in pack.phases}
    cases = pages["Service cases in one place"]
    assert cases.prerequisites == [
        "'Service cases from the shared mailboxes (e-mail to case)' needs 'E-mail-to-case "
        "connector for the service mailboxes' (phase 3)"
    ]
    assert "Prerequisites" in phase_html(cases, len(pack.phases))
    assert "E-mail-to-case connector" in phase_html(cases, len(pack.phases))
    assert pages["Customer overview for sellers"].prerequisites == []
