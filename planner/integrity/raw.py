"""Every row of a plan as SQLite stores it: no ORM, no type processing.

The ORM turns stored text into dates and enum members as it loads, and that is exactly where
a bad value becomes a traceback (ValueError, LookupError, UnicodeDecodeError). So the rows
are read first, raw, and checked (planner/integrity/check.py) before the ORM sees them.
A raw plan is a plain mapping, table name -> (column names, rows as tuples), so the same
check can run over rows from any backend.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planner.integrity.problems import Undecodable


@dataclass(frozen=True)
class RawTable:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    # Columns the model declares that the file's table lacks (a tool rebuilt it).
    missing: tuple[str, ...] = ()


RawPlan = dict[str, RawTable]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def file_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    old = conn.text_factory
    conn.text_factory = _tolerant  # a damaged schema may name a column in broken UTF-8
    try:
        return {r[1] for r in conn.execute(f"PRAGMA table_info({_quote(table)})")}
    finally:
        conn.text_factory = old


def _tolerant(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def read_raw(conn: sqlite3.Connection, tables: Iterable[tuple[str, list[str]]]) -> RawPlan:
    """Read every (table, columns) pair. Tables absent from the file are left out; the
    store's own check names them."""
    raw: RawPlan = {}
    for table, wanted in tables:
        present = file_columns(conn, table)
        if not present:
            continue
        columns = tuple(c for c in wanted if c in present)
        missing = tuple(c for c in wanted if c not in present)
        select = f"SELECT {', '.join(map(_quote, columns))} FROM {_quote(table)}"
        try:
            rows = conn.execute(select).fetchall()
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc).lower():
                raise
            rows = _read_undecodable(conn, table, columns)
        raw[table] = RawTable(columns, rows, missing)
    return raw


def _read_undecodable(
    conn: sqlite3.Connection, table: str, columns: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """The slow path for a table holding text that is not UTF-8: read bytes with each value's
    storage class, so a BLOB stays a BLOB and only broken text is marked `Undecodable`."""
    parts = ", ".join(f"{_quote(c)}, typeof({_quote(c)})" for c in columns)
    old = conn.text_factory
    conn.text_factory = bytes
    try:
        rows = conn.execute(f"SELECT {parts} FROM {_quote(table)}").fetchall()
    finally:
        conn.text_factory = old
    out = []
    for row in rows:
        values = []
        for value, kind in zip(row[::2], row[1::2], strict=True):
            if kind == b"text":
                try:
                    value = value.decode("utf-8")
                except UnicodeDecodeError:
                    value = Undecodable(value)
            values.append(value)
        out.append(tuple(values))
    return out
