"""Spreadsheet exports write what people typed as text, never as a formula (CSV/formula injection).

openpyxl turns any string starting with "=" into a formula; Excel and LibreOffice also evaluate cells that
start with "+", "-" or "@" when a user edits them. Our exports contain no formulas, so every such string
cell is stored as a plain string, with Excel's "quote prefix" so it stays text when the cell is edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.workbook import Workbook

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def cells_as_text(workbook: Workbook) -> Workbook:
    """Mark every string cell that a spreadsheet could read as a formula as literal text; returns the workbook."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return workbook


def text_row(sheet: WriteOnlyWorksheet, values: Sequence[object]) -> list[object]:
    """For a write-only sheet (rows streamed, never revisited): ``values`` with formula-like strings as text cells."""
    row: list[object] = []
    for value in values:
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            value = cell
        row.append(value)
    return row


TITLE_ROWS = 4  # organisation, title, date, one blank row; the column headers follow on row 5


def _styled(sheet: Any, value: object, *, bold: bool = False, size: float | None = None) -> object:
    from openpyxl.styles import Font  # lazy: heavy

    cell = WriteOnlyCell(sheet, value=value) if _write_only(sheet) else None
    if cell is None:
        return value
    cell.font = Font(bold=bold, size=size) if size else Font(bold=bold)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _write_only(sheet: Any) -> bool:
    return type(sheet).__name__ == "WriteOnlyWorksheet"


def titled_sheet(
    workbook: Workbook,
    *,
    name: str,
    organization: str,
    title: str,
    date_text: str,
    header: Sequence[object],
) -> Any:
    """A new sheet that opens with a title block (organisation, title, date), then ``header``, frozen under it.

    Every export starts this way so a printed or forwarded file says whose it is, what it is and when it was
    made, and the column headers stay in view while scrolling. Works on write-only and ordinary workbooks; the
    caller appends the data rows (through ``text_row`` for write-only sheets).
    """
    from openpyxl.styles import Font  # lazy: heavy

    sheet = workbook.create_sheet(name[:31])
    sheet.freeze_panes = f"A{TITLE_ROWS + 2}"
    rows: list[list[object]] = [
        [_styled(sheet, organization, bold=True)],
        [_styled(sheet, title, bold=True, size=14)],
        [_styled(sheet, date_text)],
        [],
        [_styled(sheet, value, bold=True) for value in header],
    ]
    for row in rows:
        sheet.append(row)
    if not _write_only(sheet):
        for cell in sheet[TITLE_ROWS + 1]:
            cell.font = Font(bold=True)
        sheet["A2"].font = Font(bold=True, size=14)
        sheet["A1"].font = Font(bold=True)
        cells_as_text(workbook)
    return sheet
