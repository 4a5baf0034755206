"""Read a table of rows from CSV/TSV text or an XLSX workbook, by content, with limits.

The result is a `Table`: the header cells, the data rows (as the spreadsheet showed them:
text from CSV, typed values from XLSX) and each row's number as the user sees it in the
spreadsheet (the header is row 1). Nothing here knows about wishes; see mapping.py.

Limits, each refused with a message instead of a frozen or exhausted application:
- 100 MB per file; 50 000 data rows (five times the largest plan the planner is built
  for, and far beyond any workshop list: split bigger files);
- 32 767 characters per cell, Excel's own limit (no spreadsheet can have written more;
  a longer one is a broken file or not a table);
- a workbook's parts may unpack to at most 1 GB (a "ZIP bomb" is refused, not unpacked),
  and a sheet may be at most 1 000 columns wide (a sheet is read as a dense grid).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from planner.exchange import sniff
from planner.exchange.errors import ExchangeError
from planner.i18n import _, ngettext
from planner.i18n.formats import format_number

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 50_000
MAX_CELL_CHARS = 32_767
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_COLUMNS = 1_000
PROGRESS_EVERY = 2_000

Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None
Progress = Callable[[int], None]  # rows read so far; raise to stop


class ImportCancelled(ExchangeError):
    def __init__(self) -> None:
        super().__init__(_("The import was cancelled; the plan is unchanged."))


@dataclass(frozen=True)
class ReadOptions:
    """What the user may correct; None means 'find out from the content'."""

    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    sheet: str | None = None
    # A pasted selection often has no header row; a file must have one.
    header_optional: bool = False


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    row_numbers: list[int]
    kind: str  # "csv" or "xlsx"
    name: str = ""
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "."
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    has_header: bool = True
    workbook: str = "Excel"  # for messages: Excel, OpenDocument or Excel 97-2003

    @property
    def options(self) -> ReadOptions:
        """The options that read this table, to start the user's corrections from."""
        return ReadOptions(self.encoding, self.delimiter, self.decimal, self.sheet)

    def describe(self) -> str:
        if self.kind == "xlsx":
            return ngettext(
                "{workbook} workbook, sheet '{sheet}', {n} row",
                "{workbook} workbook, sheet '{sheet}', {n} rows",
                len(self.rows),
            ).format(workbook=self.workbook, sheet=self.sheet, n=len(self.rows))
        encoding = sniff.ENCODING_NAMES.get(self.encoding or "")
        delimiter = sniff.DELIMITER_NAMES.get(self.delimiter or "")
        text = ngettext(
            "{encoding} text, {delimiter}-separated, decimal {decimal}, {n} row",
            "{encoding} text, {delimiter}-separated, decimal {decimal}, {n} rows",
            len(self.rows),
        )
        return text.format(
            encoding=_(encoding) if encoding else self.encoding,
            delimiter=_(delimiter) if delimiter else self.delimiter,
            # Translators: "decimal comma" / "decimal point" in a table's description.
            decimal=_("comma") if self.decimal == "," else _("point"),
            n=len(self.rows),
        )

    def column_values(self, index: int, limit: int = 200) -> list[Cell]:
        return [r[index] for r in self.rows[:limit] if index < len(r)]


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(
    data: bytes,
    name: str = "",
    options: ReadOptions | None = None,
    progress: Progress | None = None,
) -> Table:
    """Read `data` (a whole file or the clipboard's text as bytes) by its content."""
    options = options or ReadOptions()
    # Translators: the subject of a message about pasted data: "The data is empty: ..."
    label = name or _("The data")
    if not data or not data.strip():
        raise ExchangeError(_("{label} is empty: there is nothing to import.").format(label=label))
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError(
            _(
                "{label} is {size:.0f} MB; at most {limit} MB can be imported. Split it or "
                "save only the columns you need."
            ).format(
                label=label, size=len(data) / 1024 / 1024, limit=MAX_FILE_BYTES // 1024 // 1024
            )
        )
    kind = sniff.detect_format(data)
    if kind == sniff.XLSX:
        return _read_xlsx(data, label, options, progress)
    if kind == sniff.OLE:
        if sniff.is_encrypted_office(data):
            raise _password_protected(label)
        # An Excel 97-2003 workbook (.xls).
        return _read_workbook(data, label, options, progress, "Excel 97-2003")
    if kind == sniff.XML:
        raise ExchangeError(
            _(
                "{label} is an XML file, not a table. MS Project XML files are imported as a "
                "plan (rollout-planner import PLAN FILE.xml)."
            ).format(label=label)
        )
    return _read_text(data, label, options, progress)


# --- text ------------------------------------------------------------------------------------


def _read_text(data: bytes, label: str, options: ReadOptions, progress: Progress | None) -> Table:
    decoded = sniff.decode(data, options.encoding)
    text = decoded.text
    if sniff.looks_binary(text):
        raise ExchangeError(
            _(
                "{label} is not a text table: it holds binary data. Choose a CSV, TSV or XLSX "
                "file."
            ).format(label=label)
        )
    delimiter = options.delimiter or sniff.sniff_delimiter(text)
    rows, numbers = _csv_rows(text, delimiter, label, progress)
    rows, numbers = _drop_empty(rows, numbers)
    if not rows:
        raise ExchangeError(_("{label} is empty: there is nothing to import.").format(label=label))
    sample = [c for r in rows[1:201] for c in r if isinstance(c, str)]
    decimal = options.decimal or sniff.sniff_decimal(sample, delimiter)
    table = Table([], rows, numbers, "csv", label, decoded.encoding, delimiter, decimal)
    return _split_header(table, options)


def _csv_rows(
    text: str, delimiter: str, label: str, progress: Progress | None
) -> tuple[list[list[Cell]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    number = 0
    try:
        for row in reader:
            number += 1
            if number > MAX_ROWS or max(map(len, row), default=0) > MAX_CELL_CHARS:
                _check_row(row, number, label)
            rows.append(row)  # type: ignore[arg-type]
            numbers.append(number)
            if number % PROGRESS_EVERY == 0 and progress is not None:
                progress(number)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _cell_too_long(label, number + 1) from None
        raise ExchangeError(
            _("{label}, row {number}: cannot be read as CSV ({reason}).").format(
                label=label, number=number + 1, reason=exc
            )
        ) from None
    return rows, numbers


def _check_row(row: list[Any], count: int, label: str, number: int | None = None) -> None:
    """`count`: rows read so far; `number`: the row's number in the sheet (if different)."""
    if count > MAX_ROWS + 1:
        raise ExchangeError(
            _(
                "{label} has more than {limit} rows; at most {limit} wishes can be imported at "
                "once. Split the file into smaller ones."
            ).format(label=label, limit=format_number(MAX_ROWS, 0))
        )
    for cell in row:
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise _cell_too_long(label, number or count)


def _cell_too_long(label: str, number: int) -> ExchangeError:
    return ExchangeError(
        _(
            "{label}, row {number}: a cell holds more than {limit} characters, more than any "
            "spreadsheet cell can; the file is damaged or not a table."
        ).format(label=label, number=number, limit=format_number(MAX_CELL_CHARS, 0))
    )


def _drop_empty(rows: list[list[Cell]], numbers: list[int]) -> tuple[list[list[Cell]], list[int]]:
    kept = [(r, n) for r, n in zip(rows, numbers, strict=True) if not _is_empty(r)]
    return [r for r, _n in kept], [n for _r, n in kept]


def _is_empty(row: Iterable[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def _split_header(table: Table, options: ReadOptions) -> Table:
    first = table.rows[0]
    width = max(len(r) for r in table.rows)
    if _looks_like_data(first, table.decimal):
        if not options.header_optional:
            shown = ", ".join(f"'{_short(c)}'" for c in first[:4] if c not in (None, ""))
            raise ExchangeError(
                _(
                    "{name} has no header row: its first row ({shown}) looks like data. Add a "
                    "first row naming the columns (e.g. Title, Department, Effort)."
                ).format(name=table.name, shown=shown)
            )
        headers = [_column(i) for i in range(width)]
        return replace(table, headers=headers, has_header=False)
    headers = [
        (str(c).strip() if c not in (None, "") else _column(i))
        for i, c in enumerate(list(first) + [None] * (width - len(first)))
    ]
    return replace(table, headers=headers, rows=table.rows[1:], row_numbers=table.row_numbers[1:])


def _column(index: int) -> str:
    # Translators: the name of a column without a header, by its spreadsheet letter.
    return _("Column {letter}").format(letter=column_letter(index))


def _looks_like_data(row: list[Cell], decimal: str) -> bool:
    from planner.exchange.values import parse_number

    for cell in row:
        if isinstance(cell, bool) or cell is None:
            continue
        if isinstance(cell, int | float | dt.date | dt.datetime):
            return True
        if cell.strip() and parse_number(cell, decimal) is not None:
            return True
    return False


def _short(value: Cell) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:19] + "…"


# --- workbooks --------------------------------------------------------------------------------
# Read with python-calamine (Rust): measured against openpyxl's read-only mode on 10 000
# rows it reads the same workbook about six times faster (benchmarks/bench_import.py), and it
# also reads LibreOffice's .ods and Excel 97-2003 .xls. openpyxl stays for writing workbooks.


def _read_xlsx(data: bytes, label: str, options: ReadOptions, progress: Progress | None) -> Table:
    odf = _check_workbook_zip(data, label)
    return _read_workbook(data, label, options, progress, "OpenDocument" if odf else "Excel")


def _read_workbook(
    data: bytes, label: str, options: ReadOptions, progress: Progress | None, what: str
) -> Table:
    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise _password_protected(label) from None
    except Exception as exc:  # calamine raises several kinds for a broken workbook
        raise _damaged(label, what, exc) from None
    try:
        sheets = list(book.sheet_names)
        if not sheets:
            raise ExchangeError(_("{label} has no sheets.").format(label=label))
        if options.sheet and options.sheet not in sheets:
            raise ExchangeError(
                _("{label} has no sheet called '{sheet}'.").format(label=label, sheet=options.sheet)
            )
        sheet_name = options.sheet or _first_sheet_with_data(book, sheets)
        sheet = book.get_sheet_by_name(sheet_name)
        if sheet.width > MAX_COLUMNS:
            raise ExchangeError(
                _(
                    "{label}: sheet '{sheet}' is {width} columns wide; at most {limit} columns "
                    "can be imported."
                ).format(
                    label=label,
                    sheet=sheet_name,
                    width=format_number(sheet.width, 0),
                    limit=format_number(MAX_COLUMNS, 0),
                )
            )
        first_row = sheet.start[0] + 1 if sheet.start else 1
        rows, numbers = _workbook_rows(sheet.iter_rows(), first_row, label, progress)
    except ExchangeError:
        raise
    except Exception as exc:
        raise _damaged(label, what, exc) from None
    finally:
        book.close()
    rows, numbers = _drop_empty(rows, numbers)
    if not rows:
        raise ExchangeError(
            _("{label}: sheet '{sheet}' is empty: there is nothing to import.").format(
                label=label, sheet=sheet_name
            )
        )
    # Numbers in a workbook are numbers; text that looks like one follows Excel's locale.
    sample = [c for r in rows[1:201] for c in r if isinstance(c, str)]
    decimal = options.decimal or sniff.sniff_decimal(sample, ",")
    table = Table([], rows, numbers, "xlsx", label, None, None, decimal, sheet_name, sheets,
                  workbook=what)
    return _split_header(table, options)


def _first_sheet_with_data(book: Any, sheets: list[str]) -> str:
    for name in sheets:
        try:
            if book.get_sheet_by_name(name).height > 0:
                return name
        except Exception:  # a chart sheet, say: try the next
            continue
    return sheets[0]


def _damaged(label: str, what: str, exc: Exception) -> ExchangeError:
    # Translators: {what} is the kind of workbook: "Excel", "OpenDocument", "Excel 97-2003".
    return ExchangeError(
        _("{label} is a damaged {what} workbook: {reason}.").format(
            label=label, what=what, reason=exc
        )
    )


def _password_protected(label: str) -> ExchangeError:
    return ExchangeError(
        _(
            "{label} is protected with a password. Open it in Excel or LibreOffice, save it "
            "without the password (Excel: File → Info → Protect Workbook → Encrypt with "
            "Password), and import it again."
        ).format(label=label)
    )


def _check_workbook_zip(data: bytes, label: str) -> bool:
    """Refuse a ZIP that is no spreadsheet before a parser unpacks it. True for OpenDocument."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            mimetype = (
                archive.read("mimetype")[:100].decode("ascii", "replace")
                if "mimetype" in names
                else ""
            )
            # An OpenDocument file saved with a password lists how each part is encrypted.
            encrypted = "META-INF/manifest.xml" in names and b"encryption-data" in (
                archive.read("META-INF/manifest.xml")[: 1024 * 1024]
            )
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise ExchangeError(
            _("{label} starts like a ZIP archive (as .xlsx files do) but is damaged.").format(
                label=label
            )
        ) from None
    odf = "content.xml" in names and mimetype.endswith("opendocument.spreadsheet")
    if odf and encrypted:
        raise _password_protected(label)
    if "xl/workbook.xml" not in names and not odf:
        if "content.xml" in names and mimetype:
            text = _("{label} is not an Excel workbook: it is an OpenDocument file, but not a "
                     "spreadsheet.")
        elif "word/document.xml" in names:
            text = _("{label} is not an Excel workbook: it is a Word document.")
        elif "ppt/presentation.xml" in names:
            text = _("{label} is not an Excel workbook: it is a PowerPoint presentation.")
        else:
            text = _("{label} is not an Excel workbook: it is a ZIP archive of other files.")
        raise ExchangeError(text.format(label=label))
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise ExchangeError(
            _("{label} would unpack to more than {limit} GB; it is not opened.").format(
                label=label, limit=MAX_UNPACKED_BYTES // 1024**3
            )
        )
    return odf


def _workbook_rows(
    source: Iterator[list[Any]], first_row: int, label: str, progress: Progress | None
) -> tuple[list[list[Cell]], list[int]]:
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    for offset, values in enumerate(source):
        number = first_row + offset
        row = list(values)
        while row and row[-1] in ("", None):  # sheets pad every row to the widest
            row.pop()
        _check_row(row, offset + 1, label, number)
        rows.append(row)
        numbers.append(number)
        if (offset + 1) % PROGRESS_EVERY == 0 and progress is not None:
            progress(offset + 1)
    return rows, numbers
