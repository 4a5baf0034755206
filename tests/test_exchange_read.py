"""Reading tables by content: encodings, delimiters, decimal marks, workbooks, and every kind
of bad input refused with a clear message (planner/exchange/sniff.py, tabular.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner.exchange import sniff
from planner.exchange.errors import ExchangeError
from planner.exchange.tabular import MAX_ROWS, ReadOptions, read_table
from planner.exchange.values import parse_number

FIXTURES = Path(__file__).parent / "fixtures" / "exchange"
ROWS = [
    ["Ønske", "Avdeling", "Innsats", "Prioritet"],
    ["Felles kundekort", "Salg", "2,5", "Må"],
    ["Rapport: pipeline; kvartal", "Økonomi", "4", "Bør"],
]


def _csv(rows: list[list[str]], delimiter: str = ";") -> str:
    out = []
    for row in rows:
        out.append(delimiter.join(f'"{c}"' if delimiter in c or "\n" in c else c for c in row))
    return "\r\n".join(out) + "\r\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (_csv(ROWS).encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + _csv(ROWS).encode("utf-8"), "utf-8"),
        (_csv(ROWS).encode("cp1252"), "cp1252"),
        (_csv(ROWS, "\t").encode("utf-16"), "utf-16"),  # Excel's "Unicode text": BOM, tabs
        (_csv(ROWS, "\t").encode("utf-16-le"), "utf-16"),  # the same without a BOM
    ],
)
def test_encodings_are_recognised_by_content(encoded: bytes, encoding: str) -> None:
    table = read_table(encoded, "wishes.txt")
    assert table.encoding == encoding
    assert table.headers == ROWS[0]
    assert [r[:2] for r in table.rows] == [r[:2] for r in ROWS[1:]]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(delimiter: str) -> None:
    rows = [["Title", "Department", "Effort"], ["A, with comma", "Sales", "2"], ["B", "HR", "3"]]
    table = read_table(_csv(rows, delimiter).encode(), "x.csv")
    assert table.delimiter == delimiter
    assert table.rows[0] == ["A, with comma", "Sales", "2"]


def test_quoted_multiline_cells_keep_their_row_numbers() -> None:
    text = 'Title;Notes\r\n"Kundekort";"linje 1\r\nlinje 2"\r\nRapport;kort\r\n'
    table = read_table(text.encode(), "x.csv")
    assert table.rows[0][1] == "linje 1\r\nlinje 2"
    assert table.row_numbers == [2, 3]  # as the spreadsheet shows them


def test_decimal_comma_is_sniffed_and_can_be_corrected() -> None:
    data = _csv(ROWS).encode()
    assert read_table(data, "x.csv").decimal == ","
    corrected = read_table(data, "x.csv", ReadOptions(decimal="."))
    assert corrected.decimal == "."


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("2,5", ",", 2.5),
        ("2.5", ".", 2.5),
        ("1 234,5", ",", 1234.5),
        ("1\u00a0234,5", ",", 1234.5),
        ("1.234,5", ",", 1234.5),
        ("1,234.5", ".", 1234.5),
        ("−3", ".", -3.0),
        ("2.5", ",", 2.5),  # a point in a comma file is still the decimal point
        ("a lot", ",", None),
        ("2,5,5", ",", None),
        ("", ",", None),
        ("nan", ".", None),
    ],
)
def test_numbers_as_spreadsheets_write_them(text: str, decimal: str, expected) -> None:  # noqa: ANN001
    assert parse_number(text, decimal) == expected


def test_real_swedish_bank_export_utf8_bom_semicolons() -> None:
    table = read_table((FIXTURES / "nordea_plusgiro_sv.csv").read_bytes(), "n.csv")
    assert (table.encoding, table.delimiter, table.decimal) == ("utf-8", ";", ",")
    assert table.headers[:3] == ["Bokföringsdag", "Belopp", "Avsändare"]
    assert len(table.rows) == 25


def test_real_swedish_export_saved_as_windows_1252() -> None:
    table = read_table((FIXTURES / "nordea_plusgiro_sv_cp1252.csv").read_bytes(), "n.csv")
    assert table.encoding == "cp1252"
    assert "Avsändare" in table.headers
    assert any("Insättning" in str(c) for r in table.rows for c in r)


def test_workbook_rows_keep_types_and_sheet_row_numbers() -> None:
    table = read_table((FIXTURES / "wishes_nb.xlsx").read_bytes(), "w.xlsx")
    assert table.kind == "xlsx" and table.sheet == "Ønsker"
    assert table.rows[0] == ["Felles kundekort", "Salg", 2.5, "Må"]
    assert table.row_numbers == [2, 3]


def test_workbook_sheet_can_be_chosen() -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["just a note"])
    other = book.create_sheet("Wishes")
    other.append(["Title", "Effort"])
    other.append(["A", 2])
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue(), "b.xlsx", ReadOptions(sheet="Wishes"))
    assert table.sheets == ["Notes", "Wishes"]
    assert table.rows == [["A", 2.0]]
    with pytest.raises(ExchangeError, match="no sheet called 'Nope'"):
        read_table(out.getvalue(), "b.xlsx", ReadOptions(sheet="Nope"))


def test_the_format_is_judged_by_content_not_name() -> None:
    assert sniff.detect_format((FIXTURES / "wishes_nb.xlsx").read_bytes()) == sniff.XLSX
    assert sniff.detect_format(b"\xef\xbb\xbf<?xml version='1.0'?><Project/>") == sniff.XML
    assert sniff.detect_format(b"Title;Effort\r\n") == sniff.TEXT


# --- bad input: a clear message, nothing else -------------------------------------------------


def _refused(data: bytes, name: str = "bad.csv") -> str:
    with pytest.raises(ExchangeError) as info:
        read_table(data, name)
    return str(info.value)


def test_empty_file() -> None:
    assert "is empty" in _refused(b"")
    assert "is empty" in _refused(b"\r\n \r\n")


def test_binary_file_named_csv() -> None:
    data = bytes(range(256)) * 40
    assert "binary data" in _refused(data)


def test_csv_with_no_header() -> None:
    message = _refused(b"Kundekort;Salg;2,5\r\nRapport;HR;4\r\n")
    assert "no header row" in message and "'2,5'" in message


def test_100_000_rows_are_refused_with_the_limit() -> None:
    data = ("Title;Effort\r\n" + "Wish;1\r\n" * 100_000).encode()
    message = _refused(data)
    assert f"more than {MAX_ROWS:,} rows" in message


def test_a_50_mb_cell() -> None:
    data = b'Title;Notes\r\nA;"' + b"x" * (50 * 1024 * 1024) + b'"\r\n'
    message = _refused(data)
    assert "row 2" in message and "32,767 characters" in message


def test_xlsx_that_is_a_zip_of_something_else() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("holiday/photo.txt", "not a workbook")
    assert "not an Excel workbook: it is a ZIP archive" in _refused(out.getvalue(), "w.xlsx")


def test_damaged_zip() -> None:
    assert "damaged" in _refused(b"PK\x03\x04" + b"\x00" * 200, "w.xlsx")


def test_password_protected_xlsx() -> None:
    # Encrypted by msoffcrypto-tool (Agile encryption, as Excel does): an OLE file holding an
    # EncryptedPackage stream. openpyxl fails on it with zipfile.BadZipFile ("File is not a
    # zip file"), which says nothing useful; it is recognised before any parser sees it.
    data = (FIXTURES / "password_protected.xlsx").read_bytes()
    message = _refused(data, "secret.xlsx")
    assert "protected with a password" in message and "without the password" in message


@pytest.mark.parametrize("name", ["calamine_password.xls", "calamine_password.ods"])
def test_password_protected_xls_and_ods_from_other_tools(name: str) -> None:
    # An encrypted .xls carries a FILEPASS record after its BOF; an encrypted .ods lists
    # encryption-data in its manifest. Both are told apart from damaged files.
    message = _refused((FIXTURES / name).read_bytes(), name)
    assert "protected with a password" in message


@pytest.mark.parametrize(
    ("name", "kind"),
    [("calamine_base.ods", "OpenDocument"), ("calamine_base.xls", "Excel 97-2003")],
)
def test_libreoffice_and_old_excel_workbooks_are_read(name: str, kind: str) -> None:
    table = read_table((FIXTURES / name).read_bytes(), name, ReadOptions(header_optional=True))
    assert table.describe().startswith(f"{kind} workbook")
    assert table.rows[0][:3] == ["String", 1.0, 1.1]
    assert table.row_numbers == [3]  # the sheet's data starts on its third row


def test_old_ole_file_that_is_no_workbook() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    assert "damaged Excel 97-2003 workbook" in _refused(data, "old.xls")


def test_xml_is_not_a_table() -> None:
    assert "MS Project XML" in _refused(b"<?xml version='1.0'?><Project/>", "p.csv")
