"""Commands: every edit of a plan is one, and every one can be undone.

A command's `perform` holds its domain logic and runs once, through a `Recorder`; what it
changed is kept as plain row changes. Undo and redo replay those changes (planner/changes.py),
so no command needs an undo method of its own and a redo restores the very same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.changes import Recorder, RowChange, compress, invert
from planner.errors import CommandError
from planner.i18n import _

if TYPE_CHECKING:
    from planner.store import PlanStore


class Command:
    """Subclasses set `label` and implement `perform`. `merge_key`: commands with the same
    non-None key, pushed one after another, may merge into one undo step (dragging a bar)."""

    label: str = "Edit"
    merge_key: object = None

    def __init__(self) -> None:
        self.changes: list[RowChange] | None = None

    def perform(self, rec: Recorder) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    # Called by UndoHistory and by the UI's QUndoCommand wrapper.
    def do(self, store: PlanStore) -> None:
        if self.changes is None:
            self.changes = store.execute(self.perform)
        else:
            # Translators: a step redone, as the change log names it: "Redo Move phase".
            store.apply(self.changes, label=_("Redo {label}").format(label=self.label))

    def undo(self, store: PlanStore) -> None:
        if self.changes is None:
            raise CommandError(
                _(
                    "'{label}' has not been done, so it cannot be undone."
                ).format(label=self.label)
            )
        store.apply(invert(self.changes), label=_("Undo {label}").format(label=self.label))

    @property
    def changed_anything(self) -> bool:
        return bool(self.changes)

    def absorb(self, later: Command) -> bool:
        """Fold an already-done `later` command into this one; True if it did."""
        if self.merge_key is None or later.merge_key != self.merge_key:
            return False
        self.changes = compress([*(self.changes or []), *(later.changes or [])])
        return True


class Macro(Command):
    """Several commands as one user action (one undo step)."""

    def __init__(self, label: str, commands: Sequence[Command]) -> None:
        super().__init__()
        self.label = label
        self.commands = list(commands)

    def perform(self, rec: Recorder) -> None:
        for command in self.commands:
            command.perform(rec)
