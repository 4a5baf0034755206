"""A plan as plain data: every table's rows as JSON-ready dicts. Used for comparing plans in
tests and for `rollout-planner info --json`."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from planner.model import MODELS
from planner.store import PlanStore


def plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def dump(store: PlanStore) -> dict[str, list[dict[str, Any]]]:
    return {
        model.__tablename__: [
            {key: plain(value) for key, value in row.to_dict().items()} for row in store.rows(model)
        ]
        for model in MODELS
    }
