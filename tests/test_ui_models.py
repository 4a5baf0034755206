"""The table, outline and warnings item models: Qt's model tester, incremental updates
(no resets for ordinary edits), sorting, filtering and drag-and-drop through mime data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from ui_support import FakeEngine, make_warning

from planner.commands import CreateRow, DeleteRows, MoveDemands, ReorderPhase, UpdateRow
from planner.enums import Priority
from planner.model import Demand, Department, Phase
from planner.warnings.types import Severity
from ui.models import mime
from ui.models.activity_table_model import ActivityTableModel
from ui.models.demand_table_model import DemandTableModel
from ui.models.department_table_model import DepartmentTableModel
from ui.models.milestone_table_model import MilestoneTableModel
from ui.models.objective_table_model import ObjectiveTableModel
from ui.models.phase_table_model import PhaseTableModel
from ui.models.record_filter_proxy import RecordFilterProxy
from ui.models.record_table_model import ID_ROLE
from ui.outline.outline_model import BACKLOG, PLAN, OutlineModel
from ui.warnings_panel.warnings_model import WarningsModel

pytest_plugins = ("ui_fixtures",)  # fixtures: window, document, clean_settings
pytestmark = pytest.mark.gui

TABLES = [
    DemandTableModel,
    PhaseTableModel,
    DepartmentTableModel,
    ObjectiveTableModel,
    MilestoneTableModel,
    ActivityTableModel,
]


def _resets(model) -> list[int]:  # noqa: ANN001
    count: list[int] = []
    model.modelReset.connect(lambda: count.append(1))
    return count


@pytest.mark.parametrize("model_type", TABLES, ids=lambda t: t.__name__)
def test_table_models_pass_the_model_tester(qtmodeltester, document, model_type) -> None:
    model = model_type(document)
    assert model.rowCount() == document.store.count(model.record)
    qtmodeltester.check(model, force_py=True)


def test_outline_and_warnings_models_pass_the_model_tester(qtmodeltester, document) -> None:
    outline = OutlineModel(document)
    qtmodeltester.check(outline, force_py=True)
    warnings = WarningsModel()
    warnings.set_warnings(
        [
            make_warning("phase", 1, Severity.PROBLEM),
            make_warning("demand", 2, dismissed_reason="ok"),
        ]
    )
    qtmodeltester.check(warnings, force_py=True)
    assert warnings.rowCount() == 2  # problems, dismissed


def test_demand_table_follows_edits_row_by_row(qtmodeltester, document) -> None:
    model = DemandTableModel(document)
    qtmodeltester.check(model, force_py=True)
    resets = _resets(model)
    rows = model.rowCount()
    department = document.index.departments[0]
    create = CreateRow(Demand, {"title": "Quote templates", "department_id": department.id})
    with_inserted = []
    model.rowsInserted.connect(lambda parent, first, last: with_inserted.append((first, last)))
    document.push(create)
    assert model.rowCount() == rows + 1
    assert with_inserted == [(rows, rows)]
    assert model.index(rows, 0).data() == "Quote templates"

    changed = []
    model.dataChanged.connect(lambda tl, br, roles=(): changed.append((tl.row(), br.row())))
    document.push(UpdateRow(Demand, create.row_id, {"effort": 12.5}))
    assert (rows, rows) in changed
    assert model.index(rows, model.column_named("effort")).data() == "12.5 pd"

    document.push(DeleteRows(Demand, [create.row_id]))
    assert model.rowCount() == rows
    document.undo_stack.undo()
    assert model.row_of(create.row_id) is not None
    assert resets == []


def test_renaming_a_department_repaints_the_wishes_that_show_it(document) -> None:
    model = DemandTableModel(document)
    column = model.column_named("department_id")
    department = document.index.departments[0]
    seen = []
    model.dataChanged.connect(lambda tl, br, roles=(): seen.append((tl.column(), br.row())))
    document.push(UpdateRow(Department, department.id, {"name": "Sales Nordics"}))
    assert (column, model.rowCount() - 1) in seen
    row = next(
        r for r in range(model.rowCount()) if model.record_at(r).department_id == department.id
    )
    assert model.index(row, column).data() == "Sales Nordics"


def test_sorting_is_done_in_the_model_and_can_go_back_to_plan_order(document) -> None:
    model = DemandTableModel(document)
    effort = model.column_named("effort")
    natural = [model.id_at(r) for r in range(model.rowCount())]
    model.sort(effort, Qt.SortOrder.DescendingOrder)
    efforts = [model.record_at(r).effort for r in range(model.rowCount())]
    assert efforts == sorted(efforts, reverse=True)
    model.sort(-1)
    assert [model.id_at(r) for r in range(model.rowCount())] == natural


def test_phase_table_reorders_when_the_plan_order_changes(document) -> None:
    model = PhaseTableModel(document)
    first = model.id_at(0)
    document.push(ReorderPhase(first, 2))
    assert model.id_at(2) == first
    assert model.index(2, 0).data() == "3"


def test_filter_proxy_by_field_and_text(qtmodeltester, document) -> None:
    model = DemandTableModel(document)
    proxy = RecordFilterProxy(model, ("title", "notes"))
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_field_filter("phase_id", [None])
    backlog = len(document.index.demands(None))
    assert proxy.rowCount() == backlog
    proxy.set_field_filter("priority", [Priority.MUST])
    expected = [d for d in document.index.demands(None) if d.priority == Priority.MUST]
    assert proxy.rowCount() == len(expected)
    proxy.clear_filters()
    proxy.set_text_filter("ERP")
    assert 0 < proxy.rowCount() < model.rowCount()
    for row in range(proxy.rowCount()):
        record = model.record_at(proxy.mapToSource(proxy.index(row, 0)).row())
        assert "erp" in (record.title + record.notes).casefold()


def test_a_demand_leaving_a_filtered_phase_leaves_the_proxy(document) -> None:
    model = DemandTableModel(document)
    proxy = RecordFilterProxy(model)
    phase = document.index.phases[0]
    proxy.set_field_filter("phase_id", [phase.id])
    shown = proxy.rowCount()
    demand_id = proxy.index(0, 0).data(ID_ROLE)
    document.push(MoveDemands([demand_id], None))
    assert proxy.rowCount() == shown - 1


def test_mime_data_round_trip_and_rejects_garbage() -> None:
    assert mime.decode(mime.encode([3, 1, 2])) == [3, 1, 2]
    bad = mime.encode([])
    bad.setData(mime.DEMAND_IDS, b"{not json")
    assert mime.decode(bad) == []
    bad.setData(mime.DEMAND_IDS, b'["1", true, 7]')
    assert mime.decode(bad) == [7]


def test_dropping_demands_on_a_phase_row_is_one_undoable_move(document) -> None:
    demands = DemandTableModel(document)
    phases = PhaseTableModel(document)
    backlog = [d.id for d in document.index.demands(None)][:3]
    data = demands.mimeData([demands.index(demands.row_of(i), 0) for i in backlog])
    target_row = 1
    target = phases.index(target_row, 0)
    depth = document.undo_stack.count()
    assert phases.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    assert not phases.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert phases.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    phase_id = phases.id_at(target_row)
    assert all(document.store.get(Demand, i).phase_id == phase_id for i in backlog)
    assert document.undo_stack.count() == depth + 1
    assert "3 wishes" in document.undo_stack.undoText()
    document.undo_stack.undo()
    assert all(document.store.get(Demand, i).phase_id is None for i in backlog)


def test_dropping_onto_a_wish_puts_the_wishes_before_it(document) -> None:
    model = DemandTableModel(document)
    phase = document.index.phases[1]
    target = document.index.demands(phase.id)[2]
    moving = [d.id for d in document.index.demands(None)][:2]
    data = mime.encode(moving)
    parent = model.index(model.row_of(target.id), 0)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, parent)
    order = [d.id for d in document.index.demands(phase.id)]
    assert order[2:5] == [*moving, target.id]


def test_outline_drop_on_the_backlog_and_between_wishes(document) -> None:
    model = OutlineModel(document)
    phase = document.index.phases[0]
    ids = [d.id for d in document.index.demands(phase.id)][:2]
    data = model.mimeData([model.index_of(("demand", i)) for i in ids])
    backlog = model.index_of(BACKLOG)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, backlog)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, backlog)
    assert [d.id for d in document.index.demands(None)][:2] == ids
    assert model.index_of(("demand", ids[0])).parent() == model.index_of(BACKLOG)
    phases_group = model.index_of(("phase", phase.id)).parent()
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, phases_group)


def test_outline_keeps_its_structure_in_step_without_resets(qtmodeltester, document) -> None:
    model = OutlineModel(document)
    qtmodeltester.check(model, force_py=True)
    resets = _resets(model)
    phases = document.index.phases
    backlog = [d.id for d in document.index.demands(None)]
    document.push(MoveDemands(backlog[:3], phases[0].id))
    document.push(ReorderPhase(phases[0].id, 3))
    document.push(DeleteRows(Phase, [phases[1].id]))
    for _ in range(3):
        document.undo_stack.undo()
    assert resets == []
    assert model.rowCount(model.index_of(BACKLOG)) == len(backlog)
    fresh = OutlineModel(document)
    assert model._children == fresh._children


def test_warnings_mark_the_first_column(document) -> None:
    model = DemandTableModel(document)
    demand_id = model.id_at(0)
    document.warnings.set_engine(FakeEngine([make_warning("demand", demand_id, Severity.PROBLEM)]))
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Something to look at" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is None


def test_warnings_model_syncs_changes_without_resets(qtmodeltester) -> None:
    first = [
        make_warning("phase", 1, Severity.PROBLEM, "Phase 1 full", code="a"),
        make_warning("phase", 2, Severity.WARNING, "Phase 2 long", code="b"),
        make_warning("demand", 3, Severity.INFO, "Wish 3 has no objective", code="c"),
    ]
    model = WarningsModel()
    model.set_warnings(first)
    qtmodeltester.check(model, force_py=True)
    resets = _resets(model)
    second = [
        make_warning("phase", 1, Severity.PROBLEM, "Phase 1 fuller", code="a"),  # new numbers
        make_warning("demand", 3, Severity.INFO, "Wish 3", code="c", dismissed_reason="fine"),
        make_warning("department", 4, Severity.PROBLEM, "Sales buried", code="d"),
    ]
    model.set_warnings(second)
    assert resets == []
    groups = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert groups == ["Problems (2)", "Dismissed (1)"]
    problems = model.index(0, 0)
    assert [model.index(r, 0, problems).data() for r in range(2)] == [
        "Phase 1 fuller",
        "Sales buried",
    ]
    fresh = WarningsModel()
    fresh.set_warnings(second)
    assert model._children[0] == fresh._children[0]
    model.set_warnings([])
    assert model.rowCount() == 0


def test_plan_order_follows_moves_and_phase_reordering(document) -> None:
    model = DemandTableModel(document)

    def plan_order() -> list[int]:
        index = document.index
        return [d.id for p in index.phases for d in index.demands(p.id)] + [
            d.id for d in index.demands(None)
        ]

    backlog = [d.id for d in document.index.demands(None)]
    phases = document.index.phases
    document.push(
        MoveDemands(backlog[:2], phases[1].id, before_id=document.index.demands(phases[1].id)[0].id)
    )
    assert [model.id_at(r) for r in range(model.rowCount())] == plan_order()
    document.push(ReorderPhase(phases[0].id, 4))
    assert [model.id_at(r) for r in range(model.rowCount())] == plan_order()


def test_a_moved_wish_takes_its_place_in_plan_order_and_keeps_its_index(document) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    model = DemandTableModel(document)
    resets = _resets(model)

    def plan_order() -> list[int]:
        index = document.index
        return [d.id for p in index.phases for d in index.demands(p.id)] + [
            d.id for d in index.demands(None)
        ]

    phases = document.index.phases
    wish = document.index.demands(phases[0].id)[0].id
    held = QPersistentModelIndex(model.index(model.row_of(wish), 2))
    for target in (phases[-1].id, None, phases[2].id):
        document.push(MoveDemands([wish], target))
        assert [model.id_at(r) for r in range(model.rowCount())] == plan_order()
        assert model.id_at(held.row()) == wish and held.column() == 2
    # A new wish goes last until the next sort; a move after it still gives the plan order.
    document.push(CreateRow(Demand, {"title": "New", "department_id": 1, "phase_id": None}))
    document.push(MoveDemands([wish], phases[1].id))
    assert [model.id_at(r) for r in range(model.rowCount())] == plan_order()
    assert resets == []


def test_outline_repaints_the_effort_of_the_phases_a_wish_left_and_joined(document) -> None:
    model = OutlineModel(document)
    phases = document.index.phases
    source, target = phases[0], phases[2]
    wish = document.index.demands(source.id)[0]
    repainted: list[tuple] = []
    model.dataChanged.connect(
        lambda first, last, roles=(): repainted.extend(
            model.key(model.index(row, 1, first.parent()))
            for row in range(first.row(), last.row() + 1)
            if first.column() <= 1 <= last.column()
        )
    )

    def detail(phase) -> str:  # noqa: ANN001
        return model.index_of(("phase", phase.id)).siblingAtColumn(1).data()

    before = detail(target)
    document.push(MoveDemands([wish.id], target.id))
    assert {("phase", source.id), ("phase", target.id)} <= set(repainted)
    assert ("phase", phases[1].id) not in repainted  # untouched phases are left alone
    assert detail(target) != before
    repainted.clear()
    document.push(UpdateRow(Demand, wish.id, {"effort": wish.effort + 5}))
    assert ("phase", target.id) in repainted and ("phase", source.id) not in repainted


@pytest.mark.parametrize("model_type", TABLES, ids=lambda t: t.__name__)
def test_natural_keys_at_once_equal_one_by_one(document, model_type) -> None:
    model = model_type(document)
    records = document.store.rows(model.record)
    assert records
    assert model.natural_keys(records) == {r.id: model.natural_key(r) for r in records}


@pytest.mark.parametrize("model_type", TABLES, ids=lambda t: t.__name__)
def test_all_roles_at_once_equal_one_by_one(document, model_type) -> None:
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    def plain(value):  # noqa: ANN001, ANN202 - icons compare by their image
        return value.cacheKey() if isinstance(value, QIcon) else value

    model = model_type(document)
    proxy = RecordFilterProxy(model)
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
             Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.CheckStateRole,
             Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.FontRole, ID_ROLE]
    for row in range(min(model.rowCount(), 8)):
        for column in range(model.columnCount()):
            index = proxy.index(row, column)
            for role in roles:
                role_data = QModelRoleData(role)
                proxy.multiData(index, QModelRoleDataSpan(role_data))
                assert plain(role_data.data()) == plain(index.data(role)), (row, column, role)
            option = QStyleOptionViewItem()  # what a view paints: asked through multiData
            QStyledItemDelegate().initStyleOption(option, index)
            assert option.text == (index.data() or "")


def test_outline_roles_at_once_equal_one_by_one(document) -> None:
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan
    from PySide6.QtGui import QFont, QIcon
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    def plain(value):  # noqa: ANN001, ANN202 - icons and fonts compare by what they show
        if isinstance(value, QIcon):
            return value.cacheKey()
        return value.toString() if isinstance(value, QFont) else value

    model = OutlineModel(document)
    indexes = []
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        indexes += [top, top.siblingAtColumn(1)]
        for child in range(min(model.rowCount(top), 3)):
            indexes += [model.index(child, 0, top), model.index(child, 1, top)]
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
             Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
             Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole]
    for index in indexes:
        for role in roles:
            role_data = QModelRoleData(role)
            model.multiData(index, QModelRoleDataSpan(role_data))
            assert plain(role_data.data()) == plain(index.data(role))
        option = QStyleOptionViewItem()
        QStyledItemDelegate().initStyleOption(option, index)
        assert option.text == (index.data() or "")


def test_wishes_of_a_collapsed_phase_reach_the_view_only_when_fetched(document) -> None:
    model = OutlineModel(document)
    phases = document.index.phases
    source, target = phases[0], phases[2]
    wish = document.index.demands(source.id)[0]
    target_row = model.index_of(("phase", target.id))
    assert model.hasChildren(target_row) and model.rowCount(target_row) == 0
    assert model.canFetchMore(target_row)
    signals: list[str] = []
    for name in ("rowsInserted", "rowsRemoved", "layoutChanged", "modelReset"):
        getattr(model, name).connect(lambda *_, n=name: signals.append(n))
    hidden: list[bool] = []
    model.hidden_rows_changed.connect(lambda: hidden.append(True))
    document.push(MoveDemands([wish.id], target.id))
    assert signals == [] and hidden == [True]  # neither phase's rows were shown: no rows move
    model.fetchMore(target_row)
    ids = [model.key(model.index(r, 0, target_row))[1] for r in range(model.rowCount(target_row))]
    assert ids == [d.id for d in document.index.demands(target.id)]
    assert wish.id in ids
    signals.clear()
    document.undo_stack.undo()  # out of a shown phase: a row goes
    assert signals == ["rowsRemoved"]
    assert model.index_of(("demand", wish.id)).parent() == model.index_of(("phase", source.id))


def test_roles_at_once_clear_what_a_cell_does_not_have(document) -> None:
    """Views reuse one span for every cell: a role a cell lacks must come back empty, not
    with the previous cell's value (a swatch or an alignment painted everywhere)."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    model = DemandTableModel(document)
    proxy = RecordFilterProxy(model)
    department = model.column_named("department_id")
    title = model.column_named("title")
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.TextAlignmentRole):
        role_data = QModelRoleData(role)
        span = QModelRoleDataSpan(role_data)
        with_value = proxy.index(0, department if role == Qt.ItemDataRole.DecorationRole
                                 else model.column_named("effort"))
        proxy.multiData(with_value, span)
        assert role_data.data() is not None
        without = next(proxy.index(r, title) for r in range(proxy.rowCount())
                       if proxy.index(r, title).data(role) is None)
        proxy.multiData(without, span)
        assert role_data.data() is None
    outline = OutlineModel(document)
    role_data = QModelRoleData(Qt.ItemDataRole.FontRole)
    span = QModelRoleDataSpan(role_data)
    outline.multiData(outline.index_of(PLAN), span)  # the plan's name is bold
    assert role_data.data() is not None
    outline.multiData(outline.index_of(("phase", document.index.phases[0].id)), span)
    assert role_data.data() is None
