"""The two documents every commendation dossier starts with (Law 06/2022/QH15 Art. 84): the tờ trình (cover
request, Mẫu 01 of the decree's appendix) with the nominees grouped by award, and the báo cáo thành tích
(achievement report) of a collective or an individual. Data in; an editable .docx (python-docx) or, through
``html``/``render``, a PDF in the organisation's style (State or Party) out.

The fixed phrases are Vietnamese literals, not msgids: these are official Vietnamese documents.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from common import documents

COVER_FORM = "Mẫu số 01"


@dataclass(frozen=True)
class NomineeLine:
    order: int
    name: str
    detail: str  # "Chức vụ, đơn vị" of a person; the body above of a collective
    points: str  # "96,00" or ""
    tier: str


@dataclass(frozen=True)
class NomineeGroup:
    award: str
    lines: tuple[NomineeLine, ...]


@dataclass(frozen=True)
class CoverRequestData:
    style: str
    superior: str  # upper-case, may be empty
    issuer: str  # upper-case
    place: str
    day: date | None
    summary: str  # "Về việc đề nghị khen thưởng …"
    addressee: str  # "Kính gửi: …"
    basis: tuple[str, ...]  # "Căn cứ …;" lines
    request: str  # the sentence that asks
    groups: tuple[NomineeGroup, ...]
    signer_title: str
    signer_name: str
    copies: tuple[str, ...] = ("Như trên;", "Lưu: VT.")

    def header(self) -> documents.Header:
        number = documents.draft_number("TTr-" + _symbol(self.issuer), style=self.style)
        return documents.Header(
            style=self.style,
            superior=self.superior,
            issuer=self.issuer,
            number_text=number,
            place=self.place,
            day=self.day,
        )


@dataclass(frozen=True)
class HistoryLine:
    year: str
    award: str
    decision: str  # "Quyết định số … ngày … của …"


@dataclass(frozen=True)
class AchievementReportData:
    style: str
    is_collective: bool
    superior: str
    issuer: str  # the unit (upper-case)
    place: str
    day: date | None
    award: str  # the award proposed
    subject: str  # the collective's or person's name
    facts: tuple[tuple[str, str], ...]  # "Họ và tên" → "…", "Chức vụ" → "…" (section I)
    campaign: str
    results: tuple[str, ...]  # points, rank, tier lines (section II)
    products: tuple[str, ...]
    initiatives: tuple[str, ...]
    history: tuple[HistoryLine, ...] = field(default_factory=tuple)  # section III

    def header(self) -> documents.Header:
        return documents.Header(
            style=self.style, superior=self.superior, issuer=self.issuer, number_text="", place=self.place, day=self.day
        )

    @property
    def title(self) -> str:
        return "BÁO CÁO THÀNH TÍCH"

    @property
    def summary(self) -> str:
        return f"Đề nghị tặng {self.award}"

    @property
    def sections(self) -> tuple[str, str, str]:
        first = "SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" if self.is_collective else "SƠ LƯỢC LÝ LỊCH"
        return (f"I. {first}", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")

    @property
    def signature_blocks(self) -> tuple[tuple[str, str], ...]:
        """(title, name) pairs, left to right: an individual signs with the head of the unit confirming."""
        if self.is_collective:
            return (("THỦ TRƯỞNG ĐƠN VỊ", ""),)
        return (("XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", ""), ("NGƯỜI BÁO CÁO THÀNH TÍCH", self.subject))


def _symbol(issuer: str) -> str:
    """Initials of the issuer ("BAN TUYÊN GIÁO THÀNH ỦY" → "BTGTU") for the draft number's symbol."""
    letters = []
    for word in issuer.split():
        first = unicodedata.normalize("NFD", word)[0]
        letters.append("D" if word[0] in "Đđ" else first.upper())
    return "".join(letters)[:12] or "X"


# --- .docx --------------------------------------------------------------------------------------------------------


def _docx():
    import docx  # lazy: heavy
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # lazy: heavy
    from docx.shared import Cm, Pt  # lazy: heavy

    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    return document, WD_ALIGN_PARAGRAPH, Pt


def _line(cell_or_doc, text: str, *, bold=False, italic=False, underline=False, align=None, size=None):
    paragraph = cell_or_doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size is not None:
        run.font.size = size
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _header(document, header: documents.Header, align, pt) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = header.superior
    left.paragraphs[0].alignment = align.CENTER
    _line(left, header.issuer, bold=True, align=align.CENTER, size=pt(13))
    _line(left, "*" if header.is_party else "", align=align.CENTER)
    if header.number_text:
        _line(left, header.number_line, align=align.CENTER, size=pt(13))
    right.paragraphs[0].add_run(header.national_title).bold = True
    right.paragraphs[0].alignment = align.CENTER
    if header.motto:
        _line(right, header.motto, bold=True, underline=True, align=align.CENTER)
    _line(right, header.place_date, italic=True, align=align.CENTER)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cover_request_docx(data: CoverRequestData) -> bytes:
    """The tờ trình as an editable Word document, in the same order as its PDF."""
    document, align, pt = _docx()
    _line(document, COVER_FORM, italic=True, align=align.RIGHT, size=pt(11))
    _header(document, data.header(), align, pt)
    _line(document, "TỜ TRÌNH", bold=True, align=align.CENTER)
    _line(document, data.summary, bold=True, align=align.CENTER)
    _line(document, data.addressee, align=align.CENTER)
    for line in data.basis:
        _line(document, line, align=align.JUSTIFY)
    _line(document, data.request, align=align.JUSTIFY)
    _line(document, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True, align=align.CENTER)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("TT", "Họ và tên / Tập thể", "Chức vụ, đơn vị", "Điểm", "Xếp loại"), strict=True
    ):
        cell.text = text
    for group in data.groups:
        row = table.add_row().cells
        merged = row[0].merge(row[4])
        merged.text = group.award
        for line in group.lines:
            cells = table.add_row().cells
            for cell, text in zip(
                cells, (str(line.order), line.name, line.detail, line.points, line.tier), strict=True
            ):
                cell.text = text
    closing = document.add_table(rows=1, cols=2)
    copies, signing = closing.rows[0].cells
    copies.paragraphs[0].add_run("Nơi nhận:").bold = True
    for line in data.copies:
        _line(copies, f"- {line}", size=pt(11))
    for index, line in enumerate(documents.signature_lines(title=data.signer_title, style=data.style)):
        paragraph = signing.paragraphs[0] if index == 0 else signing.add_paragraph()
        paragraph.add_run(line).bold = True
        paragraph.alignment = align.CENTER
    for _blank in range(3):
        signing.add_paragraph()
    _line(signing, data.signer_name, bold=True, align=align.CENTER)
    return _save(document)


def achievement_report_docx(data: AchievementReportData) -> bytes:
    """The báo cáo thành tích as an editable Word document, in the same order as its PDF."""
    document, align, pt = _docx()
    _header(document, data.header(), align, pt)
    _line(document, data.title, bold=True, align=align.CENTER)
    _line(document, data.summary, bold=True, align=align.CENTER)
    first, second, third = data.sections
    _line(document, first, bold=True)
    for label, value in data.facts:
        _line(document, f"- {label}: {value}")
    _line(document, second, bold=True)
    _line(document, f"Kết quả thi đua trong {data.campaign}:")
    for line in data.results:
        _line(document, f"- {line}")
    _line(document, "Sản phẩm thi đua:", italic=True)
    for line in data.products or ("(Không có)",):
        _line(document, f"- {line}")
    _line(document, "Sáng kiến, giải pháp:", italic=True)
    for line in data.initiatives or ("(Không có)",):
        _line(document, f"- {line}")
    _line(document, third, bold=True)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Năm", "Hình thức khen thưởng", "Số, ngày quyết định, cơ quan ban hành"), strict=True
    ):
        cell.text = text
    for line in data.history:
        for cell, text in zip(table.add_row().cells, (line.year, line.award, line.decision), strict=True):
            cell.text = text
    blocks = data.signature_blocks
    closing = document.add_table(rows=1, cols=len(blocks))
    for cell, (title, name) in zip(closing.rows[0].cells, blocks, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
        cell.paragraphs[0].alignment = align.CENTER
        for _blank in range(3):
            cell.add_paragraph()
        _line(cell, name, bold=True, align=align.CENTER)
    return _save(document)
