"""Spreadsheet exports write what people typed as text, never as a formula (CSV/formula injection).

openpyxl turns any string starting with "=" into a formula; Excel and LibreOffice also evaluate cells that
start with "+", "-" or "@" when a user edits them. Our exports contain no formulas, so every such string
cell is stored as a plain string, with Excel's "quote prefix" so it stays text when the cell is edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

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
