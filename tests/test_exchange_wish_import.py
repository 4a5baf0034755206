"""Column mapping in six languages and by content, values, Jira exports, the preview with its
row errors, and the one undoable, all-or-nothing import command."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.commands import CreateRow, UndoHistory
from planner.enums import DemandKind, Priority
from planner.errors import CommandError
from planner.exchange import headers
from planner.exchange.errors import ExchangeError
from planner.exchange.mapping import apply_overrides, guess_mapping
from planner.exchange.tabular import ReadOptions, read_table
from planner.exchange.wish_import import (
    ImportChoices,
    ImportWishes,
    build_preview,
    default_mapping,
)
from planner.model import Demand, Department, Objective, Phase, Prerequisite
from planner.store import PlanStore

FIXTURES = Path(__file__).parent / "fixtures" / "exchange"


@pytest.fixture
def store() -> PlanStore:
    store = PlanStore.in_memory()
    history = UndoHistory(store)
    for name in ("Salg", "Økonomi", "Sales"):
        history.push(CreateRow(Department, {"name": name}))
    history.push(CreateRow(Phase, {"title": "Fase 1"}))
    history.push(CreateRow(Objective, {"title": "Pipeline visibility"}))
    yield store
    store.close()


def _table(text: str, **options):  # noqa: ANN003, ANN202
    return read_table(text.encode("utf-8"), "wishes.csv", ReadOptions(**options))


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Ønske", "title"), ("Önskemål", "title"), ("Toive", "title"), ("Wens", "title"),
        ("Avdeling", "department"), ("Afdeling", "department"), ("Avdelning", "department"),
        ("Osasto", "department"), ("Effort (days)", "effort"), ("Innsats", "effort"),
        ("Työmäärä", "effort"), ("Inspanning", "effort"), ("Prioritet", "priority"),
        ("Prioriteit", "priority"), ("Tyyppi", "kind"), ("Soort", "kind"), ("Mål", "objective"),
        ("Doelstelling", "objective"), ("Merknad", "notes"), ("Opmerkingen", "notes"),
        ("Stemmer", "votes"), ("Röster", "votes"), ("Depends on", "needs"),
        ("Avhenger av", "needs"), ("Fase", "phase"), ("Vaihe", "phase"), ("Colour", None),
    ],
)
def test_headers_in_six_languages(header: str, field: str | None) -> None:
    assert headers.field_for_header(header) == field


@pytest.mark.parametrize(
    ("value", "priority"),
    [("Must", "must"), ("M", "must"), ("Skal", "must"), ("Måste", "must"), ("1", "must"),
     ("1.0", "must"), ("Pakollinen", "must"), ("Moet", "must"), ("Bør", "should"),
     ("Should have", "should"), ("Kan", "could"), ("Won't", "wont"), ("Lowest", "wont"),
     ("banana", None)],
)
def test_priority_values(value: str, priority: str | None) -> None:
    found = headers.priority_for(value)
    assert (found.value if found else None) == priority


def test_columns_without_known_headers_are_guessed_by_content(store: PlanStore) -> None:
    table = _table(
        "A;B;C;D\n"
        "Felles kundekort for alle selgere;Salg;2,5;Må\n"
        "Rapport for pipeline per kvartal;Økonomi;4;Bør\n"
    )
    mapping = default_mapping(store, table)
    assert mapping.fields == ["title", "department", "effort", "priority"]


def test_every_mapping_can_be_changed(store: PlanStore) -> None:
    table = _table("Title;Department;Effort;Comment\nA;Sales;2;x\n")
    mapping = guess_mapping(table)
    apply_overrides(table, mapping, ["Comment=title", "A=ignore", "3=votes"])
    assert mapping.fields == ["", "department", "votes", "title"]
    with pytest.raises(ExchangeError, match="no column 'Nope'"):
        apply_overrides(table, mapping, ["Nope=title"])
    with pytest.raises(ExchangeError, match="not a field"):
        apply_overrides(table, mapping, ["Title=colour"])


def test_preview_lists_every_row_it_will_not_import(store: PlanStore) -> None:
    table = _table(
        "Ønske;Avdeling;Innsats;Prioritet;Stemmer;Mål\n"
        "Felles kundekort;Salg;2,5;Må;3;Pipeline visibility\n"
        ";Salg;1;Må;;\n"
        "Rapport;Salg;a lot;Bør;;\n"
        "Integrasjon;Salg;-2;Bør;;\n"
        "Dashbord;Salg;1;banan;;\n"
        "Datafelt;Salg;1;Kan;1,5;\n"
        "Mål-ønske;Salg;1;Kan;;Unknown goal\n"
    )
    preview = build_preview(store, table, default_mapping(store, table))
    assert [w.row for w in preview.wishes] == [2]
    wish = preview.wishes[0]
    assert (wish.effort, wish.priority, wish.votes) == (2.5, Priority.MUST, 3)
    assert wish.objective_id == store.rows(Objective)[0].id
    assert [str(p) for p in preview.problems] == [
        "row 3, Ønske: empty; every wish needs a title.",
        "row 4, Innsats: 'a lot' is not a number.",
        "row 5, Innsats: -2 is negative; effort is 0 or more.",
        "row 6, Prioritet: 'banan' is not a priority (must, should, could, won't); map the "
        "value or the column.",
        "row 7, Stemmer: '1,5' is not a whole number of votes.",
        "row 8, Mål: 'Unknown goal' is not an objective of this plan.",
    ]


def test_value_mapping_fixes_unknown_values(store: PlanStore) -> None:
    table = _table("Title;Department;Priority;Kind\nA;Sales;Top;Widget\n")
    mapping = default_mapping(store, table)
    assert build_preview(store, table, mapping).problems
    mapping.value_maps = {"priority": {"top": "must"}, "kind": {"widget": "report"}}
    preview = build_preview(store, table, mapping)
    assert not preview.problems
    assert (preview.wishes[0].priority, preview.wishes[0].kind) == (
        Priority.MUST, DemandKind.REPORT)


def test_unknown_departments_and_phases_listed_created_or_redirected(store: PlanStore) -> None:
    table = _table("Title;Department;Phase\nA;Marketing;Fase 1\nB;Marketing;Pilot\nC;Sales;\n")
    mapping = default_mapping(store, table)
    preview = build_preview(store, table, mapping)
    assert dict(preview.unknown_departments) == {"Marketing": 2}
    assert dict(preview.unknown_phases) == {"Pilot": 1}
    assert [p.row for p in preview.problems] == [2, 3]

    sales = next(d for d in store.rows(Department) if d.name == "Sales")
    redirected = build_preview(store, table, mapping, ImportChoices(fallback_department=sales.id))
    assert [w.department for w in redirected.wishes] == ["Sales", "Sales", "Sales"]
    assert [w.phase for w in redirected.wishes] == ["Fase 1", None, None]  # Pilot: backlog

    created = build_preview(
        store, table, mapping, ImportChoices(create_departments=True, create_phases=True)
    )
    assert created.new_departments == ["Marketing"] and created.new_phases == ["Pilot"]
    UndoHistory(store).push(ImportWishes(created))
    marketing = next(d for d in store.rows(Department) if d.name == "Marketing")
    pilot = next(p for p in store.rows(Phase) if p.title == "Pilot")
    imported = {d.title: d for d in store.rows(Demand)}
    assert imported["B"].department_id == marketing.id and imported["B"].phase_id == pilot.id


def test_no_known_column_at_all(store: PlanStore) -> None:
    table = _table("Farge;Størrelse\n12;14\n")
    table.has_header = True
    with pytest.raises(ExchangeError, match="none of its columns has a name the planner knows"):
        build_preview(store, table, guess_mapping(table.__class__(
            table.headers, [], [], "csv", "x.csv")))


def test_import_is_one_undo_step_and_redo_restores_the_same_ids(store: PlanStore) -> None:
    table = _table(
        "Key;Ønske;Avdeling;Innsats;Trenger\n"
        "W1;Kundekort;Salg;2;\n"
        "W2;Rapport;Salg;1,5;W1\n"
        "W3;Dashbord;Økonomi;3;\"Kundekort; Rapport\"\n"
    )
    preview = build_preview(store, table, default_mapping(store, table))
    assert not preview.problems
    history = UndoHistory(store)
    before = store.count(Demand)
    history.push(ImportWishes(preview))
    assert history.labels()[-1] == "Import 3 wishes from wishes.csv"
    ids = sorted(d.id for d in store.rows(Demand))
    links = {(p.demand_id, p.needs_id) for p in store.rows(Prerequisite)}
    titles = {d.id: d.title for d in store.rows(Demand)}
    assert {(titles[a], titles[b]) for a, b in links} == {
        ("Rapport", "Kundekort"), ("Dashbord", "Kundekort"), ("Dashbord", "Rapport")}
    history.undo()
    assert store.count(Demand) == before and store.count(Prerequisite) == 0
    history.redo()
    assert sorted(d.id for d in store.rows(Demand)) == ids
    assert {(p.demand_id, p.needs_id) for p in store.rows(Prerequisite)} == links


def test_needs_that_cannot_be_met_skip_the_row_and_its_dependants(store: PlanStore) -> None:
    table = _table(
        "Key;Title;Department;Effort;Needs\n"
        "A;First;Sales;x;\n"  # rejected: effort
        "B;Second;Sales;1;A\n"  # needs a rejected row
        "C;Third;Sales;1;Nowhere\n"
        "D;Fourth;Sales;1;E\n"
        "E;Fifth;Sales;1;D\n"
        "F;Sixth;Sales;1;B\n"
    )
    preview = build_preview(store, table, default_mapping(store, table))
    assert preview.wishes == []
    reasons = {p.row: p.message for p in preview.problems}
    assert reasons[3] == "'A' (row 2) is not imported."
    assert reasons[4] == "'Nowhere' is no wish in this file or the plan."
    assert "circle" in reasons[5] and "circle" in reasons[6]
    assert reasons[7] == "'B' (row 3) is not imported."


def test_all_or_nothing_when_the_plan_changed_since_the_preview(store: PlanStore) -> None:
    table = _table("Title;Department\nA;Sales\nB;Salg\n")
    preview = build_preview(store, table, default_mapping(store, table))
    history = UndoHistory(store)
    sales = next(d for d in store.rows(Department) if d.name == "Sales")
    from planner.commands import DeleteRow

    history.push(DeleteRow(Department, sales.id))
    count = store.count(Demand)
    with pytest.raises(CommandError, match="Row 2: the department 'Sales' no longer exists"):
        history.push(ImportWishes(preview))
    assert store.count(Demand) == count


def test_import_survives_reopening_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.rollout"
    store = PlanStore.create(path)
    UndoHistory(store).push(CreateRow(Department, {"name": "Sales"}))
    table = _table("Title;Department;Effort;Priority\nA;Sales;2,5;Must\nB;Sales;1;Could\n")
    UndoHistory(store).push(ImportWishes(build_preview(store, table,
                                                       default_mapping(store, table))))
    store.close()
    again = PlanStore.open(path)
    try:
        got = [(d.title, d.effort, d.priority) for d in again.rows(Demand)]
        assert got == [("A", 2.5, Priority.MUST), ("B", 1.0, Priority.COULD)]
    finally:
        again.close()


# --- Jira ---------------------------------------------------------------------------------


def test_real_jira_server_export(store: PlanStore) -> None:
    """An excerpt of a real Jira Server export: repeated Labels/Sprint/Watchers/Comment
    columns, multi-line comments, a custom priority scheme ('Must Have', 'Unknown'), Story
    Points, an epic and issues linked to it."""
    table = read_table((FIXTURES / "jira_server_excerpt.csv").read_bytes(), "jira.csv")
    assert table.headers.count("Comment") == 14 and table.headers.count("Sprint") == 5
    mapping = default_mapping(store, table, points_to_days=0.5)
    assert mapping.effort_unit == "points"
    preview = build_preview(store, table, mapping, ImportChoices(
        create_departments=True, create_phases=True, fallback_name="Sales"))
    by_title = {w.title: w for w in preview.wishes}
    dashboard = by_title["Develop support dashboard"]
    assert (dashboard.priority, dashboard.effort, dashboard.department) == (
        Priority.MUST, 2.0, "DATABOTS_KANBAN")
    # The epic is not a wish; the issues linked to it take its summary as their phase.
    assert "PALM ingestion - CBS 016" not in by_title
    assert by_title["Supplying Grain of Datasets to CDAO team"].phase == "PALM ingestion - CBS 016"
    assert any("epic" in n for n in preview.notices)
    assert by_title["PALM Ingestion - CBS 016"].priority == Priority.SHOULD  # 'Unknown'
    assert not preview.problems
    UndoHistory(store).push(ImportWishes(preview))
    assert "PALM ingestion - CBS 016" in {p.title for p in store.rows(Phase)}


def test_real_jira_cloud_export_with_bom(store: PlanStore) -> None:
    data = (FIXTURES / "jira_cloud_export.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = read_table(data, "Jira.csv")
    assert table.headers[0] == "Summary"
    mapping = default_mapping(store, table)
    preview = build_preview(store, table, mapping, ImportChoices(fallback_name="Sales"))
    assert [(w.title, w.priority) for w in preview.wishes] == [
        ("SUMMARY2", Priority.SHOULD), ("summary1", Priority.MUST)]


def test_jira_original_estimate_in_seconds_and_labels_to_notes(store: PlanStore) -> None:
    text = (
        "Summary,Issue key,Issue id,Issue Type,Priority,Component/s,Original Estimate,"
        "Labels,Labels,Created\n"
        '"Sync, contacts",CRM-1,10001,Story,Highest,Sales,57600,crm,"sync",15/Feb/26 4:37 PM\n'
        "Pipeline report,CRM-2,10002,Task,Lowest,Sales,28800,,,15/Feb/26 4:38 PM\n"
    )
    table = _table(text)
    preview = build_preview(store, table, default_mapping(store, table))
    first, second = preview.wishes
    assert (first.effort, first.priority, first.notes) == (2.0, Priority.MUST, "Labels: crm, sync")
    assert (second.effort, second.priority) == (1.0, Priority.WONT)


def test_sample_plan_through_a_workbook_into_a_blank_plan(sample_store: PlanStore) -> None:
    """The wishes of the sample plan, written to XLSX the way a spreadsheet export lays
    them out (one row per wish, named columns, numbers as numbers), come back into a blank
    plan with the same fields, departments and phases created on request."""
    import io

    import openpyxl

    from planner.enums import label

    departments = {d.id: d.name for d in sample_store.rows(Department)}
    phases = {p.id: p.title for p in sample_store.rows(Phase)}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Department", "Phase", "Effort (person-days)", "Priority", "Kind",
                  "Notes", "Votes"])
    expected = []
    for wish in sample_store.rows(Demand):
        row = (wish.title, departments[wish.department_id], phases.get(wish.phase_id),
               wish.effort, wish.priority, wish.kind, wish.notes, wish.votes)
        expected.append(row)
        sheet.append([row[0], row[1], row[2] or "", row[3], label(row[4]), label(row[5]),
                      row[6], row[7]])
    out = io.BytesIO()
    book.save(out)

    blank = PlanStore.in_memory()
    try:
        table = read_table(out.getvalue(), "sample.xlsx")
        preview = build_preview(blank, table, default_mapping(blank, table),
                                ImportChoices(create_departments=True, create_phases=True))
        assert not preview.problems
        UndoHistory(blank).push(ImportWishes(preview))
        got_departments = {d.id: d.name for d in blank.rows(Department)}
        got_phases = {p.id: p.title for p in blank.rows(Phase)}
        got = [
            (w.title, got_departments[w.department_id], got_phases.get(w.phase_id), w.effort,
             w.priority, w.kind, w.notes, w.votes)
            for w in blank.rows(Demand)
        ]
        assert got == expected
    finally:
        blank.close()


def test_jira_issue_types_of_a_site_of_its_own_default_to_feature(store: PlanStore) -> None:
    table = _table("Summary,Issue key,Issue Type,Component/s\nA,X-1,Spike,Sales\nB,X-2,Bug,Sales\n")
    mapping = default_mapping(store, table)
    preview = build_preview(store, table, mapping)
    assert not preview.problems
    assert [w.kind for w in preview.wishes] == [DemandKind.FEATURE, DemandKind.FEATURE]
    assert dict(preview.unknown_values["kind"]) == {"Spike": 1}  # listed, so it can be mapped
    mapping.value_maps = {"kind": {"spike": "other"}}
    assert build_preview(store, table, mapping).wishes[0].kind == DemandKind.OTHER
