"""The plan as an Excel workbook: one sheet each for wishes, phases, departments (with their
weekly load), milestones, objectives and warnings.

Dates are dates and numbers numbers (so filters and sums work), each sheet has its header
row frozen, an autofilter and column widths that fit the content; a department's week is
shaded red where its load exceeds its capacity. Text cells never become formulas
(planner/exchange/cell_safety.py). openpyxl's write-only mode streams rows, so a 10 000-wish
plan does not build a cell object graph in memory.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from planner.exchange.cell_safety import clean_text, is_risky
from planner.exchange.csv_export import write_atomically
from planner.exchange.tables import TABLE_NAMES, Kind, Table, Value, build_tables
from planner.store import PlanStore

MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 6, 70, 60
FORMATS = {
    Kind.DATE: "yyyy-mm-dd",
    Kind.NUMBER: "General",  # 3, 2.5 and 0.125 as typed
    Kind.INTEGER: "0",
    Kind.LOAD: "0.0",
}


class _Styles:
    """Named styles, made once per workbook (openpyxl shares them between cells)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill

        self.header = NamedStyle(name="rp_header")
        self.header.font = Font(bold=True, color="FFFFFF")
        self.header.fill = PatternFill("solid", fgColor="305496")
        self.header.alignment = Alignment(vertical="center")
        self.by_kind = {}
        for kind, fmt in FORMATS.items():
            style = NamedStyle(
                name=f"rp_{kind.value}", number_format=fmt, alignment=Alignment(vertical="top")
            )
            self.by_kind[kind] = style
        self.wrap = NamedStyle(name="rp_wrap", alignment=Alignment(wrap_text=True, vertical="top"))
        self.text = NamedStyle(name="rp_text", alignment=Alignment(vertical="top"))
        # A text cell that looks like a formula: stored as a string with Excel's quote prefix.
        self.quoted = NamedStyle(name="rp_quoted", alignment=Alignment(vertical="top"))
        self.over = NamedStyle(
            name="rp_over",
            number_format=FORMATS[Kind.LOAD],
            fill=PatternFill("solid", fgColor="F8CBAD"),
            font=Font(bold=True, color="9C0006"),
        )


def _width(value: Value, kind: Kind) -> int:
    if value is None:
        return 0
    if kind == Kind.DATE:
        return 10
    if isinstance(value, float):
        return len(f"{value:.1f}")
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _lines(value: Value, width: float) -> int:
    """Lines a wrapped text cell needs in a column `width` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    chars = max(1, int(width) - 1)
    return sum(max(1, -(-len(line) // chars)) for line in value.splitlines())


def _needs_cell(text: str) -> bool:
    """Text that must be written through `_text_cell`: risky, or in need of cleaning."""
    return is_risky(text) or clean_text(text) != text


def _text_cell(ws, text: str, style):  # noqa: ANN001, ANN202 - openpyxl types
    from openpyxl.cell import WriteOnlyCell

    risky = is_risky(text)
    text = clean_text(text)
    cell = WriteOnlyCell(ws, value=text)
    if risky or is_risky(text):
        # openpyxl would store "=…" as a formula; force the string type and quote-prefix it.
        cell.data_type = "s"
        cell.style = "rp_quoted"
        cell.quotePrefix = True
    elif style is not None:
        cell.style = style
    return cell


def _write_sheet(wb, table: Table, styles: _Styles) -> None:  # noqa: ANN001
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title=table.title)
    columns = table.columns
    widths = [max(MIN_WIDTH, len(c.header) + 2) for c in columns]
    for row in table.rows:
        for i, (column, value) in enumerate(zip(columns, row, strict=True)):
            widths[i] = max(widths[i], _width(value, column.kind) + 2)
    final_widths = []
    for i, column in enumerate(columns):
        cap = WRAP_WIDTH if column.wrap else MAX_WIDTH
        width = 11 if column.kind == Kind.LOAD else min(widths[i], cap)
        ws.column_dimensions[get_column_letter(i + 1)].width = width
        final_widths.append(width)
    # Printed: landscape, one page wide, the header row on every page.
    ws.page_setup.orientation = "landscape"
    if not any(c.kind == Kind.LOAD for c in columns):  # a year of weeks can't fit a page
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    # Write-only sheets take these before the first row.
    ws.freeze_panes = "C2" if table.name in ("wishes", "departments") else "B2"
    if table.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(table.rows) + 1}"
    # Rows with wrapped text get their height (write-only rows are not measured by every
    # spreadsheet on opening, and wrapped lines would overlap the next row).
    wrapped = [(i, final_widths[i]) for i, c in enumerate(columns) if c.wrap]
    tall: set[int] = set()  # rows whose wrapped text needs more than one line
    if wrapped:
        for r, row in enumerate(table.rows):
            lines = max(_lines(row[i], width) for i, width in wrapped)
            if lines > 1:
                ws.row_dimensions[r + 2].height = min(409, 15 * lines)
                tall.add(r)
    ws.append([_text_cell(ws, c.header, "rp_header") for c in columns])
    # Plain values where no style is needed: openpyxl's per-cell styling is most of its
    # cost on a 10 000-wish plan. Only the cells of tall rows are aligned to the top.
    for r, row in enumerate(table.rows):
        top = "rp_text" if r in tall else None
        capacity = table.capacity[r] if table.capacity else None
        cells: list = []
        for column, value in zip(columns, row, strict=True):
            if value is None or value == "":
                cells.append(None)
            elif isinstance(value, str):
                style = ("rp_wrap" if r in tall else None) if column.wrap else top
                if style is None and not _needs_cell(value):
                    cells.append(value)
                else:
                    cells.append(_text_cell(ws, value, style))
            elif column.kind in (Kind.INTEGER, Kind.NUMBER) and top is None:
                cells.append(value)  # "General" shows 3, 2.5 and 0.125 as they are
            else:
                cell = WriteOnlyCell(ws, value=value)
                over = column.kind == Kind.LOAD and capacity is not None and value > capacity + 1e-9
                cell.style = "rp_over" if over else f"rp_{column.kind.value}"
                cells.append(cell)
        ws.append(cells)


def workbook_bytes(store: PlanStore, tables: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    styles = _Styles()
    for style in (
        styles.header,
        styles.wrap,
        styles.text,
        styles.quoted,
        styles.over,
        *styles.by_kind.values(),
    ):
        wb.add_named_style(style)
    plan = store.plan
    wb.properties.title = clean_text(plan.title)
    wb.properties.creator = "Rollout Planner"
    # A fixed timestamp would hide when the export was made; openpyxl wants naive UTC.
    wb.properties.created = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    for table in build_tables(store, tables or list(TABLE_NAMES)):
        _write_sheet(wb, table, styles)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_xlsx(store: PlanStore, out: Path, tables: list[str] | None = None) -> int:
    """Write the workbook to `out` (atomically); returns the number of sheets."""
    payload = workbook_bytes(store, tables)
    write_atomically(out, payload)
    return len(tables or TABLE_NAMES)
