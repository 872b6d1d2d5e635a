"""The statistics forms as an .xlsx workbook (one sheet a form) and as a PDF (one page a form, A4 landscape)."""

from io import BytesIO

from django.template.loader import render_to_string

from common.pdf.styles import administrative_context
from common.spreadsheets import text_row


def _header_rows(data: dict, form: dict) -> list[list]:
    return [
        [f"Biểu số: {form['number']}", "", form["title"]],
        [form["basis"], "", f"Năm {data['year']}"],
        [f"Ngày nhận báo cáo: {data['receipt_date']}", "", f"Đơn vị báo cáo: {data['organization']}"],
        ["", "", f"Đơn vị nhận báo cáo: {data['receiving_unit']}"],
        ["", "", form["unit"]],
        [],
    ]


def statistics_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook  # lazy: heavy

    workbook = Workbook(write_only=True)
    for form in data["forms"]:
        sheet = workbook.create_sheet(form["number"][:4])
        for row in _header_rows(data, form):
            sheet.append(text_row(sheet, row))
        sheet.append(text_row(sheet, ["Chỉ tiêu", "Mã số", *form["columns"]]))
        sheet.append(text_row(sheet, ["A", "B", *(str(n) for n in range(1, len(form["columns"]) + 1))]))
        for number, row in enumerate(form["rows"], start=1):
            label = ("    " * row["indent"]) + row["label"] + (" (*)" if row["source"] == "input" else "")
            sheet.append(text_row(sheet, [label, f"{number:02d}", *row["values"]]))
        if form["has_input"]:
            sheet.append([])
            sheet.append(text_row(sheet, ["(*) Số liệu do đơn vị nhập tại trang số liệu thống kê hằng năm."]))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def statistics_html(data: dict) -> str:
    return render_to_string(
        "awards/statistics/forms_pdf.html", {**administrative_context("awards/statistics.css"), "data": data}
    )


def statistics_pdf(data: dict) -> bytes:
    from common.pdf import html_to_pdf  # lazy: heavy

    return html_to_pdf(statistics_html(data))
