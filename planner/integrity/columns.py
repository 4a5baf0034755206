"""What each column may hold, read off the SQLAlchemy model: its kind, whether it may be
empty, its declared length, its enum values, its default and the table its foreign key points
at. Tables and columns other modules add to the model are covered without being listed here;
`planner/integrity/rules.py` adds only what the model cannot say (ranges, formats)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Table
from sqlalchemy.dialects import sqlite

from planner.model import MODELS, Base

_DIALECT = sqlite.dialect()


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # int, float, bool, text, enum, date, datetime, other
    nullable: bool
    length: int | None
    enums: tuple[str, ...]
    default: Any
    references: str | None  # the table a foreign key points at

    def parse_date(self, value: str) -> dt.date | None:
        """The value as the ORM would load it, or None if the ORM could not."""
        try:
            parsed = _processor(self.kind)(value)
        except (ValueError, TypeError, OverflowError):
            return None
        return parsed


@cache
def _processor(kind: str) -> Any:
    # The very conversion the ORM applies on load: what it accepts here, it accepts there.
    column_type = (Date() if kind == "date" else DateTime()).dialect_impl(_DIALECT)
    return column_type.result_processor(_DIALECT, None)


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    display: str | None  # the column a person calls the record by (title, name, …)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _kind(column_type: Any) -> str:
    # Order matters: Enum is a String, DateTime is not a Date.
    if isinstance(column_type, Enum):
        return "enum"
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, DateTime):
        return "datetime"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, Float):
        return "float"
    if isinstance(column_type, Integer):
        return "int"
    if isinstance(column_type, String):  # Text is a String without a length
        return "text"
    return "other"


def _default(column: Any) -> Any:
    default = column.default
    if default is None or not default.is_scalar:
        return None
    value = default.arg
    if isinstance(value, bool):
        return int(value)
    return getattr(value, "value", value)  # enum member -> stored string


def _table_spec(table: Table, display: str | None) -> TableSpec:
    columns = []
    for column in table.columns:
        foreign = next(iter(column.foreign_keys), None)
        columns.append(
            ColumnSpec(
                name=column.name,
                kind=_kind(column.type),
                nullable=bool(column.nullable),
                length=getattr(column.type, "length", None),
                enums=tuple(getattr(column.type, "enums", ()) or ()),
                default=_default(column),
                references=foreign.column.table.name if foreign is not None else None,
            )
        )
    # id first: every message and repair addresses a row by it.
    columns.sort(key=lambda c: c.name != "id")
    names = {c.name for c in columns}
    return TableSpec(table.name, tuple(columns), display if display in names else None)


@cache
def table_specs() -> tuple[TableSpec, ...]:
    """Every table of the model, parents before children (foreign-key order)."""
    display = {m.__tablename__: m.display_attr for m in MODELS}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        display.setdefault(cls.__tablename__, getattr(cls, "display_attr", "title"))
    return tuple(
        _table_spec(table, display.get(table.name)) for table in Base.metadata.sorted_tables
    )
