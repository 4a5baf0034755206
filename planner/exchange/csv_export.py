"""Any table of the plan as CSV or TSV, for people who open it in Excel or LibreOffice.

UTF-8 with a byte-order mark (without it Excel reads æøåäö as Windows-1252 garbage), ISO
dates, a point as the decimal separator, and every text cell made safe against formula
injection (planner/exchange/cell_safety.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from planner.exchange.cell_safety import csv_text
from planner.exchange.errors import ExchangeError
from planner.exchange.tables import Table, Value, build_tables
from planner.i18n import _
from planner.store import PlanStore


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # 2.0 -> "2", 2.5 -> "2.5": what a person would type, and what any importer reads.
        return f"{value:.6g}" if value != int(value) else str(int(value))
    if isinstance(value, int):
        return str(value)
    return csv_text(str(value))


def table_text(table: Table, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([csv_text(c.header) for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def delimiter_for(path: Path, tab: bool | None = None) -> str:
    """Tab for .tsv/.tab/.txt (or when asked), else comma."""
    if tab is None:
        tab = path.suffix.lower() in (".tsv", ".tab", ".txt")
    return "\t" if tab else ","


def export_csv(
    store: PlanStore, out: Path, table: str = "wishes", *, tab: bool | None = None
) -> int:
    """Write one table to `out`; returns the number of data rows. The file is written beside
    the target and renamed into place, so a failure never leaves half a file."""
    (data,) = build_tables(store, [table])
    text = table_text(data, delimiter_for(out, tab))
    write_atomically(out, ("\ufeff" + text).encode("utf-8"))
    return len(data.rows)


def write_atomically(out: Path, payload: bytes) -> None:
    tmp = out.with_name(f".{out.name}.writing")
    try:
        tmp.write_bytes(payload)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExchangeError(
            _("Cannot write {name}: {reason}.").format(name=out.name, reason=exc.strerror or exc)
        ) from exc
