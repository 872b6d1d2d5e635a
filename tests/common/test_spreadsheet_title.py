"""Every export opens with a title block (organisation, title, date) and keeps its header row frozen in view."""

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from common.spreadsheets import TITLE_ROWS, text_row, titled_sheet


@pytest.mark.parametrize("write_only", [True, False])
def test_titled_sheet_has_title_block_and_frozen_header(write_only):
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    sheet = titled_sheet(
        workbook,
        name="Tiến độ",
        organization="Ban Tuyên giáo Thành ủy",
        title="Tiến độ nộp hồ sơ – Đợt 1",
        date_text="05/12/2026",
        header=["Đơn vị", "Trạng thái"],
    )
    sheet.append(text_row(sheet, ["=cmd|' /C calc'!A0", "Đã nộp"]) if write_only else ["Phường 1", "Đã nộp"])
    buffer = BytesIO()
    workbook.save(buffer)
    read = load_workbook(BytesIO(buffer.getvalue()))["Tiến độ"]
    assert read["A1"].value == "Ban Tuyên giáo Thành ủy"
    assert read["A2"].value == "Tiến độ nộp hồ sơ – Đợt 1" and read["A2"].font.b
    assert read["A3"].value == "05/12/2026"
    assert [c.value for c in read[TITLE_ROWS + 1]] == ["Đơn vị", "Trạng thái"]
    assert read.freeze_panes == f"A{TITLE_ROWS + 2}"
    assert read.cell(row=TITLE_ROWS + 2, column=2).value == "Đã nộp"
    if write_only:
        assert read.cell(row=TITLE_ROWS + 2, column=1).data_type == "s"  # a formula-like name stays text
