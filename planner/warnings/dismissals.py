"""Dismissing a warning: the user says, with a reason, that a warning for one subject is
known and accepted. The dismissal is stored in the plan; the warning is still reported,
marked dismissed with the reason, so nothing disappears without a trace."""

from __future__ import annotations

import datetime as dt

from planner.changes import Recorder
from planner.commands import Command
from planner.commands.entities import change_row, new_row
from planner.errors import CommandError, ValidationError
from planner.i18n import _
from planner.model import Dismissal
from planner.warnings.types import Subject, Warning


def _find(rec: Recorder, code: str, subject: Subject) -> Dismissal | None:
    for row in rec.store.rows(Dismissal):
        if (row.code, row.subject_kind, row.subject_id, row.week) == (
            code,
            subject.kind,
            subject.id,
            subject.week,
        ):
            return row
    return None


class Dismiss(Command):
    """Dismiss `code` for `subject` with a reason; dismissing again changes the reason."""

    def __init__(self, code: str, subject: Subject, reason: str, at: dt.datetime | None = None):
        super().__init__()
        self.code = code
        self.subject = subject
        self.reason = reason
        self.at = at
        self.label = _("Dismiss warning '{code}'").format(code=code)

    @classmethod
    def warning(cls, warning: Warning, reason: str) -> Dismiss:
        return cls(warning.code, warning.subject, reason)

    def perform(self, rec: Recorder) -> None:
        reason = (self.reason or "").strip()
        if not reason:
            raise ValidationError(
                _("Say why the warning can be dismissed, so the next reader knows."), "reason"
            )
        existing = _find(rec, self.code, self.subject)
        if existing is not None:
            change_row(rec, existing, {"reason": reason})
            return
        new_row(
            rec,
            Dismissal,
            {
                "code": self.code,
                "subject_kind": self.subject.kind,
                "subject_id": self.subject.id,
                "week": self.subject.week,
                "reason": reason,
                "created_at": self.at or dt.datetime.now().replace(microsecond=0),
            },
        )


class Undismiss(Command):
    """Bring a dismissed warning back."""

    def __init__(self, code: str, subject: Subject) -> None:
        super().__init__()
        self.code = code
        self.subject = subject
        self.label = _("Restore warning '{code}'").format(code=code)

    def perform(self, rec: Recorder) -> None:
        existing = _find(rec, self.code, self.subject)
        if existing is None:
            raise CommandError(
                _("The warning '{code}' is not dismissed for that subject.").format(code=self.code)
            )
        rec.delete(existing)
