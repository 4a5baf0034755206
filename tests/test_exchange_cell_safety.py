"""Formula injection (OWASP): titles from workshops and Jira must stay text in Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from planner.commands.entities import CreateRow
from planner.exchange.cell_safety import clean_text, csv_text, is_risky
from planner.exchange.csv_export import export_csv
from planner.exchange.xlsx_export import export_xlsx
from planner.model import Demand, Department

HOSTILE = [
    '=HYPERLINK("http://x","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile_store(store):
    dept = CreateRow(Department, {"name": "=Sales"})
    dept.do(store)
    for title in HOSTILE:
        CreateRow(Demand, {"title": title, "department_id": dept.row_id, "notes": title}).do(store)
    CreateRow(Demand, {"title": "Plain wish", "department_id": dept.row_id}).do(store)
    return store


def test_risky_starts_are_recognised_and_plain_text_is_not() -> None:
    assert all(is_risky(text) for text in HOSTILE)
    assert not any(is_risky(t) for t in ("Plain", "a=b", " =1", "Ønske", "2,5", ""))
    assert csv_text("=1+1") == "'=1+1"
    assert csv_text("Pipeline") == "Pipeline"


def test_xlsx_keeps_every_hostile_title_as_text(hostile_store, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    export_xlsx(hostile_store, out)
    ws = openpyxl.load_workbook(out)["Wishes"]
    header = [c.value for c in ws[1]]
    title_col = header.index("Title") + 1
    notes_col = header.index("Notes") + 1
    dept_col = header.index("Department") + 1
    cells = {ws.cell(r, title_col).value: ws.cell(r, title_col) for r in range(2, ws.max_row + 1)}
    for title in HOSTILE:
        cell = cells[clean_text(title)]
        assert cell.data_type == "s", title  # 'f' would be a live formula
        assert cell.quotePrefix, title  # Excel keeps it text even when edited
    hyperlink = cells['=HYPERLINK("http://x","click")']
    assert hyperlink.value == '=HYPERLINK("http://x","click")'
    assert ws.cell(2, notes_col).data_type == "s"
    assert ws.cell(2, dept_col).value == "=Sales" and ws.cell(2, dept_col).data_type == "s"
    assert not cells["Plain wish"].quotePrefix
    # No cell anywhere in the workbook is a formula.
    book = openpyxl.load_workbook(out)
    assert not [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row
                if c.data_type == "f"]


def test_xlsx_file_has_no_formula_element(hostile_store, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "plan.xlsx"
    export_xlsx(hostile_store, out)
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        assert not any(b"<f>" in archive.read(name) or b"<f " in archive.read(name)
                       for name in sheets)


@pytest.mark.parametrize("suffix, delimiter", [(".csv", ","), (".tsv", "\t")])
def test_csv_and_tsv_prefix_and_quote_hostile_cells(hostile_store, tmp_path: Path, suffix,
                                                     delimiter) -> None:
    out = tmp_path / f"wishes{suffix}"
    export_csv(hostile_store, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://x"",""click"")"' in text  # prefixed, quoted, escaped
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    titles = [row[1] for row in rows[1:]]
    for title in HOSTILE:
        assert "'" + clean_text(title) in titles, title
    assert "Plain wish" in titles
    assert not any(t.startswith(("=", "+", "-", "@")) for t in titles)
    departments = {row[2] for row in rows[1:]}
    assert departments == {"'=Sales"}


def test_control_characters_and_huge_cells_are_made_storable() -> None:
    assert clean_text("a\x00b\x07c\nd\r\ne") == "abc\nd\ne"
    long = "x" * 40_000
    assert len(clean_text(long)) == 32_767 and clean_text(long).endswith("…")
