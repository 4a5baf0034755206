"""Every edit of a plan, as a reversible command. See base.py for how undo works."""

from planner.commands.base import Command, Macro
from planner.commands.entities import CreateRow, DeleteRow, DeleteRows, UpdateRow
from planner.commands.history import UndoHistory
from planner.commands.scheduling import (
    MergePhases,
    MoveDemands,
    ReorderPhase,
    SetPhaseDates,
    ShiftPhase,
    SplitPhase,
    Vote,
)

__all__ = [
    "Command",
    "CreateRow",
    "DeleteRow",
    "DeleteRows",
    "Macro",
    "MergePhases",
    "MoveDemands",
    "ReorderPhase",
    "SetPhaseDates",
    "ShiftPhase",
    "SplitPhase",
    "UndoHistory",
    "UpdateRow",
    "Vote",
]
