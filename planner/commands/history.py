"""A plain-Python undo history. The desktop UI uses QUndoStack instead, wrapping the same
commands; tests and scripts use this."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.commands.base import Command
from planner.errors import CommandError
from planner.i18n import _

if TYPE_CHECKING:
    from planner.store import PlanStore


class UndoHistory:
    def __init__(self, store: PlanStore) -> None:
        self.store = store
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> bool:
        """Do `command`; keep it for undo if it changed anything. Errors propagate and leave
        the plan and the history as they were."""
        command.do(self.store)
        if not command.changed_anything:
            return False
        self._undone.clear()
        if self._done and self._done[-1].absorb(command):
            return True
        self._done.append(command)
        return True

    def undo(self) -> Command:
        if not self._done:
            raise CommandError(_("There is nothing to undo."))
        command = self._done[-1]
        command.undo(self.store)
        self._undone.append(self._done.pop())
        return command

    def redo(self) -> Command:
        if not self._undone:
            raise CommandError(_("There is nothing to redo."))
        command = self._undone[-1]
        command.do(self.store)
        self._done.append(self._undone.pop())
        return command

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def labels(self) -> list[str]:
        return [c.label for c in self._done]

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
