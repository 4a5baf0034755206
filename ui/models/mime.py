"""Wishes on the clipboard and in drags: their ids as JSON under one MIME type, the same the
workshop mode uses, so wishes drag between all views."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData

DEMAND_IDS = "application/x-rollout-demand-ids"


def encode(ids: list[int]) -> QMimeData:
    data = QMimeData()
    data.setData(DEMAND_IDS, QByteArray(json.dumps([int(i) for i in ids]).encode()))
    return data


def decode(data: QMimeData | None) -> list[int]:
    """The wish ids in `data`, or [] for anything else (also for malformed data from another
    program: a drop must never crash the app)."""
    if data is None or not data.hasFormat(DEMAND_IDS):
        return []
    try:
        ids = json.loads(bytes(data.data(DEMAND_IDS).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(ids, list):
        return []
    return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
