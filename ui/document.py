"""One open plan as the UI sees it: the store, its QUndoStack, and signals views observe.

Views never change the plan themselves; they call `push(command)`. The command runs first,
outside Qt (so a planner error reaches the caller as an exception, not a message printed by
a Qt virtual), and is then put on the QUndoStack already done.
"""

from __future__ import annotations

import weakref
import zlib
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.changes import RowChange
from planner.commands import Command
from planner.i18n import _
from planner.live_index import live_index
from planner.queries import PlanIndex
from planner.store import PlanStore
from ui.guard import guarded


class _QtCommand(QUndoCommand):
    """A planner command on the QUndoStack. It holds its document weakly: the stack (a child
    of the document) owns the commands, and a strong reference back would make every
    document a reference cycle through Qt objects, left to Python's cyclic collector to
    break at a moment no one chose instead of being deleted by Qt with its window."""

    def __init__(self, document: PlanDocument, command: Command) -> None:
        super().__init__(command.label)
        self._document = weakref.ref(document)
        self.command = command
        self._skip_first_redo = True

    @property
    def document(self) -> PlanDocument:
        document = self._document()
        if document is None:  # pragma: no cover - the stack goes with its document
            raise RuntimeError(_("the plan of this undo step is closed"))
        return document

    @guarded()
    def redo(self) -> None:
        if self._skip_first_redo:  # done already by PlanDocument.push (or a refused undo)
            self._skip_first_redo = False
            return
        if not self.document.run_guarded(lambda: self.command.do(self.document.store)):
            self._skip_next_undo = True
            self.document.step_back_later(-1)

    @guarded()
    def undo(self) -> None:
        if getattr(self, "_skip_next_undo", False):
            self._skip_next_undo = False
            return
        if not self.document.run_guarded(lambda: self.command.undo(self.document.store)):
            # Refused (e.g. on a server someone else changed the rows since): the plan is as
            # it was, so the stack must be too, or a later redo would replay a done edit.
            self._skip_first_redo = True
            self.document.step_back_later(+1)

    @guarded()
    def id(self) -> int:  # noqa: A003 - Qt's name
        key = self.command.merge_key
        # QUndoStack merges commands with equal non-negative ids; -1 means "never merge".
        return -1 if key is None else zlib.crc32(repr(key).encode()) & 0x7FFFFFFF

    @guarded()
    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _QtCommand) or not self.command.absorb(other.command):
            return False
        self.setText(self.command.label)
        if not self.command.changed_anything:
            self.setObsolete(True)  # a drag that came back to where it started
        return True


class PlanDocument(QObject):
    """Signals:
    - `changed(changes)`: after every committed edit, undo and redo (list of RowChange).
    - `selection_changed(kind, ids)`: a view selected records; kind is a table name
      ("phase", "demand", "department", …); other views follow.
    - `error(message)`: an undo/redo failed (e.g. the file became unwritable).
    - `file_changed(path)`: the plan now lives in another file (after Save As).
    """

    changed = Signal(list)
    selection_changed = Signal(str, list)
    error = Signal(str)
    file_changed = Signal(str)

    def __init__(self, store: PlanStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self._selection: tuple[str, list[int]] = ("", [])
        self._warnings = None
        self._closed = False
        store.subscribe(self._on_store_changed)

    # --- editing ---------------------------------------------------------------------------

    def push(self, command: Command) -> bool:
        """Do `command` and put it on the undo stack. Raises the planner's error (and changes
        nothing) when it cannot apply. False when it changed nothing."""
        command.do(self.store)
        if not command.changed_anything:
            return False
        self.undo_stack.push(_QtCommand(self, command))
        return True

    def run_guarded(self, action) -> bool:  # noqa: ANN001
        try:
            action()
        except Exception as exc:  # shown to the user; the store has rolled back
            self.error.emit(str(exc))
            return False
        return True

    def step_back_later(self, step: int) -> None:
        """Move the undo stack's index by `step` once the current undo/redo has returned
        (QUndoStack cannot be changed from inside one); the command skips that one call."""
        from PySide6.QtCore import QTimer

        stack = self.undo_stack
        QTimer.singleShot(0, stack, lambda: stack.setIndex(stack.index() + step))

    # --- reading ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def warnings(self):  # noqa: ANN201 - ui.warnings_source.WarningsSource, imported lazily
        """The plan's warnings, kept current after every edit (one per document, shared by
        the warnings panel, the outline, the tables and any other view)."""
        if self._warnings is None:
            from ui.warnings_source import WarningsSource

            self._warnings = WarningsSource(self)
        return self._warnings

    @property
    def index(self) -> PlanIndex:
        """Lookups over the plan: the store's one live index (planner/live_index.py), the
        same object the warnings engine reads, patched with each change — local or from
        another client of a server plan — before `changed` is emitted."""
        return live_index(self.store).index

    def _on_store_changed(self, changes: Sequence[RowChange]) -> None:
        self.changed.emit(list(changes))

    # --- selection -------------------------------------------------------------------------

    def select(self, kind: str, ids: Sequence[int]) -> None:
        selection = (kind, list(ids))
        if selection != self._selection:
            self._selection = selection
            self.selection_changed.emit(kind, list(ids))

    @property
    def selection(self) -> tuple[str, list[int]]:
        return self._selection

    def close(self) -> None:
        """Stop following the plan and close it; a second call does nothing. (A view that
        still holds the document finds an empty undo stack and a closed store.)"""
        if self._closed:
            return
        self._closed = True
        if self._warnings is not None:
            self._warnings.close()
        self.store.unsubscribe(self._on_store_changed)
        self.undo_stack.clear()
        self.store.close()

    @property
    def closed(self) -> bool:
        return self._closed
