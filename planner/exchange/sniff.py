"""What a file is, judged by its bytes and never by its name: a workbook, an MS Project XML
file, or text (and then in which encoding, split by which delimiter, with which decimal mark).

Spreadsheets write tables in many dialects: Excel's "CSV UTF-8" starts with a byte-order
mark, its plain "CSV" is Windows-1252 on a Western Windows, its "Unicode text" is UTF-16
with tabs, and a Nordic or Dutch locale separates with semicolons because the comma is the
decimal mark. Everything guessed here is only a default the user can correct.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from planner.exchange.errors import ExchangeError
from planner.i18n import N_, _

XLSX, OLE, XML, TEXT = "xlsx", "ole", "xml", "text"
DELIMITERS = (",", ";", "\t", "|")
# Shown through _(): "comma-separated", the import dialog's choices.
DELIMITER_NAMES = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab"), "|": N_("vertical bar")}
ENCODINGS = ("utf-8", "utf-16", "cp1252")
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16": N_("UTF-16 (Excel Unicode text)"),
    "cp1252": "Windows-1252",
}

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAMPLE = 64 * 1024


def detect_format(data: bytes) -> str:
    """XLSX (a ZIP), OLE (an encrypted workbook or an old .xls), XML, or text."""
    if data.startswith(_ZIP_MAGIC):
        return XLSX
    if data.startswith(_OLE_MAGIC):
        return OLE
    head = data[:512]
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, "ignore").encode("ascii", "ignore")
            break
    if head.lstrip().startswith(b"<?xml") or head.lstrip().startswith(b"<Project"):
        return XML
    return TEXT


_BIFF8_BOF = b"\x09\x08\x10\x00\x00\x06"  # record 0x0809, 16 bytes, BIFF8 (0x0600)


def is_encrypted_office(data: bytes) -> bool:
    """A password-protected Office file in an OLE compound file: an .xlsx encrypted by Excel
    or LibreOffice holds an 'EncryptedPackage' stream (MS-OFFCRYPTO); an encrypted .xls has
    a FILEPASS record (0x002F) right after the workbook stream's BOF record."""
    head = data[: 4 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in head:
        return True
    start = head.find(_BIFF8_BOF)
    if start < 0:
        return False
    after_bof = start + 4 + 16
    return head[after_bof : after_bof + 2] == b"\x2f\x00"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # one of ENCODINGS


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Bytes to text. With `encoding` None: a byte-order mark decides, then UTF-16 without
    one (every other byte zero), then UTF-8 if the bytes are valid UTF-8, else Windows-1252
    (which every Western Excel writes as plain 'CSV')."""
    if encoding is None:
        encoding = guess_encoding(data)
    if encoding == "utf-8":
        text = data.decode("utf-8-sig", errors="replace")
    elif encoding == "utf-16":
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16", errors="replace")
        else:
            text = data.decode(_utf16_order(data), errors="replace")
    elif encoding == "cp1252":
        # Five bytes are undefined in Windows-1252; Latin-1 keeps them rather than failing.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    else:
        raise ExchangeError(_("Unknown text encoding '{encoding}'.").format(encoding=encoding))
    return Decoded(text, encoding)


def guess_encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:_SAMPLE]
    if len(sample) >= 4:
        odd_zeros = sample[1::2].count(0)
        even_zeros = sample[0::2].count(0)
        half = len(sample) // 2
        if max(odd_zeros, even_zeros) > 0.4 * half and min(odd_zeros, even_zeros) < 0.05 * half:
            return "utf-16"
    try:
        # A cut in the middle of a multi-byte character at the sample's end is fine.
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and len(data) > len(sample):
            return "utf-8"
        return "cp1252"


def _utf16_order(data: bytes) -> str:
    sample = data[:_SAMPLE]
    return "utf-16-le" if sample[1::2].count(0) >= sample[0::2].count(0) else "utf-16-be"


def looks_binary(text: str) -> bool:
    """Text tables have no NUL characters and few other control characters."""
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return True
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n\f")
    replaced = sample.count("\ufffd")
    return controls > max(8, len(sample) // 100) or replaced > max(8, len(sample) // 50)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (> 1) of columns most
    consistently; ties go to more columns. Quoted fields are respected (csv module)."""
    sample = _first_lines(text, 30)
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
        except csv.Error:
            continue
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        score = (count / len(widths), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _first_lines(text: str, count: int) -> str:
    # Enough for `count` records even with a few quoted line breaks; never the whole file.
    end = 0
    for _line in range(count * 3):
        nxt = text.find("\n", end)
        if nxt < 0:
            return text[:_SAMPLE]
        end = nxt + 1
        if end > _SAMPLE:
            break
    return text[:end]


_DECIMAL_COMMA = re.compile(r"^[-+−]?\d{1,3}(?:[ .\u00a0\u202f]?\d{3})*,\d+$")
_DECIMAL_POINT = re.compile(r"^[-+−]?\d{1,3}(?:[ ,\u00a0\u202f]?\d{3})*\.\d+$")


def sniff_decimal(cells: list[str], delimiter: str) -> str:
    """',' when more number-like cells use a decimal comma than a decimal point; with no
    evidence, ',' for semicolon files (the locales that write them) and '.' otherwise."""
    commas = points = 0
    for cell in cells:
        value = cell.strip()
        if _DECIMAL_COMMA.match(value):
            commas += 1
        elif _DECIMAL_POINT.match(value):
            points += 1
    if commas != points:
        return "," if commas > points else "."
    return "," if delimiter == ";" else "."
