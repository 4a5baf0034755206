"""The import dialog: how the file was read (and the user's corrections), which column feeds
which field, what to do with unknown departments, phases and values, and a preview of the
wishes that will come in and of every row that will not, with its reason.

All the logic is in planner/exchange/; this only shows it and collects the choices. The
preview is rebuilt shortly after each change (a timer, so typing in the factor box or
scrolling through a combo does not rebuild it for every step).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.enums import DemandKind, Priority, label
from planner.errors import PlanError
from planner.exchange import headers, sniff
from planner.exchange.mapping import EFFORT_UNITS, ColumnMapping
from planner.exchange.tabular import ImportCancelled, Progress, ReadOptions, Table
from planner.exchange.values import cell_text
from planner.exchange.wish_import import (
    ImportChoices,
    Preview,
    WishDraft,
    build_preview,
    default_mapping,
)
from planner.i18n import N_, _, ngettext
from planner.i18n.formats import local_number
from planner.model import Department
from planner.store import PlanStore
from ui.guard import guarded

PREVIEW_ROWS = 200
Reader = Callable[[ReadOptions], Table]  # re-reads the source with corrected options
_SKIP = -1


class _WishModel(QAbstractTableModel):
    COLUMNS = (
        N_("Row"),
        N_("Title"),
        N_("Department"),
        N_("Phase"),
        N_("Effort"),
        N_("Priority"),
        N_("Kind"),
        N_("Notes"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.wishes: list[WishDraft] = []

    def set_wishes(self, wishes: list[WishDraft]) -> None:
        self.beginResetModel()
        self.wishes = wishes[:PREVIEW_ROWS]
        self.endResetModel()

    @guarded()
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802, ANN001
        return 0 if parent.isValid() else len(self.wishes)

    @guarded()
    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802, ANN001
        return 0 if parent.isValid() else len(self.COLUMNS)

    @guarded()
    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN001, ANN201
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return None

    @guarded()
    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.wishes) or not 0 <= column < len(self.COLUMNS):
            return None
        try:  # an exception must never leave a Qt override
            wish = self.wishes[row]
            values = (
                wish.row, wish.title, wish.department, wish.phase or _("Backlog"),
                local_number(wish.effort), label(wish.priority), label(wish.kind),
                wish.notes.replace("\n", " ")[:120],
            )
            return values[column]
        except Exception:
            return None


class _OpenComboOnKey(QObject):
    """In a table whose last column holds combo boxes, Space, F4 or Enter on a row opens
    that row's combo: the mapping can be changed without a mouse (arrows pick the row)."""

    KEYS = (Qt.Key.Key_Space, Qt.Key.Key_F4, Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def __init__(self, table: QTableWidget, column: int) -> None:
        super().__init__(table)
        self.table, self.column = table, column
        table.installEventFilter(self)

    @guarded()
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        try:
            if event.type() == QEvent.Type.KeyPress and event.key() in self.KEYS:
                row = max(self.table.currentRow(), 0)
                combo = self.table.cellWidget(row, self.column)
                if isinstance(combo, QComboBox):
                    combo.setFocus(Qt.FocusReason.TabFocusReason)
                    combo.showPopup()
                    return True
        except Exception:  # never let an exception leave a Qt override
            return False
        return False


class ImportDialog(QDialog):
    """`table` is the source as first read; `reread` reads it again with other options
    (None for the clipboard, which has only one way to be read)."""

    def __init__(
        self,
        store: PlanStore,
        table: Table,
        reread: Reader | None = None,
        parent: QWidget | None = None,
        progress: Progress | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle(_('Import wishes — {name}').format(name=table.name))
        self.store = store
        self.table = table
        self.reread = reread
        self.mapping: ColumnMapping = default_mapping(store, table)
        self.preview: Preview | None = None
        self.error = ""
        self._filling = False
        self._value_pairs: list[tuple[str, str, int]] = []
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)

        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._reading_box())
        left_layout.addWidget(self._columns_box(), 1)
        left_layout.addWidget(self._choices_box())
        self.values_box = self._values_box()
        left_layout.addWidget(self.values_box)

        self.tabs = QTabWidget(self)
        self.wish_model = _WishModel()
        self.wish_view = QTableView(self)
        self.wish_view.setObjectName("preview_wishes")
        self.wish_view.setModel(self.wish_model)
        self.wish_view.setAlternatingRowColors(True)
        self.wish_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.wish_view.verticalHeader().hide()
        self.wish_view.horizontalHeader().setStretchLastSection(True)
        self.wish_view.setWordWrap(False)
        self.wish_view.verticalHeader().setDefaultSectionSize(
            self.wish_view.fontMetrics().height() + 8)
        self.problem_view = QTableWidget(0, 3, self)
        self.problem_view.setObjectName("preview_problems")
        self.problem_view.setHorizontalHeaderLabels(
            [_("Row"), _("Column"), _("Why it is not imported")]
        )
        self.problem_view.verticalHeader().hide()
        self.problem_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problem_view.horizontalHeader().setStretchLastSection(True)
        self.problem_view.verticalHeader().setDefaultSectionSize(
            self.problem_view.fontMetrics().height() + 8)
        self.problem_view.setWordWrap(False)
        self.tabs.addTab(self.wish_view, _("Will be imported"))
        self.tabs.addTab(self.problem_view, _("Will not be imported"))
        self.notice_label = QLabel(self)
        self.notice_label.setWordWrap(True)
        self.notice_label.setObjectName("import_notices")

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("import_summary")
        self.summary_label.setWordWrap(True)
        right_layout.addWidget(self.summary_label)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.notice_label)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setObjectName("import_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(1180, 760)
        splitter.setSizes([500, 680])
        self._fill_from_table()
        self.cancelled = False  # the first check of a big file was cancelled
        try:
            self.refresh(progress)
        except ImportCancelled:
            self.cancelled = True

    # --- building -------------------------------------------------------------------------

    def _reading_box(self) -> QGroupBox:
        box = QGroupBox(_("How the file is read"), self)
        form = QFormLayout(box)
        self.encoding_combo = QComboBox(box)
        for code in sniff.ENCODINGS:
            self.encoding_combo.addItem(_(sniff.ENCODING_NAMES[code]), code)
        self.delimiter_combo = QComboBox(box)
        for mark, name in sniff.DELIMITER_NAMES.items():
            self.delimiter_combo.addItem(_(name).capitalize(), mark)
        self.decimal_combo = QComboBox(box)
        self.decimal_combo.addItem(_("Comma (2,5)"), ",")
        self.decimal_combo.addItem(_("Point (2.5)"), ".")
        self.sheet_combo = QComboBox(box)
        row = QHBoxLayout()
        self.encoding_label = QLabel(_("&Encoding:"), box)
        self.encoding_label.setBuddy(self.encoding_combo)
        self.delimiter_label = QLabel(_("&Separator:"), box)
        self.delimiter_label.setBuddy(self.delimiter_combo)
        row.addWidget(self.encoding_label)
        row.addWidget(self.encoding_combo, 2)
        row.addWidget(self.delimiter_label)
        row.addWidget(self.delimiter_combo, 1)
        self.text_row = QWidget(box)
        self.text_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.text_row)
        self.sheet_label = QLabel(_("Shee&t:"), box)
        self.sheet_label.setBuddy(self.sheet_combo)
        form.addRow(self.sheet_label, self.sheet_combo)
        decimal_label = QLabel(_("Deci&mal mark:"), box)
        decimal_label.setBuddy(self.decimal_combo)
        form.addRow(decimal_label, self.decimal_combo)
        for combo in (self.encoding_combo, self.delimiter_combo, self.decimal_combo,
                      self.sheet_combo):
            combo.activated.connect(self._reread)
        return box

    def _columns_box(self) -> QGroupBox:
        box = QGroupBox(_("Col&umns"), self)
        layout = QVBoxLayout(box)
        self.column_table = QTableWidget(0, 3, box)
        self.column_table.setObjectName("column_mapping")
        self.column_table.setHorizontalHeaderLabels([_("Column"), _("Examples"), _("Imported as")])
        self.column_table.verticalHeader().hide()
        self.column_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.column_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.column_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.column_table.setTabKeyNavigation(False)
        self.column_table.setWordWrap(False)
        header = self.column_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        box.setFocusProxy(self.column_table)
        self.column_table.setToolTip(_("Arrows choose a column; Space or Enter changes what it "
                                     "is imported as."))
        _OpenComboOnKey(self.column_table, 2)
        layout.addWidget(self.column_table)
        effort_row = QHBoxLayout()
        self.unit_combo = QComboBox(box)
        for unit, name in EFFORT_UNITS.items():
            self.unit_combo.addItem(_('Effort in {name}').format(name=_(name)), unit)
        self.unit_combo.activated.connect(self._unit_changed)
        self.points_spin = QDoubleSpinBox(box)
        self.points_spin.setRange(0.05, 100)
        self.points_spin.setDecimals(2)
        self.points_spin.setSingleStep(0.25)
        self.points_spin.setSuffix(" " + _("person-days"))
        self.points_spin.valueChanged.connect(self._points_changed)
        self.points_label = QLabel(_("1 story &point ="), box)
        self.points_label.setBuddy(self.points_spin)
        effort_row.addWidget(self.unit_combo)
        effort_row.addStretch(1)
        effort_row.addWidget(self.points_label)
        effort_row.addWidget(self.points_spin)
        layout.addLayout(effort_row)
        return box

    def _choices_box(self) -> QGroupBox:
        box = QGroupBox(_("Departments and phases"), self)
        form = QFormLayout(box)
        self.create_departments = QCheckBox(
            _("Create the &departments the plan does not have"), box
        )
        self.create_departments.setObjectName("create_departments")
        self.fallback_combo = QComboBox(box)
        self.fallback_combo.setObjectName("fallback_department")
        self.fallback_combo.addItem(_("Skip those rows"), _SKIP)
        for department in self.store.rows(Department):
            self.fallback_combo.addItem(department.name, department.id)
        self.create_phases = QCheckBox(_("Create the p&hases the plan does not have "
                                       "(otherwise such wishes go to the backlog)"), box)
        self.create_phases.setObjectName("create_phases")
        fallback_label = QLabel(_("&Wishes without a known department go to:"), box)
        fallback_label.setBuddy(self.fallback_combo)
        fallback_label.setToolTip(_("Wishes with an empty or unknown department"))
        # The names go in wrapped labels: in the check box's own text a long list would
        # widen the dialog's left side and squeeze the preview.
        self.department_names = QLabel(box)
        self.phase_names = QLabel(box)
        for names in (self.department_names, self.phase_names):
            names.setWordWrap(True)
            names.setIndent(22)
            names.setObjectName("unknown_names")
        form.addRow(self.create_departments)
        form.addRow(self.department_names)
        form.addRow(fallback_label, self.fallback_combo)
        form.addRow(self.create_phases)
        form.addRow(self.phase_names)
        self.create_departments.toggled.connect(self._schedule)
        self.create_phases.toggled.connect(self._schedule)
        self.fallback_combo.activated.connect(self._schedule)
        return box

    def _values_box(self) -> QGroupBox:
        box = QGroupBox(_("&Values the planner does not know"), self)
        layout = QVBoxLayout(box)
        self.value_table = QTableWidget(0, 3, box)
        self.value_table.setObjectName("value_mapping")
        self.value_table.setHorizontalHeaderLabels([_("Field"), _("Value in the file"), _("Means")])
        self.value_table.verticalHeader().hide()
        self.value_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.value_table.setTabKeyNavigation(False)
        self.value_table.horizontalHeader().setStretchLastSection(True)
        box.setFocusProxy(self.value_table)
        _OpenComboOnKey(self.value_table, 2)
        layout.addWidget(self.value_table)
        box.hide()
        return box

    # --- filling ----------------------------------------------------------------------------

    def _fill_from_table(self) -> None:
        self._filling = True
        try:
            table = self.table
            is_text = table.kind == "csv"
            self.text_row.setVisible(is_text and self.reread is not None)
            self.sheet_label.setVisible(not is_text and len(table.sheets) > 1)
            self.sheet_combo.setVisible(not is_text and len(table.sheets) > 1)
            self._select(self.encoding_combo, table.encoding)
            self._select(self.delimiter_combo, table.delimiter)
            self._select(self.decimal_combo, table.decimal)
            self.sheet_combo.clear()
            for name in table.sheets:
                self.sheet_combo.addItem(name, name)
            self._select(self.sheet_combo, table.sheet)
            self.column_table.setRowCount(len(table.headers))
            for index, name in enumerate(table.headers):
                item = QTableWidgetItem(name)
                item.setToolTip(name)
                self.column_table.setItem(index, 0, item)
                examples = [cell_text(v) for v in table.column_values(index, 6) if cell_text(v)]
                shown = " · ".join(e.replace("\n", " ")[:30] for e in examples[:3])
                example = QTableWidgetItem(shown)
                example.setToolTip("\n".join(examples))
                self.column_table.setItem(index, 1, example)
                combo = QComboBox(self.column_table)
                combo.setAccessibleName(_("Import column {name} as").format(name=name))
                combo.addItem(_("— ignore —"), headers.IGNORE)
                for field, text in headers.FIELDS.items():
                    combo.addItem(_(text), field)
                self._select(combo, self.mapping.fields[index])
                combo.activated.connect(lambda _i, c=index: self._column_changed(c))
                combo.activated.connect(lambda _i, c=combo: self._back_to_table(c))
                self.column_table.setCellWidget(index, 2, combo)
            self.column_table.resizeColumnsToContents()
            # Jira's 'Custom field (…)' names are long: the examples need the room more.
            self.column_table.setColumnWidth(0, min(self.column_table.columnWidth(0), 170))
            if table.headers:
                self.column_table.setCurrentCell(0, 0)
            self._select(self.unit_combo, self.mapping.effort_unit)
            self.points_spin.setValue(self.mapping.points_to_days)
            self._update_effort_row()
        finally:
            self._filling = False

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _update_effort_row(self) -> None:
        has_effort = self.mapping.column_for("effort") is not None
        self.unit_combo.setEnabled(has_effort)
        points = has_effort and self.mapping.effort_unit == "points"
        self.points_label.setVisible(points)
        self.points_spin.setVisible(points)

    # --- reacting ------------------------------------------------------------------------

    def _reread(self, *_unused: object) -> None:
        if self._filling or self.reread is None:
            return
        options = ReadOptions(
            encoding=self.encoding_combo.currentData(),
            delimiter=self.delimiter_combo.currentData(),
            decimal=self.decimal_combo.currentData(),
            sheet=self.sheet_combo.currentData() if self.table.kind != "csv" else None,
        )
        try:
            table = self.reread(options)
        except PlanError as exc:
            self._show_error(str(exc))
            return
        self.table = table
        self.mapping = default_mapping(self.store, table, self.points_spin.value())
        self._fill_from_table()
        self.refresh()

    def _column_changed(self, column: int) -> None:
        combo = self.column_table.cellWidget(column, 2)
        if not isinstance(combo, QComboBox):
            return
        from planner.exchange.mapping import unit_for_header

        self.mapping.assign(column, combo.currentData())
        if combo.currentData() == "effort":
            self.mapping.effort_unit = unit_for_header(self.table.headers[column])
        self._filling = True
        try:  # a single-column field moved here: the old column now shows "ignore"
            for row, field in enumerate(self.mapping.fields):
                other = self.column_table.cellWidget(row, 2)
                if isinstance(other, QComboBox) and other.currentData() != field:
                    self._select(other, field)
            self._select(self.unit_combo, self.mapping.effort_unit)
            self._update_effort_row()
        finally:
            self._filling = False
        self._schedule()

    def _back_to_table(self, _combo: QComboBox) -> None:
        """After a choice made with the keyboard, the arrows move between rows again (a
        closed combo would otherwise take them and step through every field, moving
        fields away from other columns as it goes)."""
        # On the next turn: a closing popup gives the focus back to its combo first.
        QTimer.singleShot(0, self, self._focus_table)

    def _focus_table(self) -> None:
        focus = self.focusWidget()
        if isinstance(focus, QComboBox) and self.column_table.isAncestorOf(focus):
            # Column 0, not the combo's: a view gives the focus to the widget in its current
            # cell when the current cell moves, and the arrows would change the next combo.
            row = max(self.column_table.currentRow(), 0)
            for index in range(self.column_table.rowCount()):
                if self.column_table.cellWidget(index, 2) is focus:
                    row = index
            self.column_table.setCurrentCell(row, 0)
            self.column_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unit_changed(self, *_unused: object) -> None:
        self.mapping.effort_unit = self.unit_combo.currentData()
        self._update_effort_row()
        self._schedule()

    def _points_changed(self, value: float) -> None:
        if not self._filling:
            self.mapping.points_to_days = value
            self._schedule()

    def _value_changed(self, field: str, raw: str, combo: QComboBox) -> None:
        target = combo.currentData()
        values = self.mapping.value_maps.setdefault(field, {})
        if target:
            values[headers.normalise(raw)] = target
        else:
            values.pop(headers.normalise(raw), None)
        self._schedule()

    def _schedule(self, *_unused: object) -> None:
        if not self._filling:
            self._timer.start()

    def choices(self) -> ImportChoices:
        fallback = self.fallback_combo.currentData()
        return ImportChoices(
            create_departments=self.create_departments.isChecked(),
            fallback_department=None if fallback in (None, _SKIP) else fallback,
            create_phases=self.create_phases.isChecked(),
        )

    def refresh(self, progress: Progress | None = None) -> None:
        """Rebuild the preview from the current mapping and choices."""
        self._timer.stop()
        try:
            self.preview = build_preview(
                self.store, self.table, self.mapping, self.choices(), progress
            )
        except ImportCancelled:
            raise
        except PlanError as exc:
            self._show_error(str(exc))
            return
        self.error = ""
        preview = self.preview
        self.source_label.setText(
            f"<b>{_escape(self.table.name)}</b> — {_escape(self.table.describe())}"
            + (_(" · recognised as a Jira export") if _is_jira(self.table) else "")
        )
        self.wish_model.set_wishes(preview.wishes)
        self.wish_view.resizeColumnsToContents()
        for column, widest in ((1, 220), (2, 120), (3, 130), (7, 200)):
            self.wish_view.setColumnWidth(column, min(self.wish_view.columnWidth(column), widest))
        self.problem_view.setRowCount(len(preview.problems))
        for row, problem in enumerate(preview.problems):
            for column, text in enumerate((str(problem.row), problem.column, problem.message)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(problem))
                self.problem_view.setItem(row, column, item)
        self.problem_view.resizeColumnToContents(0)
        self.problem_view.resizeColumnToContents(1)
        skipped = len({p.row for p in preview.problems})
        shown = min(len(preview.wishes), PREVIEW_ROWS)
        more = _(', first {shown} shown').format(shown=shown) if shown < len(preview.wishes) else ""
        self.tabs.setTabText(
            0, _("Will &be imported ({count}{more})").format(count=len(preview.wishes), more=more)
        )
        self.tabs.setTabText(1, _('Will &not be imported ({skipped})').format(skipped=skipped))
        if not preview.wishes and skipped:
            self.tabs.setCurrentIndex(1)  # nothing to show but the reasons
        elif preview.wishes and not skipped:
            self.tabs.setCurrentIndex(0)
        self.summary_label.setText(_summary(preview))
        self._fill_unknown_lists(preview)
        self._fill_values(preview)
        notices = list(preview.notices)
        self.notice_label.setText("\n".join(notices))
        self.notice_label.setVisible(bool(notices))
        count = len(preview.wishes)
        self.import_button.setText(
            ngettext("&Import {count} wish", "&Import {count} wishes", count).format(count=count)
        )
        self.import_button.setEnabled(count > 0)

    def _fill_unknown_lists(self, preview: Preview) -> None:
        unknown = sorted(preview.unknown_departments)
        self.create_departments.setEnabled(bool(unknown))
        self.create_departments.setText(
            _("Create the &departments the plan does not have")
            + (f" ({len(unknown)})" if unknown else _(" (there are none)"))
        )
        self.department_names.setText(_escape(_names(unknown)))
        self.department_names.setVisible(bool(unknown))
        phases = sorted(preview.unknown_phases)
        self.create_phases.setEnabled(bool(phases))
        self.create_phases.setText(
            _("Create the p&hases the plan does not have")
            + (f" ({len(phases)})" if phases else _(" (there are none)"))
        )
        self.phase_names.setText(_escape(_names(phases)))
        self.phase_names.setVisible(bool(phases))

    def _fill_values(self, preview: Preview) -> None:
        pairs = [("department", raw, n) for raw, n in sorted(preview.unknown_departments.items())]
        pairs += [(f, raw, n) for f, counter in preview.unknown_values.items()
                  for raw, n in sorted(counter.items())]
        self.values_box.setVisible(bool(pairs))
        if pairs == self._value_pairs:
            return  # unchanged: keep the combos (and the keyboard focus in them)
        self._value_pairs = pairs
        self.value_table.setRowCount(len(pairs))
        for row, (field, raw, count) in enumerate(pairs):
            self.value_table.setItem(row, 0, QTableWidgetItem(_(headers.FIELDS[field])))
            rows = ngettext("{n} row", "{n} rows", count).format(n=count)
            self.value_table.setItem(row, 1, QTableWidgetItem(f"{raw} ({rows})"))
            combo = QComboBox(self.value_table)
            combo.setAccessibleName(
                _("{field} value {value} means").format(field=_(headers.FIELDS[field]), value=raw)
            )
            if field == "department":
                combo.addItem(_("— as set above —"), "")
                for department in self.store.rows(Department):
                    combo.addItem(department.name, department.name)
            else:
                combo.addItem(_("— skip those rows —"), "")
                members = Priority if field == "priority" else DemandKind
                for member in members:
                    combo.addItem(label(member), member.value)
            self._select(combo, self.mapping.value_maps.get(field, {}).get(
                headers.normalise(raw), ""))
            combo.activated.connect(
                lambda _i, f=field, r=raw, c=combo: self._value_changed(f, r, c)
            )
            self.value_table.setCellWidget(row, 2, combo)
        self.value_table.resizeColumnsToContents()
        frame = 2 * self.value_table.frameWidth()
        height = self.value_table.horizontalHeader().height() + frame + sum(
            self.value_table.rowHeight(r) for r in range(min(len(pairs), 4)))
        self.value_table.setFixedHeight(height)

    def _show_error(self, message: str) -> None:
        self.error = message
        self.preview = None
        self.wish_model.set_wishes([])
        self.problem_view.setRowCount(0)
        self.notice_label.setText(message)
        self.notice_label.setVisible(True)
        self.import_button.setText(_("&Import"))
        self.import_button.setEnabled(False)


def _summary(preview: Preview) -> str:
    skipped = len({p.row for p in preview.problems})
    text = ngettext(
        "<b>{count}</b> wish will be imported", "<b>{count}</b> wishes will be imported",
        len(preview.wishes),
    ).format(count=len(preview.wishes))
    if skipped:
        text += ngettext(
            ", <b>{skipped}</b> row will not (see why below)",
            ", <b>{skipped}</b> rows will not (see why below)",
            skipped,
        ).format(skipped=skipped)
    extra = []
    if preview.new_departments:
        extra.append(
            _("new departments: {names}").format(names=_escape(_names(preview.new_departments)))
        )
    if preview.new_phases:
        extra.append(_("new phases: {names}").format(names=_escape(_names(preview.new_phases))))
    return text + (f"; {'; '.join(extra)}" if extra else "") + "."


def _names(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(n if len(n) <= 40 else n[:39] + "…" for n in names[:limit])
    return shown + (
        ngettext(" and {value} more", " and {value} more", len(names) - limit).format(
            value=len(names) - limit
        )
        if len(names) > limit
        else ""
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_jira(table: Table) -> bool:
    from planner.exchange.jira import is_jira

    return is_jira(table)
