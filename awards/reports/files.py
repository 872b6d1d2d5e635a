"""The three files of a campaign report: the editable .docx (python-docx), the PDF in the organisation's document
style (the shared administrative header of templates/common/pdf/) and the .xlsx annex of the data."""

from io import BytesIO

from django.template.loader import render_to_string
from django.utils import timezone

from awards.reports.content import KIND_TITLES, PARTICIPANT_KINDS, report_sections, summary_line, vn_date
from common import documents
from common.pdf.styles import administrative_context
from common.spreadsheets import text_row


def _header(figures: dict) -> documents.Header:
    organization = figures["organization"]
    return documents.Header(
        style=organization["style"],
        superior=organization["parent"].upper(),
        issuer=organization["name"].upper(),
        number_text="",
        place="",
        day=timezone.localdate(),
    )


def report_docx(figures: dict, kind: str) -> bytes:
    """The report as an editable Word document (Times New Roman 14, the header as a two-column table)."""
    from docx import Document  # lazy: heavy
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # lazy: heavy
    from docx.shared import Pt  # lazy: heavy

    header = _header(figures)
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    top = document.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    left.text = "\n".join(line for line in (header.superior, header.issuer) if line)
    right.text = "\n".join(line for line in (header.national_title, header.motto, header.place_date) if line)
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(KIND_TITLES[kind])
    run.bold, run.font.size = True, Pt(14)
    summary = document.add_paragraph(summary_line(figures, kind))
    summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in report_sections(figures, kind):
        heading = document.add_paragraph()
        heading.add_run(section["title"]).bold = True
        for block in section["blocks"]:
            if "text" in block:
                document.add_paragraph(block["text"])
                continue
            _docx_table(document, block)
            document.add_paragraph()
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, block: dict) -> None:
    table = document.add_table(rows=1, cols=len(block["head"]))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block["head"], strict=True):
        cell.text = str(text)
        for paragraph in cell.paragraphs:
            for piece in paragraph.runs:
                piece.bold = True
    for row in block["rows"]:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)


def report_html(figures: dict, kind: str) -> str:
    return render_to_string(
        "awards/reports/report.html",
        {
            **administrative_context("awards/document.css"),
            "header": _header(figures),
            "style": figures["organization"]["style"],
            "kind_title": KIND_TITLES[kind],
            "summary": summary_line(figures, kind),
            "sections": report_sections(figures, kind),
        },
    )


def report_pdf(figures: dict, kind: str) -> bytes:
    from common.pdf import html_to_pdf  # lazy: heavy

    return html_to_pdf(report_html(figures, kind))


def report_xlsx(figures: dict) -> bytes:
    """The annex: one sheet per kind of figure, typed text kept as text and numbers as numbers (never a formula)."""
    from openpyxl import Workbook  # lazy: heavy

    workbook = Workbook(write_only=True)

    def sheet_of(title: str, head: list, rows: list) -> None:
        sheet = workbook.create_sheet(title)
        for row in [head, *rows]:
            sheet.append(text_row(sheet, row))

    p = figures["participation"]
    sheet_of(
        "Tham gia",
        ["Chỉ tiêu", "Số lượng"],
        [
            ["Đối tượng tham gia", p["participants"]],
            ["Đã đăng ký thi đua", p["registered"]],
            ["Đã nộp bản tự chấm", p["submitted"]],
            ["Số bản nộp", p["submissions"]],
            ["Số bản nộp đúng hạn", p["on_time"]],
            ["Chưa nộp", p["never_submitted_count"]],
        ],
    )
    sheet_of(
        "Giai đoạn",
        ["Giai đoạn", "Hạn nộp", "Đã nộp", "Đúng hạn"],
        [[r["name"], vn_date(r["deadline"]), r["submitted"], r["on_time"]] for r in p["phases"]],
    )
    sheet_of("Chưa nộp", ["Đối tượng chưa nộp"], [[name] for name in p["never_submitted"]])
    sheet_of(
        "Xếp loại",
        ["Đối tượng", "Xếp loại", "Số lượng"],
        [[PARTICIPANT_KINDS.get(r["kind"], r["kind"]), r["tier"], r["count"]] for r in figures["ranking"]["tiers"]],
    )
    sheet_of(
        "Khối, cụm",
        ["Khối, cụm", "Xếp loại", "Số lượng"],
        [[b["bloc"], tier, count] for b in figures["ranking"]["blocs"] for tier, count in sorted(b["tiers"].items())],
    )
    sheet_of(
        "Tiêu chí",
        ["Mã", "Tiêu chí", "Đối tượng", "Điểm bình quân", "Điểm chuẩn", "Tỷ lệ đạt (%)", "Số bản chấm"],
        [
            [
                c["code"],
                c["text"],
                c["kind"],
                float(c["average"]),
                float(c["standard"]),
                float(c["share"]),
                c["answers"],
            ]
            for c in figures["criteria"]["all"]
        ],
    )
    sheet_of(
        "Sản phẩm",
        ["Sản phẩm", "Đơn vị", "Tình trạng"],
        [[i["title"], i["owner"] or "", i["status"]] for i in figures["products"]["items"]],
    )
    sheet_of(
        "Khen thưởng",
        ["Hình thức", "Đề nghị", "Hội đồng thống nhất", "Đã khen thưởng"],
        [[r["award"], r["proposed"], r["approved"], r["granted"]] for r in figures["awards"]["rows"]],
    )
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
