"""Plain data in, PDF bytes out: what each document prints, independent of the database models.

Every text field is printed as-is (auto-escaped); dates are ``datetime.date`` and are written the
Vietnamese way by the renderer ("Hà Nội, ngày 05 tháng 02 năm 2025", "15/5/2025").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class CertificateData:
    """One Bằng khen / Giấy khen: what templates/awards/documents/certificate.html prints."""

    authority: str  # cơ quan / người ban hành, printed in red: "TRƯỞNG BAN TUYÊN GIÁO TRUNG ƯƠNG"
    form_title: str  # "BẰNG KHEN" / "GIẤY KHEN", printed in red
    recipient_name: str  # "Ông Nguyễn Văn An" or "Phường 1"
    recipient_unit: str  # second line: position and unit, or the parent organisation of a collective
    achievement: str  # "Đã có thành tích xuất sắc trong phong trào thi đua … năm 2024"
    decision_number: str  # "45/QĐ-BTG"
    decision_date: date
    golden_book_number: str  # số sổ vàng
    serial: str  # số hiệu của bằng
    verify_url: str  # absolute URL of /verify/<code>/, encoded in the QR code
    place: str  # "Hà Nội"
    sign_date: date
    signer_title: str  # "TRƯỞNG BAN" or "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN" (one line each)
    signer_name: str
    style: str = "state"  # "party": "ĐẢNG CỘNG SẢN VIỆT NAM" instead of the quốc hiệu and tiêu ngữ


@dataclass(frozen=True)
class DecisionRecipient:
    """One row of the table in Article 1 of a decision."""

    order: int
    name: str
    unit: str  # unit and/or position
    award: str  # "Bằng khen", "Giấy khen", "Tập thể lao động xuất sắc", …


@dataclass(frozen=True)
class DecisionData:
    """An award decision (quyết định khen thưởng) in the State layout (Nghị định 30/2020/NĐ-CP) or the Party layout
    (Hướng dẫn 36-HD/VPTW), as ``style`` says."""

    authority_parent: str  # "THÀNH ỦY SÓC TRĂNG" (may be empty)
    authority: str  # "BAN TUYÊN GIÁO"
    number: str  # "01/QĐ-SVHMH" (State) or "01-QĐ/BTGTU" (Party); a draft's has a gap for the number
    place: str
    date: date | None  # None on a draft without a planned date: "ngày … tháng … năm …"
    title: str  # "Về việc khen thưởng …"
    signer_authority: str  # "TRƯỞNG BAN TUYÊN GIÁO THÀNH ỦY", printed under the title, above the legal basis
    legal_basis: Sequence[str]  # "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" …
    articles: Sequence[str]  # body of Điều 1, 2, 3 …; the recipients table follows Điều 1
    recipients: Sequence[DecisionRecipient]
    recipients_to: Sequence[str]  # "Nơi nhận": "Như Điều 3;", "Lưu: VT, TĐKT."
    signer_title: str  # "TRƯỞNG BAN", "PHÓ GIÁM ĐỐC" (or, without a prefix, "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN")
    signer_name: str
    proposal_line: str = ""  # "Xét đề nghị của …", printed after the legal basis when given
    style: str = "state"
    signer_prefix: str = ""  # "tm", "kt", "q", "tl", "tuq" (common.documents.PREFIXES) or "" (own right)
    signer_on_behalf_of: str = ""  # what the prefix signs for: "GIÁM ĐỐC", "BAN THƯỜNG VỤ"
    is_draft: bool = False  # marked "DỰ THẢO" (the same layout as the issued decision)


@dataclass(frozen=True)
class MinutesThreshold:
    """How an award is approved, in words: "Bằng khen: trên 50% tổng số thành viên Hội đồng đồng ý"."""

    award: str
    rule: str


@dataclass(frozen=True)
class MinutesRow:
    """The tally of one nomination. Counts only: never which present member chose what. Absent members' written
    votes are counted apart (``written_*``) and count towards the result only on an "all members" base."""

    nominee: str
    award: str
    approve: int
    reject: int
    abstain: int
    is_approved: bool
    written_approve: int = 0
    written_reject: int = 0
    written_counted: bool = False  # the award's base is all members: the written approvals count
    share: str = ""  # "100%", "80%" (approvals counted, as a share of the base)


@dataclass(frozen=True)
class MinutesWrittenVote:
    """One absent member's written vote on one nominee, with the opinion (named by nature, not secret)."""

    member: str
    nominee: str
    choice: str  # "Đồng ý" / "Không đồng ý"
    opinion: str = ""


@dataclass(frozen=True)
class MinutesData:
    """Biên bản kiểm phiếu of one council session, in the State or Party layout of its organisation."""

    council_name: str  # "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" (the issuing body of the minutes)
    session_title: str  # "Phiên họp xét khen thưởng phong trào thi đua năm 2024"
    place: str  # the place name (địa danh) before the date, never the meeting room
    date: date
    members_total: int
    present_count: int
    is_quorum_met: bool
    thresholds: Sequence[MinutesThreshold]
    rows: Sequence[MinutesRow]
    chair_name: str
    secretary_name: str
    absent_names: Sequence[str] = field(default_factory=tuple)
    style: str = "state"
    superior: str = ""  # the council's organisation: "BAN TUYÊN GIÁO THÀNH ỦY SÓC TRĂNG"
    number: str = ""  # "01-BB/BTGTU"; empty on minutes rendered before numbers existed
    room: str = ""  # "Phòng họp số 1, Ban Tuyên giáo Thành ủy"
    started_at: datetime | None = None  # local times of the meeting (the session opened, voting closed)
    ended_at: datetime | None = None
    chair_title: str = ""
    present_names: Sequence[str] = field(default_factory=tuple)
    committee: Sequence[str] = field(default_factory=tuple)  # Ban kiểm phiếu, its head first
    written_votes: Sequence[MinutesWrittenVote] = field(default_factory=tuple)
    scheduled_at: datetime | None = None  # when the session was scheduled (printed with an early opening)
    early_opening_reason: str = ""  # why it was opened before the scheduled time
    recusals: Sequence[str] = field(default_factory=tuple)  # "Name không biểu quyết đối với X (là …)"
