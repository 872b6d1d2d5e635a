"""A scoring table as an Excel workbook: export, the template, and an all-or-nothing import.

The first sheet holds one row per group, criterion or rule line (a criterion names its group, a rule line its
criterion, a group the group it is inside, by code); the second the declared total and the caps; the third the
tiers; the fourth explains every column; a hidden fifth holds the lists of the choice cells. Export → import
reproduces the same table (``points.TableSpec`` equal). The import reports every problem of every row at once
("Dòng 5, cột E (Điểm): …", numbers written as in Vietnamese) and writes nothing unless there is none; it refuses
zip bombs and oversized sheets before openpyxl parses anything.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from campaigns.models import Campaign, ScoringTable
from campaigns.tables import spec as tspec
from campaigns.tables.services import table_replace
from campaigns.tables.workbook.layout import MAX_ROWS, MAX_UNCOMPRESSED_BYTES, column_headers
from campaigns.tables.workbook.reader import read
from campaigns.tables.workbook.writer import example_spec, template_bytes, workbook_bytes

__all__ = ["MAX_ROWS", "column_headers", "example_spec", "table_export", "table_import", "table_template"]


def table_export(*, table: ScoringTable) -> bytes:
    """The table as .xlsx bytes (four queries)."""
    return workbook_bytes(tspec.table_spec(table))


def table_template() -> bytes:
    """The workbook to fill in: headers, lists, instructions and a small worked example."""
    return template_bytes()


def _workbook(content: bytes):
    invalid = ValidationError(_("The file is not a valid Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise invalid from error
    if "[Content_Types].xml" not in names or inflated > MAX_UNCOMPRESSED_BYTES:
        raise invalid
    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises KeyError, ValueError, InvalidFileException… for bad files
        raise invalid from error


def table_import(*, campaign: Campaign, participant_kind: str, content: bytes) -> ScoringTable:
    """Replace the table of ``participant_kind`` from .xlsx bytes; ``ValidationError`` lists every problem."""
    workbook = _workbook(content)
    try:
        spec, errors = read(workbook)
    finally:
        workbook.close()
    if errors:
        raise ValidationError(errors)
    return table_replace(campaign=campaign, participant_kind=participant_kind, spec=spec)
