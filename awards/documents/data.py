"""Plain data in, PDF bytes out: what each document prints, independent of the database models.

Every text field is printed as-is (auto-escaped); dates are ``datetime.date`` and are written the
Vietnamese way by the renderer ("Hà Nội, ngày 05 tháng 02 năm 2025", "15/5/2025").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class CertificateData:
    """One Bằng khen / Giấy khen (DESIGN.md §5)."""

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


@dataclass(frozen=True)
class DecisionRecipient:
    """One row of the table in Article 1 of a decision."""

    order: int
    name: str
    unit: str  # unit and/or position
    award: str  # "Bằng khen", "Giấy khen", "Tập thể lao động xuất sắc", …


@dataclass(frozen=True)
class DecisionData:
    """An award decision (quyết định khen thưởng) in the layout of Decree 30/2020/NĐ-CP."""

    authority_parent: str  # "BAN CHẤP HÀNH TRUNG ƯƠNG" (may be empty)
    authority: str  # "BAN TUYÊN GIÁO"
    number: str  # "45/QĐ-BTG"
    place: str
    date: date
    title: str  # "Về việc khen thưởng …"
    signer_authority: str  # "TRƯỞNG BAN TUYÊN GIÁO TRUNG ƯƠNG", printed above the legal basis
    legal_basis: Sequence[str]  # "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" …
    articles: Sequence[str]  # body of Điều 1, 2, 3 …; the recipients table follows Điều 1
    recipients: Sequence[DecisionRecipient]
    recipients_to: Sequence[str]  # "Nơi nhận": "Như Điều 3;", "Lưu: VT, TĐKT."
    signer_title: str  # "TRƯỞNG BAN" or "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"
    signer_name: str
    proposal_line: str = ""  # "Theo đề nghị của …", printed after the legal basis when given


@dataclass(frozen=True)
class MinutesThreshold:
    """How an award is approved, in words: "Bằng khen: trên 50% tổng số thành viên Hội đồng đồng ý"."""

    award: str
    rule: str


@dataclass(frozen=True)
class MinutesRow:
    """The tally of one nomination. Counts only: never which member chose what."""

    nominee: str
    award: str
    approve: int
    reject: int
    abstain: int
    is_approved: bool


@dataclass(frozen=True)
class MinutesData:
    """Biên bản kiểm phiếu of one council session."""

    council_name: str  # "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG BAN TUYÊN GIÁO TRUNG ƯƠNG"
    session_title: str  # "Phiên họp xét khen thưởng phong trào thi đua năm 2024"
    place: str
    date: date
    members_total: int
    present_count: int
    is_quorum_met: bool
    thresholds: Sequence[MinutesThreshold]
    rows: Sequence[MinutesRow]
    chair_name: str
    secretary_name: str
    absent_names: Sequence[str] = field(default_factory=tuple)
