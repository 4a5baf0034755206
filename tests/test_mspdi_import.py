"""MS Project XML into a plan: real files from MS Project, ProjectLibre and GanttProject,
our own export back again, and hostile or broken files refused with the plan untouched."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from app.cli import main
from planner.exchange.errors import ExchangeError
from planner.exchange.mspdi_export import export_mspdi
from planner.exchange.mspdi_import import (
    UNASSIGNED,
    import_into_plan,
    new_plan_from_mspdi,
    plan_from_mspdi,
)
from planner.model import Demand, Department, Dependency, Milestone, Phase, Prerequisite
from planner.queries import PlanIndex
from planner.store import PlanStore

FIXTURES = Path(__file__).parent / "fixtures" / "mspdi"


def fixture(name: str, tmp_path: Path) -> Path:
    path = FIXTURES / name
    if path.suffix == ".gz":
        out = tmp_path / path.stem
        out.write_bytes(gzip.decompress(path.read_bytes()))
        return out
    return path


def _snapshot(store: PlanStore) -> dict:
    from planner.model import MODELS

    return {m.__tablename__: sorted(repr(sorted(r.to_dict().items())) for r in store.rows(m))
            for m in MODELS}


# --- real files from three tools -----------------------------------------------------------


def test_projectlibre_file_with_summary_0_everywhere(store, tmp_path: Path) -> None:
    source = fixture("projectlibre_new_product.xml.gz", tmp_path)
    raw = source.read_text("utf-8")
    assert "<Summary>1</Summary>" not in raw  # ProjectLibre never says which are summaries
    report = import_into_plan(store, source)
    report.command.do(store)
    index = PlanIndex.build(store)
    # The outline comes from OutlineLevel: the top-level tasks are the phases.
    assert len(index.phases) == 7
    assert all(index.demands(p.id) for p in index.phases)
    assert len(store.rows(Demand)) == 36
    # Resource -65535 ("none") never became a department; the real ones did.
    names = {d.name for d in store.rows(Department)}
    assert len(names) == 9 and not any("65535" in n for n in names)
    assert store.rows(Prerequisite) and store.rows(Dependency)
    text = "\n".join(report.lines)
    assert "timephased" in text and "custom field" in text
    assert "more than one resource" in text  # and the others are named in the notes
    assert any("Also assigned:" in d.notes for d in store.rows(Demand))


def test_ganttproject_file_with_24_hour_days_and_manual_tasks(store, tmp_path: Path) -> None:
    source = fixture("ganttproject_issue2659.xml", tmp_path)
    plan, project = plan_from_mspdi(source)
    assert project.minutes_per_day == 1440
    report = import_into_plan(store, source)
    report.command.do(store)
    (phase,) = store.rows(Phase)
    assert phase.title == "task_0"
    # GanttProject ends a one-day task at 00:00 the next day: it is one day.
    assert phase.start_date == phase.end_date and phase.start_date.isoformat() == "2025-01-30"
    assert any("manually scheduled" in line for line in report.lines)


def test_ms_project_file_with_blank_rows_and_an_outline(store, tmp_path: Path) -> None:
    source = fixture("msproject2007_nulltasks.xml", tmp_path)
    report = import_into_plan(store, source)
    report.command.do(store)
    assert any("blank row" in line for line in report.lines)
    assert store.rows(Phase) and store.rows(Demand)
    assert all(d.title for d in store.rows(Demand))


def test_ms_project_links_of_every_type_are_sorted_out(store, tmp_path: Path) -> None:
    source = fixture("msproject2019_task_links.xml", tmp_path)
    report = import_into_plan(store, source)
    report.command.do(store)
    assert len(store.rows(Dependency)) == 5  # the finish-to-start ones
    text = "\n".join(report.lines)
    for kind in ("start-to-start", "finish-to-finish", "start-to-finish"):
        assert f"link of type {kind} not imported" in text
    assert "lag" in text


def test_a_big_timephased_file_streams(store, tmp_path: Path) -> None:
    source = fixture("msproject2007_timephased.xml.gz", tmp_path)
    plan, project = plan_from_mspdi(source)
    assert project.timephased > 2000
    assert any(f"{project.timephased} timephased" in line for line in plan.lines)
    report = import_into_plan(store, source)
    report.command.do(store)
    efforts = sum(d.effort for d in store.rows(Demand))
    assert efforts == pytest.approx(sum(w.effort for p in plan.phases for w in p.wishes))
    assert efforts > 100


# --- our own export, back again ------------------------------------------------------------


def test_sample_round_trip_through_mspdi(sample_store, tmp_path: Path) -> None:
    out = tmp_path / "plan.xml"
    export_mspdi(sample_store, out)
    target = tmp_path / "again.rollout"
    again, lines = new_plan_from_mspdi(target, out)
    try:
        a, b = PlanIndex.build(sample_store), PlanIndex.build(again)
        assert again.plan.title == sample_store.plan.title
        assert again.plan.working_days == sample_store.plan.working_days
        assert [(p.title, p.start_date, p.end_date, p.status) for p in b.phases] == [
            (p.title, p.start_date, p.end_date, p.status) for p in a.phases]
        names_a = {d.id: d.name for d in a.departments}
        names_b = {d.id: d.name for d in b.departments}
        titles_a = {p.id: p.title for p in a.phases}
        titles_b = {p.id: p.title for p in b.phases}

        def wishes(index, names, titles):
            return sorted((d.title, names[d.department_id], titles.get(d.phase_id), d.effort,
                           d.priority, d.notes) for ds in index.demands_by_phase.values()
                          for d in ds)

        assert wishes(b, names_b, titles_b) == wishes(a, names_a, titles_a)
        assert sorted((m.title, m.date, m.kind) for m in b.milestones) == sorted(
            (m.title, m.date, m.kind) for m in a.milestones)

        def deps(store, titles):
            return sorted((titles[d.predecessor_id], titles[d.successor_id])
                          for d in store.rows(Dependency))

        assert deps(again, titles_b) == deps(sample_store, titles_a)
        assert {d.name: d.capacity for d in b.departments} == {
            d.name: d.capacity for d in a.departments}
        assert "8 departments" in lines[0]
    finally:
        again.close()


def test_import_into_an_existing_plan_is_one_undo_step(sample_store, tmp_path: Path) -> None:
    out = tmp_path / "plan.xml"
    export_mspdi(sample_store, out)
    before = _snapshot(sample_store)
    report = import_into_plan(sample_store, out)
    assert _snapshot(sample_store) == before  # nothing happens until the command is done
    report.command.do(sample_store)
    assert len(sample_store.rows(Phase)) == 2 * len(before["phase"])
    # Departments of the same name are reused, not duplicated.
    assert len(sample_store.rows(Department)) == len(before["department"])
    assert any("reused" in line for line in report.lines)
    report.command.undo(sample_store)
    assert _snapshot(sample_store) == before
    report.command.do(sample_store)  # redo
    assert len(sample_store.rows(Demand)) == 2 * len(before["demand"])


def test_tasks_without_resources_go_to_unassigned(store, tmp_path: Path) -> None:
    source = tmp_path / "plain.xml"
    source.write_text(_project("""
      <Task><UID>1</UID><ID>1</ID><Name>Fase én</Name><OutlineLevel>1</OutlineLevel>
        <Start>2026-03-02T08:00:00</Start><Finish>2026-03-13T17:00:00</Finish></Task>
      <Task><UID>2</UID><ID>2</ID><Name>Ønske: kundeliste</Name><OutlineLevel>2</OutlineLevel>
        <Start>2026-03-02T08:00:00</Start><Finish>2026-03-13T17:00:00</Finish>
        <Work>PT36H0M0S</Work></Task>
      <Task><UID>3</UID><ID>3</ID><Name>Gruppe</Name><OutlineLevel>2</OutlineLevel></Task>
      <Task><UID>4</UID><ID>4</ID><Name>Dyp oppgave</Name><OutlineLevel>3</OutlineLevel>
        <Work>PT12H0M0S</Work><Cost>1500</Cost></Task>
      <Task><UID>5</UID><ID>5</ID><Name>Go-live</Name><OutlineLevel>2</OutlineLevel>
        <Milestone>1</Milestone><Start>2026-03-13T17:00:00</Start></Task>
    """, minutes_per_day=360), encoding="utf-8")
    report = import_into_plan(store, source)
    report.command.do(store)
    wishes = {d.title: d for d in store.rows(Demand)}
    assert wishes["Ønske: kundeliste"].effort == 6  # 36 h at 6 h a day
    assert wishes["Gruppe › Dyp oppgave"].effort == 2
    assert {d.name for d in store.rows(Department)} == {UNASSIGNED}
    (milestone,) = store.rows(Milestone)
    assert milestone.kind.value == "go_live" and milestone.phase_id == store.rows(Phase)[0].id
    text = "\n".join(report.lines)
    assert "flattened" in text and "Costs on 1 task" in text
    assert "2 tasks had no resource" in text


# --- refused, changing nothing -------------------------------------------------------------


def _project(tasks: str, minutes_per_day: int = 480, doctype: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}\n'
            '<Project xmlns="http://schemas.microsoft.com/project">'
            f"<Name>Test</Name><MinutesPerDay>{minutes_per_day}</MinutesPerDay>"
            f"<Tasks>{tasks}</Tasks></Project>")


BILLION_LAUGHS = _project(
    "<Task><UID>1</UID><Name>&lol9;</Name></Task>",
    doctype='<!DOCTYPE Project [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10))
    + "]>",
)
EXTERNAL = _project(
    "<Task><UID>1</UID><Name>&secret;</Name></Task>",
    doctype='<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
)
CYCLE = _project("".join(
    f"<Task><UID>{i}</UID><ID>{i}</ID><Name>P{i}</Name><OutlineLevel>1</OutlineLevel>"
    f"<Start>2026-01-05T08:00:00</Start><Finish>2026-01-09T17:00:00</Finish>"
    f"<PredecessorLink><PredecessorUID>{i % 3 + 1}</PredecessorUID><Type>1</Type>"
    "</PredecessorLink></Task>" for i in (1, 2, 3)))
YEAR_9999 = _project(
    "<Task><UID>1</UID><ID>1</ID><Name>Forever</Name><OutlineLevel>1</OutlineLevel>"
    "<Start>9999-12-31T08:00:00</Start><Finish>9999-12-31T17:00:00</Finish></Task>")


@pytest.mark.parametrize(
    "content, message",
    [
        (_project(""), "has no tasks"),
        (_project("<Task><UID>0</UID><ID>0</ID><OutlineLevel>0</OutlineLevel></Task>"),
         "has no tasks"),
        (CYCLE, "go round in a circle"),
        (YEAR_9999, "9999-12-31"),
        (BILLION_LAUGHS, "DTD or entities"),
        (EXTERNAL, "DTD or entities"),
        ("Title;Department\nA;B\n", "not well-formed XML"),
        ('<?xml version="1.0"?><Workbook><Sheet/></Workbook>', "not an MS Project XML"),
        ("<Project xmlns='http://schemas.microsoft.com/project'><Tasks><Task>", "not well-formed"),
        ("", "is empty"),
    ],
    ids=["no-tasks", "only-summary", "cycle", "year-9999", "billion-laughs", "external-entity",
         "csv", "other-xml", "truncated", "empty"],
)
def test_bad_files_are_refused_and_change_nothing(sample_store, tmp_path: Path, content: str,
                                                  message: str) -> None:
    source = tmp_path / "bad.xml"
    source.write_text(content, encoding="utf-8")
    before = _snapshot(sample_store)
    with pytest.raises(ExchangeError, match=message):
        import_into_plan(sample_store, source)
    assert _snapshot(sample_store) == before
    target = tmp_path / "new.rollout"
    with pytest.raises(ExchangeError, match=message):
        new_plan_from_mspdi(target, source)
    assert not target.exists()


def test_cli_new_from_mspdi(sample_file: Path, tmp_path: Path, capsys) -> None:
    xml = tmp_path / "plan.xml"
    assert main(["export", str(sample_file), "--mspdi", str(xml)]) == 0
    target = tmp_path / "from-project"
    assert main(["new", str(target), "--from", str(xml)]) == 0
    out = capsys.readouterr().out
    assert "7 phases" in out and "Created" in out
    store = PlanStore.open(target.with_suffix(".rollout"))
    try:
        assert len(store.rows(Phase)) == 7
    finally:
        store.close()
    bad = tmp_path / "bomb.xml"
    bad.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert main(["new", str(tmp_path / "bomb"), "--from", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "refused" in err[0]
    assert not (tmp_path / "bomb.rollout").exists()
    assert main(["new", str(target), "--from", str(xml)]) == 2  # exists: never overwritten


def test_a_repeated_link_is_one_dependency(store, tmp_path: Path) -> None:
    link = "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink>"
    source = tmp_path / "twice.xml"
    source.write_text(_project(
        "<Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel>"
        "<Start>2026-01-05T08:00:00</Start><Finish>2026-01-09T17:00:00</Finish></Task>"
        "<Task><UID>2</UID><ID>2</ID><Name>B</Name><OutlineLevel>1</OutlineLevel>"
        f"<Start>2026-01-12T08:00:00</Start><Finish>2026-01-16T17:00:00</Finish>{link}{link}"
        "</Task>"), encoding="utf-8")
    import_into_plan(store, source).command.do(store)
    (dep,) = store.rows(Dependency)
    titles = {p.id: p.title for p in store.rows(Phase)}
    assert (titles[dep.predecessor_id], titles[dep.successor_id]) == ("A", "B")


def test_files_are_recognised_by_content(tmp_path: Path) -> None:
    from planner.exchange.mspdi_read import looks_like_mspdi

    for name in ("ganttproject_issue2659.xml", "msproject2019_task_links.xml",
                 "projectlibre_new_product.xml.gz"):
        assert looks_like_mspdi(fixture(name, tmp_path)), name
    other = tmp_path / "wishes.xml"
    other.write_text("Title;Department\nA;B\n", encoding="utf-8")
    assert not looks_like_mspdi(other)
    assert not looks_like_mspdi(tmp_path / "missing.xml")
