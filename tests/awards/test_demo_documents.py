"""Every document the demo generates, in both styles: the Sóc Trăng board (a Party body) and the Minh Họa department
(a State body) — decisions, their drafts, the minutes and the certificates — checked on their text (each element,
in order) and rendered to PNG pages kept as CI artefacts in ``ci-artifacts/documents/`` for a person to look at.

The PNG step needs ``pdftoppm`` (poppler-utils); it is skipped only when that is missing and CI_REQUIRE_BROWSER is
unset (CI sets it, so CI always produces the pages).
"""

import os
import shutil
import subprocess
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from awards.decisions.services import drafts
from awards.decisions.services.certificates import decision_draft_pdf
from awards.models import AwardDecision, Certificate, CouncilSession
from organizations.models import Organization

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "ci-artifacts" / "documents"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
REPUBLIC = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())


def _in_order(text: str, parts) -> None:
    position = 0
    for part in parts:
        part = " ".join(part.split())
        found = text.find(part, position)
        assert found >= 0, f"{part!r} not found in order after:\n{text[position : position + 400]}"
        position = found + len(part)


def _pngs(name: str, pdf: bytes) -> list[Path]:
    """The PDF's pages as PNG files ``ci-artifacts/documents/<name>-<page>.png``."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI_REQUIRE_BROWSER") == "1":
            pytest.fail("CI_REQUIRE_BROWSER=1 but pdftoppm is missing (apt-get install poppler-utils)", pytrace=False)
        return []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(source), str(ARTIFACTS / name)], check=True, timeout=120)
    source.unlink()
    pages = sorted(ARTIFACTS.glob(f"{name}-*.png"))
    assert len(pages) == len(PdfReader(BytesIO(pdf)).pages)
    return pages


def _stored(file_field) -> bytes:
    with file_field.open("rb") as handle:
        return handle.read()


def _check_party_decision(decision: AwardDecision) -> None:
    text = _text(_stored(decision.document.file))
    _in_order(
        text,
        [
            "THÀNH ỦY SÓC TRĂNG BAN TUYÊN GIÁO * Số 01-QĐ/BTGTU",
            PARTY_NAME,
            "Sóc Trăng, ngày 19 tháng 01 năm 2024",
            "QUYẾT ĐỊNH",
            "Về việc khen thưởng thành tích trong Phong trào thi đua năm 2023",
            "TRƯỞNG BAN TUYÊN GIÁO THÀNH ỦY SÓC TRĂNG",
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15",
            "Căn cứ Kế hoạch số 05-KH/BTGTU",
            "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Ban Tuyên giáo Thành ủy Sóc Trăng ngày 16/01/2024;",
            "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Ban Tuyên giáo Thành ủy Sóc Trăng,",
            "QUYẾT ĐỊNH:",
            "Điều 1. Khen thưởng các tập thể, cá nhân có tên sau đây",
            "TT Họ và tên / Tập thể Chức vụ, đơn vị Hình thức khen thưởng",
            "Lê Thị Mỹ Duyên Cán bộ phụ trách công tác tuyên giáo, Ban Tuyên giáo Đảng ủy Phường 1",
            "Điều 2. Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
            "Nơi nhận: - Như Điều 3; - Thường trực Thành ủy (b/c); - Lưu: VT.",
            "TRƯỞNG BAN",
            "Trần Văn Hiếu",
        ],
    )
    assert "CỘNG HÒA" not in text and "DỰ THẢO" not in text


def _check_state_decision(decision: AwardDecision) -> None:
    text = _text(_stored(decision.document.file))
    _in_order(
        text,
        [
            "UBND TỈNH MINH HỌA SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            "Số: 01/QĐ-SVHMH",
            REPUBLIC,
            "Minh Họa, ngày 03 tháng 12 năm 2026",
            "QUYẾT ĐỊNH",
            "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH MINH HỌA",
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15",
            "Căn cứ Kế hoạch số 99-KH/MINHHOA",
            "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Sở Văn hóa, Thể thao và Du lịch tỉnh Minh Họa ngày "
            "02/12/2026;",
            "Xét đề nghị của",
            "QUYẾT ĐỊNH:",
            "Điều 1.",
            "1 Phòng Văn hóa – Xã hội xã An Hòa",
            "Điều 2.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
            "Nơi nhận: - Như Điều 3;",
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
            "Phạm Thị Lan",
        ],
    )
    assert PARTY_NAME not in text


def _check_minutes(session: CouncilSession, *, number: str, national: str, place_date: str, chair: str) -> str:
    text = _text(_stored(session.minutes_file))
    _in_order(
        text,
        [
            number,
            national,
            place_date,
            "BIÊN BẢN KIỂM PHIẾU",
            "Thời gian: bắt đầu lúc",
            f"Địa điểm: {session.place}.",
            f"Chủ trì: {chair}",
            "Thư ký:",
            "Ban kiểm phiếu:",
            "(Trưởng ban)",
            "Số thành viên vắng mặt: 1",
            "Tiêu chuẩn đạt:",
            "kể cả ý kiến bằng văn bản của thành viên vắng mặt",
            "Kết quả kiểm phiếu:",
            "Ý kiến bằng văn bản của thành viên vắng mặt:",
            "Biên bản kết thúc lúc",
            "THƯ KÝ",
            "CHỦ TRÌ",
            "BAN KIỂM PHIẾU TRƯỞNG BAN",
        ],
    )
    return text


def _check_certificates(decision: AwardDecision, *, header: str, signer: str) -> list[bytes]:
    pdfs = []
    for certificate in Certificate.objects.filter(recipient__decision=decision).select_related("recipient"):
        pdf = _stored(certificate.file)
        text = _text(pdf)
        assert text.startswith(header), text[:80]
        _in_order(
            text,
            [
                certificate.recipient.recipient_name,
                certificate.recipient.achievement,
                f"Quyết định số {decision.number_text} ngày {decision.decision_date:%d/%m/%Y}",
                f"Số: {certificate.serial}",
                f"{decision.place}, ngày",
                signer,
            ],
        )
        pdfs.append(pdf)
    assert pdfs
    return pdfs


def test_every_demo_document_in_both_styles(settings, tmp_path, django_capture_on_commit_callbacks):
    # Arrange: the whole demo, its PDFs rendered in-process after commit.
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    party = AwardDecision.objects.select_related("document").get(issuing_organization__code="BTGTU-ST")
    state = AwardDecision.objects.select_related("document").get(issuing_organization__code="SVH-MH")
    sessions = {s.council.organization.code: s for s in CouncilSession.objects.select_related("council__organization")}

    # Act / Assert: the text of each document, element by element, in order.
    assert (party.document_style, party.number_text, state.document_style, state.number_text) == (
        "party",
        "01-QĐ/BTGTU",
        "state",
        "01/QĐ-SVHMH",
    )
    _check_party_decision(party)
    _check_state_decision(state)
    party_minutes = _check_minutes(
        sessions["BTGTU-ST"],
        number="Số 01-BB/BTGTU",
        national=PARTY_NAME,
        place_date="Sóc Trăng, ngày 16 tháng 01 năm 2024",
        chair="Trần Văn Hiếu",
    )
    state_minutes = _check_minutes(
        sessions["SVH-MH"],
        number="Số: 01/BB-SVHMH",
        national=REPUBLIC,
        place_date="Minh Họa, ngày 02 tháng 12 năm 2026",
        chair="Phạm Thị Lan",
    )
    assert "CỘNG HÒA" not in party_minutes and PARTY_NAME not in state_minutes
    party_certificates = _check_certificates(party, header=PARTY_NAME, signer="TRƯỞNG BAN Trần Văn Hiếu")
    state_certificates = _check_certificates(state, header=REPUBLIC, signer="KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Phạm Thị Lan")
    drafts_by_style = {}
    for code in ("BTGTU-ST", "SVH-MH"):
        draft = drafts.decision_create(organization=Organization.objects.get(code=code), actor=None)
        drafts_by_style[code] = decision_draft_pdf(decision=draft)
        draft_text = _text(drafts_by_style[code])
        assert draft_text.startswith("DỰ THẢO") and "Điều 3." in draft_text
    assert "Số -QĐ/BTGTU " in _text(drafts_by_style["BTGTU-ST"])  # the symbol the board's register uses
    assert "Số: /QĐ-SVHMH" in _text(drafts_by_style["SVH-MH"])

    # The pages as PNG files for a person to look at (CI keeps ci-artifacts/).
    documents = {
        "party-decision": _stored(party.document.file),
        "party-decision-draft": drafts_by_style["BTGTU-ST"],
        "party-minutes": _stored(sessions["BTGTU-ST"].minutes_file),
        "party-certificate": party_certificates[0],
        "state-decision": _stored(state.document.file),
        "state-decision-draft": drafts_by_style["SVH-MH"],
        "state-minutes": _stored(sessions["SVH-MH"].minutes_file),
        "state-certificate": state_certificates[0],
    }
    for name, pdf in documents.items():
        _pngs(name, pdf)
