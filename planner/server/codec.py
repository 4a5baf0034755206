"""Row changes to and from the JSON held in the change log.

Values are plain JSON (dates as ISO text, enums as their values) and are turned back into
the column's Python type on the way in, so a change read from the log is equal to the one
the editing client recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from enum import Enum
from typing import Any

from sqlalchemy import Date, DateTime
from sqlalchemy import Enum as SqlEnum

from planner.changes import RowChange
from planner.model import MODEL_BY_TABLE, Base


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def encode(changes: Sequence[RowChange]) -> str:
    return json.dumps(
        [
            {
                "t": c.model.__tablename__,
                "id": c.row_id,
                "b": None if c.before is None else {k: _plain(v) for k, v in c.before.items()},
                "a": None if c.after is None else {k: _plain(v) for k, v in c.after.items()},
            }
            for c in changes
        ],
        separators=(",", ":"),
    )


def _typed(model: type[Base], values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    columns = model.__table__.c
    out: dict[str, Any] = {}
    for key, value in values.items():
        kind = columns[key].type
        if value is None:
            out[key] = None
        elif isinstance(kind, DateTime):
            out[key] = dt.datetime.fromisoformat(value)
        elif isinstance(kind, Date):
            out[key] = dt.date.fromisoformat(value)
        elif isinstance(kind, SqlEnum) and kind.enum_class is not None:
            out[key] = kind.enum_class(value)
        else:
            out[key] = value
    return out


def decode(text: str) -> list[RowChange]:
    out: list[RowChange] = []
    for item in json.loads(text):
        model = MODEL_BY_TABLE[item["t"]]
        out.append(RowChange(model, int(item["id"]), _typed(model, item["b"]),
                             _typed(model, item["a"])))
    return out


def touched(changes: Sequence[RowChange]) -> set[tuple[str, int]]:
    return {(c.model.__tablename__, c.row_id) for c in changes}
