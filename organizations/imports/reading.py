"""Reading an uploaded .xlsx or .csv into numbered rows keyed by field name.

Headers are matched case- and diacritic-insensitively against the Vietnamese or English column
name; extra columns are ignored and blank rows skipped. Line numbers are spreadsheet rows (header = 1).
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import openpyxl
from django.utils.translation import gettext as _

# A cap on data rows keeps one upload from tying up a worker (and keeps "code IN (…)" lookups small).
MAX_ROWS = 10_000
# An .xlsx is a zip archive: refuse archives that would inflate far beyond the upload limit.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
SUFFIXES = (".xlsx", ".csv")


class ImportFileError(Exception):
    """The file as a whole cannot be used; ``messages`` carry no line number."""

    def __init__(self, *messages: str):
        super().__init__(*messages)
        self.messages = [str(message) for message in messages]


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Vietnamese header, written into the downloadable template
    aliases: tuple[str, ...] = ()  # English names also accepted
    required: bool = False

    def matches(self, text: object) -> bool:
        key = normalize(text)
        return bool(key) and key in {normalize(name) for name in (self.header, *self.aliases)}


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, object]  # text (stripped) or a date from an Excel date cell


@dataclass(frozen=True)
class Table:
    headers: dict[str, str]  # field -> header as written in the file, for messages
    rows: list[Row]

    def has(self, field: str) -> bool:
        return field in self.headers

    def label(self, field: str) -> str:
        return self.headers.get(field, field)


def normalize(text: object) -> str:
    """Lower-case, without diacritics, ``_`` read as a space, whitespace collapsed: "Mã_đơn vị" -> "ma don vi"."""
    text = str(text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return " ".join(text.replace("_", " ").replace("*", " ").casefold().split())


def read_table(*, content: bytes, file_name: str, columns: Sequence[Column]) -> Table:
    """Parse the file into a ``Table``; raises ``ImportFileError`` for problems with the file as a whole."""
    records = list(_records(content=content, file_name=file_name))
    if not records:
        raise ImportFileError(_("The file is empty."))
    header_line, header = records[0]
    positions = _map_headers(header, columns)
    rows = []
    for line, record in records[1:]:
        values = {field: _cell(record[index]) if index < len(record) else "" for field, index in positions.items()}
        if any(value != "" for value in values.values()):
            rows.append(Row(line=line, values=values))
    if not rows:
        raise ImportFileError(_("The file has a header row but no data rows."))
    return Table(headers={field: str(header[index]).strip() for field, index in positions.items()}, rows=rows)


def check_content(*, content: bytes, file_name: str) -> None:
    """Cheap checks that the bytes really are what the extension claims; raises ``ImportFileError``."""
    suffix = _suffix(file_name)
    if suffix == ".xlsx":
        _load_workbook(content).close()
    else:
        _decode_csv(content)


def _suffix(file_name: str) -> str:
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFileError(_("Only .xlsx and .csv files can be imported."))
    return suffix


def _records(*, content: bytes, file_name: str) -> Iterable[tuple[int, list]]:
    """Non-blank records with their line numbers, at most ``MAX_ROWS`` data rows."""
    raw = _xlsx_records(content) if _suffix(file_name) == ".xlsx" else _csv_records(content)
    count = 0
    for line, record in enumerate(raw, start=1):
        if all(_cell(value) == "" for value in record):
            continue
        count += 1
        if count > MAX_ROWS + 1:
            message = _("The file has more than %(count)s rows; split it into smaller files.")
            raise ImportFileError(message % {"count": MAX_ROWS})
        yield line, list(record)


def _map_headers(header: list, columns: Sequence[Column]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, text in enumerate(header):
        column = next((c for c in columns if c.field not in positions and c.matches(text)), None)
        if column is not None:
            positions[column.field] = index
    missing = [column.header for column in columns if column.required and column.field not in positions]
    if missing:
        message = _("The required column “%(column)s” is missing.")
        raise ImportFileError(*(message % {"column": name} for name in missing))
    return positions


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # datetime is a date too
        return value
    if isinstance(value, float) and value.is_integer():  # Excel stores 123 as 123.0
        return str(int(value))
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def _decode_csv(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The CSV file must be saved as UTF-8 text.")) from error
    if "\x00" in text:
        raise ImportFileError(_("The CSV file contains binary data; it is not a text file."))
    return text


def _csv_records(content: bytes) -> Iterable[list]:
    text = _decode_csv(content)
    header = text.split("\n", 1)[0]
    # Excel with Vietnamese regional settings writes ";". Headers never hold a quoted delimiter, so
    # counting them on the header line is a more reliable sniff than csv.Sniffer on mixed data.
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise ImportFileError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from error


def _load_workbook(content: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("The file is not a valid Excel workbook (.xlsx).")) from error
    if "[Content_Types].xml" not in names or inflated > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(_("The file is not a valid Excel workbook (.xlsx)."))
    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises KeyError, ValueError, InvalidFileException… for bad files
        raise ImportFileError(_("The file is not a valid Excel workbook (.xlsx).")) from error


def _xlsx_records(content: bytes) -> Iterable[tuple]:
    workbook = _load_workbook(content)
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no worksheet."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some generators write a wrong <dimension>; read every row instead
        yield from sheet.iter_rows(values_only=True)
    except ImportFileError:
        raise
    except Exception as error:  # a damaged sheet inside a valid archive
        raise ImportFileError(_("The file is not a valid Excel workbook (.xlsx).")) from error
    finally:
        workbook.close()
