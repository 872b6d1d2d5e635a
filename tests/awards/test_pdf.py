"""The PDF layer of the awards app: text round-trips, embedded fonts, the URL fetcher, calibration, QR, merging."""

import base64
import socket
import unicodedata
from dataclasses import replace
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
import segno
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from awards.documents import (
    DEFAULT_CALIBRATION,
    CertificateData,
    DecisionData,
    DecisionRecipient,
    MinutesData,
    MinutesRow,
    MinutesThreshold,
    certificate_html,
    html_to_pdf,
    merge_pdfs,
    render_certificate,
    render_decision,
    render_minutes,
    validate_calibration,
)
from awards.documents.data import MinutesWrittenVote
from awards.documents.html import long_date
from awards.documents.qr import QUIET_ZONE, qr_data_uri, qr_matrix
from common.pdf import fonts as pdf_fonts
from common.pdf.fetcher import RefusedURL, make_fetcher

MM = 72 / 25.4  # PDF points per millimetre

CERTIFICATE = CertificateData(
    authority="TRƯỞNG BAN TUYÊN GIÁO TRUNG ƯƠNG",
    form_title="BẰNG KHEN",
    recipient_name="Đồng chí Nguyễn Thị Hồng Nhung",
    recipient_unit="Chuyên viên Vụ Lý luận chính trị, Ban Tuyên giáo Trung ương",
    achievement="Đã có thành tích xuất sắc trong phong trào thi đua chào mừng kỷ niệm 90 năm Ngày truyền thống "
    "ngành Tuyên giáo của Đảng (01/8/1930 – 01/8/2020)",
    decision_number="45/QĐ-BTG",
    decision_date=date(2020, 12, 28),
    golden_book_number="1234",
    serial="BK-2020-000045",
    verify_url="https://thidua.example.gov.vn/verify/6f3c9a2b1d8e4f70a1b2/",
    place="Hà Nội",
    sign_date=date(2020, 12, 28),
    signer_title="KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC",
    signer_name="Võ Văn Phuông",
)

DECISION = DecisionData(
    authority_parent="UBND TỈNH MINH HỌA",
    authority="SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    number="01/QĐ-SVHMH",
    place="Minh Họa",
    date=date(2027, 1, 8),
    title="Về việc khen thưởng các tập thể có thành tích xuất sắc năm 2026",
    signer_authority="GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    legal_basis=[
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ;",
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày 06/01/2027;",
    ],
    articles=[
        "Khen thưởng các tập thể, cá nhân có tên sau đây đã có thành tích xuất sắc:",
        "Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định.",
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Thủ trưởng các cơ quan, đơn vị liên quan và "
        "các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    ],
    recipients=[
        DecisionRecipient(1, "Phòng Văn hóa – Xã hội xã An Hòa", "", "Giấy khen"),
        DecisionRecipient(2, "Nguyễn Thị Hồng Nhung", "Chuyên viên, Phòng Văn hóa – Xã hội xã An Hòa", "Giấy khen"),
    ],
    recipients_to=["Như Điều 3;", "Lưu: VT, TĐKT."],
    signer_title="PHÓ GIÁM ĐỐC",
    signer_name="Trần Minh Quang",
    signer_prefix="kt",
    signer_on_behalf_of="GIÁM ĐỐC",
    proposal_line="Xét đề nghị của Hội đồng Thi đua - Khen thưởng Sở,",
)
PARTY_DECISION = replace(
    DECISION,
    style="party",
    authority_parent="THÀNH ỦY SÓC TRĂNG",
    authority="BAN TUYÊN GIÁO",
    number="01-QĐ/BTGTU",
    place="Sóc Trăng",
    date=date(2024, 1, 19),
    signer_authority="TRƯỞNG BAN TUYÊN GIÁO THÀNH ỦY",
    signer_title="TRƯỞNG BAN",
    signer_prefix="",
    signer_on_behalf_of="",
    signer_name="Trần Văn Hiếu",
)

MINUTES = MinutesData(
    council_name="HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
    superior="BAN TUYÊN GIÁO THÀNH ỦY SÓC TRĂNG",
    style="party",
    number="01-BB/BTGTU",
    session_title="Phiên họp xét khen thưởng năm 2023",
    place="Sóc Trăng",
    room="Phòng họp Ban Tuyên giáo Thành ủy",
    date=date(2023, 12, 5),
    started_at=datetime(2023, 12, 5, 14, 0),
    ended_at=datetime(2023, 12, 5, 15, 10),
    members_total=9,
    present_count=8,
    is_quorum_met=True,
    thresholds=[MinutesThreshold("Giấy khen", "trên 50% tổng số thành viên Hội đồng đồng ý")],
    rows=[
        MinutesRow("Phường 1", "Giấy khen", 8, 0, 0, True, 1, 0, True, "100%"),
        MinutesRow("Ông Trần Văn Bình", "Giấy khen", 3, 4, 1, False, 0, 1, True, "33,33%"),
    ],
    chair_name="Lâm Văn Mẫn",
    chair_title="Trưởng Ban",
    secretary_name="Lê Thị Mai",
    present_names=["Lâm Văn Mẫn", "Lê Thị Mai"],
    absent_names=["Phạm Văn Đức"],
    committee=["Nguyễn Hoàng Phúc", "Lê Thị Ngọc Bích", "Phạm Quốc Việt"],
    written_votes=[
        MinutesWrittenVote("Phạm Văn Đức", "Phường 1", "Đồng ý", "Nhất trí đề nghị."),
        MinutesWrittenVote("Phạm Văn Đức", "Ông Trần Văn Bình", "Không đồng ý"),
    ],
)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _text(pdf: bytes) -> str:
    return _norm(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages))


def _font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _position_of(pdf: bytes, needle: str) -> tuple[float, float]:
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if needle in unicodedata.normalize("NFC", text):
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    PdfReader(BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert found, needle
    return found[0]


@pytest.fixture
def listener():
    """A real loopback server socket; the test asserts nobody connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def test_certificate_full_text_equals_the_vietnamese_source():
    # Act
    pdf = render_certificate(CERTIFICATE)

    # Assert
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    text = _text(pdf)
    expected = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"{CERTIFICATE.authority} TẶNG {CERTIFICATE.form_title} {CERTIFICATE.recipient_name}",
        CERTIFICATE.recipient_unit,
        CERTIFICATE.achievement,
        "Quyết định số 45/QĐ-BTG ngày 28/12/2020",
        "Số sổ vàng: 1234",
        "Số: BK-2020-000045",
        "Hà Nội, ngày 28 tháng 12 năm 2020 KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN THƯỜNG TRỰC Võ Văn Phuông",
    ]
    for line in expected:
        assert _norm(line) in text


def test_certificate_overlay_prints_only_the_fields():
    # Act
    pdf = render_certificate(CERTIFICATE, mode="overlay")

    # Assert
    text = _text(pdf)
    for value in (CERTIFICATE.recipient_name, CERTIFICATE.recipient_unit, CERTIFICATE.achievement, "Võ Văn Phuông"):
        assert _norm(value) in text
    assert "CỘNG HÒA" not in text  # pre-printed on the blank
    assert "BẰNG KHEN" not in text


def assert_in_order(text: str, parts) -> None:
    """Each of ``parts`` is in ``text`` (whitespace-normalised), each after the previous one."""
    position = 0
    for part in parts:
        found = text.find(_norm(part), position)
        assert found >= 0, f"{part!r} not found in order after position {position}:\n{text[position : position + 300]}"
        position = found + len(_norm(part))


def test_state_decision_has_every_element_in_order():
    # Act
    pdf = render_decision(DECISION)

    # Assert
    assert_in_order(
        _text(pdf),
        [
            "UBND TỈNH MINH HỌA SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            "Số: 01/QĐ-SVHMH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
            "Minh Họa, ngày 08 tháng 01 năm 2027",
            "QUYẾT ĐỊNH",
            DECISION.title,
            DECISION.signer_authority,
            *DECISION.legal_basis,
            DECISION.proposal_line,
            "QUYẾT ĐỊNH:",
            f"Điều 1. {DECISION.articles[0]}",
            "TT Họ và tên / Tập thể Chức vụ, đơn vị Hình thức khen thưởng",
            "1 Phòng Văn hóa – Xã hội xã An Hòa Giấy khen",
            "2 Nguyễn Thị Hồng Nhung Chuyên viên, Phòng Văn hóa – Xã hội xã An Hòa Giấy khen",
            f"Điều 2. {DECISION.articles[1]}",
            f"Điều 3. {DECISION.articles[2]}",
            "Nơi nhận: - Như Điều 3; - Lưu: VT, TĐKT.",
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
            "Trần Minh Quang",
        ],
    )
    assert "ĐẢNG CỘNG SẢN" not in _text(pdf) and "DỰ THẢO" not in _text(pdf)


def test_party_decision_has_every_element_in_order():
    pdf = render_decision(PARTY_DECISION)

    text = _text(pdf)
    assert_in_order(
        text,
        [
            "THÀNH ỦY SÓC TRĂNG BAN TUYÊN GIÁO * Số 01-QĐ/BTGTU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Sóc Trăng, ngày 19 tháng 01 năm 2024",
            "QUYẾT ĐỊNH",
            PARTY_DECISION.title,
            "TRƯỞNG BAN TUYÊN GIÁO THÀNH ỦY",
            *PARTY_DECISION.legal_basis,
            PARTY_DECISION.proposal_line,
            "QUYẾT ĐỊNH:",
            "Điều 1.",
            "Điều 2.",
            "Điều 3.",
            "Nơi nhận:",
            "TRƯỞNG BAN Trần Văn Hiếu",
        ],
    )
    assert "CỘNG HÒA" not in text and "Độc lập" not in text and "Số:" not in text


def test_party_authority_prefixes_are_written_the_party_way():
    pdf = render_decision(
        replace(PARTY_DECISION, signer_prefix="kt", signer_on_behalf_of="TRƯỞNG BAN", signer_title="PHÓ TRƯỞNG BAN")
    )

    assert "K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN" in _text(pdf)


def test_draft_is_the_same_decision_marked_du_thao_without_a_number():
    draft = replace(DECISION, is_draft=True, number="\u2003\u2003/QĐ-SVHMH", date=None)

    text = _text(render_decision(draft))

    assert text.startswith("DỰ THẢO")
    assert_in_order(text, ["Số: /QĐ-SVHMH", "Minh Họa, ngày tháng năm", "QUYẾT ĐỊNH", "Điều 3.", "Trần Minh Quang"])
    assert "01/QĐ-SVHMH" not in text


def test_a_long_signer_title_never_breaks_inside_a_word():
    title = "PHÓ GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH MINH HỌA PHỤ TRÁCH THI ĐUA KHEN THƯỞNG"

    text = _text(render_decision(replace(DECISION, signer_title=title)))

    assert _norm(f"KT. GIÁM ĐỐC {title} Trần Minh Quang") in text  # every word whole, in order


def test_page_numbers_are_at_the_top_centre_from_page_two():
    many = [DecisionRecipient(n, f"Phòng Văn hóa – Xã hội xã số {n}", "", "Giấy khen") for n in range(1, 61)]

    reader = PdfReader(BytesIO(render_decision(replace(DECISION, recipients=many))))

    assert len(reader.pages) >= 2
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() == "2":
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    reader.pages[1].extract_text(visitor_text=visit)
    width, height = float(reader.pages[1].mediabox.width), float(reader.pages[1].mediabox.height)
    x, y = found[0]
    content_centre = (30 + (210 - 30 - 15) / 2) * MM
    assert abs(x - content_centre) < 10 and y > height - 20 * MM  # in the top margin, centred over the text
    assert x < width
    first_page_top = reader.pages[0].extract_text().split()[0]
    assert first_page_top != "1"  # no number on page 1


@pytest.mark.parametrize("style", ["party", "state"])
def test_minutes_have_every_element_in_order(style):
    data = MINUTES if style == "party" else replace(MINUTES, style="state", number="01/BB-SVHMH")

    text = _text(render_minutes(data))

    national = "ĐẢNG CỘNG SẢN VIỆT NAM" if style == "party" else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    number = "Số 01-BB/BTGTU" if style == "party" else "Số: 01/BB-SVHMH"
    assert_in_order(
        text,
        [
            "BAN TUYÊN GIÁO THÀNH ỦY SÓC TRĂNG HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
            number,
            national,
            "Sóc Trăng, ngày 05 tháng 12 năm 2023",
            "BIÊN BẢN KIỂM PHIẾU Phiên họp xét khen thưởng năm 2023",
            "Thời gian: bắt đầu lúc 14 giờ 00 phút ngày 05/12/2023; kết thúc lúc 15 giờ 10 phút cùng ngày.",
            "Địa điểm: Phòng họp Ban Tuyên giáo Thành ủy.",
            "Chủ trì: Lâm Văn Mẫn, Trưởng Ban.",
            "Thư ký: Lê Thị Mai.",
            "Ban kiểm phiếu: Nguyễn Hoàng Phúc (Trưởng ban), Lê Thị Ngọc Bích, Phạm Quốc Việt.",
            "Tổng số thành viên Hội đồng: 9. Số thành viên có mặt: 8 (Lâm Văn Mẫn, Lê Thị Mai). "
            "Số thành viên vắng mặt: 1 (Phạm Văn Đức).",
            "Phiên họp có đủ số thành viên theo quy định.",
            "Tiêu chuẩn đạt: - Giấy khen: trên 50% tổng số thành viên Hội đồng đồng ý.",
            "Kết quả kiểm phiếu:",
            "1 Phường 1 Giấy khen 8 0 0 1 0 100% Đạt",
            "2 Ông Trần Văn Bình Giấy khen 3 4 1 0 1 33,33% Không đạt",
            "Ý kiến bằng văn bản của thành viên vắng mặt:",
            "- Phạm Văn Đức: Phường 1: Đồng ý; Ông Trần Văn Bình: Không đồng ý. Ý kiến: Nhất trí đề nghị.",
            "Biên bản kết thúc lúc 15 giờ 10 phút cùng ngày",
            "THƯ KÝ Lê Thị Mai CHỦ TRÌ Lâm Văn Mẫn",
            "BAN KIỂM PHIẾU TRƯỞNG BAN",
            "Nguyễn Hoàng Phúc",
        ],
    )
    assert "Phòng họp Ban Tuyên giáo Thành ủy, ngày" not in text  # the place line is the place name, not the room


def test_party_certificate_carries_the_party_header():
    text = _text(render_certificate(replace(CERTIFICATE, style="party")))

    assert text.startswith("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert "CỘNG HÒA" not in text and "Độc lập" not in text
    assert "Hà Nội, ngày 28 tháng 12 năm 2020" in text


def test_documents_embed_only_their_own_font():
    for pdf, family in (
        (render_certificate(CERTIFICATE), "Noto-Serif"),
        (render_decision(DECISION), "Tinos"),
        (render_minutes(MINUTES), "Tinos"),
    ):
        names = _font_names(pdf)
        assert names
        assert all(family in name for name in names), names


def test_documents_stay_vietnamese_under_the_english_interface():
    with translation.override("en"):
        pdf = render_certificate(CERTIFICATE)

    assert "Quyết định số 45/QĐ-BTG" in _text(pdf)


def test_fetcher_refuses_network_files_and_traversal(listener):
    # Arrange
    port = listener.getsockname()[1]
    static_awards = (Path(__file__).resolve().parents[2] / "static" / "awards").as_uri()
    refused_urls = [
        f"http://127.0.0.1:{port}/logo.png",
        f"http://127.0.0.1:{port}/print.css",
        f"http://127.0.0.1:{port}/font.ttf",
        "file:///etc/passwd",
        f"{static_awards}/../css/app.css",
        f"{static_awards}/%2e%2e/css/app.css",
        "file:///static/awards/../css/app.css",
    ]
    html = (
        f'<html><head><link rel="stylesheet" href="{refused_urls[1]}">'
        f'<style>@font-face {{ font-family: X; src: url("{refused_urls[2]}"); }} body {{ font-family: X; }}</style>'
        f'</head><body><img src="{refused_urls[0]}"><img src="{refused_urls[3]}">'
        f'<link rel="stylesheet" href="{refused_urls[4]}"><link rel="stylesheet" href="{refused_urls[5]}">'
        f'<link rel="stylesheet" href="{refused_urls[6]}"><p>x</p></body></html>'
    )
    fetcher = make_fetcher()

    # Act
    pdf = html_to_pdf(html, fetcher=fetcher)

    # Assert
    assert pdf.startswith(b"%PDF")
    assert _connections(listener) == 0
    assert fetcher.refused_count == len(refused_urls)
    assert fetcher.served == []


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/a.ttf",
        "ftp://127.0.0.1/a.ttf",
        "file:///etc/passwd",
        "file://otherhost/work/a.ttf",
        "file:///static/awards/%2e%2e/%2e%2e/manage.py",
        "file:///static/common/fonts/OFL.txt",  # inside, but not a font, stylesheet or image
    ],
)
def test_fetcher_refuses_each_url(url):
    fetcher = make_fetcher()

    with pytest.raises(RefusedURL):
        fetcher.fetch(url)

    assert fetcher.refused == [url]


def test_fetcher_serves_the_app_fonts_and_data_uris():
    # Arrange
    font = pdf_fonts.font_dir() / "NotoSerif-Regular.ttf"
    fetcher = make_fetcher()

    # Act
    by_path = fetcher.fetch(font.resolve().as_uri()).read()
    by_static_url = fetcher.fetch("file:///static/common/fonts/NotoSerif-Regular.ttf").read()
    stylesheet = fetcher.fetch("file:///static/awards/certificate.css").read()
    data = fetcher.fetch("data:text/plain;base64,eGluIGNow6Bv").read()

    # Assert
    assert by_path == by_static_url == font.read_bytes()
    assert b"@page" in stylesheet
    assert data == "xin chào".encode()
    assert fetcher.refused_count == 0


def test_hostile_text_is_printed_literally_and_fetches_nothing(listener):
    # Arrange
    port = listener.getsockname()[1]
    hostile = replace(
        CERTIFICATE,
        recipient_name="<script>alert(1)</script>",
        recipient_unit=f"<img src=http://127.0.0.1:{port}/x.png>",
        achievement="{{ 7*7 }} {% now 'Y' %}",
    )
    fetcher = make_fetcher()

    # Act
    html = certificate_html(hostile)
    pdf = html_to_pdf(html, fetcher=fetcher)

    # Assert
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    text = _text(pdf)
    assert "<script>alert(1)</script>" in text
    assert f"<img src=http://127.0.0.1:{port}/x.png>" in text
    assert "{{ 7*7 }} {% now 'Y' %}" in text
    assert _connections(listener) == 0
    assert fetcher.refused_count == 0


def test_calibration_moves_a_field():
    # Arrange
    moved = {"recipient_name": {"x_mm": 58, "y_mm": 110}}

    # Act
    x0, y0 = _position_of(render_certificate(CERTIFICATE, mode="overlay"), "Nguyễn Thị Hồng Nhung")
    x1, y1 = _position_of(render_certificate(CERTIFICATE, mode="overlay", calibration=moved), "Nguyễn Thị Hồng Nhung")

    # Assert: 10 mm to the right, 20 mm down (PDF y grows upwards)
    assert x1 - x0 == pytest.approx(10 * MM, abs=0.5)
    assert y0 - y1 == pytest.approx(20 * MM, abs=0.5)


def test_calibration_merges_over_the_defaults_and_can_hide_a_field():
    calibration = validate_calibration({"authority": {"visible": False}, "qr": {"width_mm": 25}})

    assert set(calibration) == set(DEFAULT_CALIBRATION)
    assert calibration["qr"]["width_mm"] == 25
    assert calibration["qr"]["x_mm"] == DEFAULT_CALIBRATION["qr"]["x_mm"]
    pdf = render_certificate(CERTIFICATE, mode="overlay", calibration={"authority": {"visible": False}})
    assert CERTIFICATE.authority not in _text(pdf)


@pytest.mark.parametrize(
    ("calibration", "message"),
    [
        ({"stamp": {"x_mm": 1}}, "Unknown field stamp"),
        ({"recipient_name": {"x_mm": 10, "colour": "red"}}, "unknown keys colour"),
        ({"recipient_name": {"x_mm": "10"}}, "must be a number"),
        ({"recipient_name": {"x_mm": True}}, "must be a number"),
        ({"recipient_name": {"y_mm": 250}}, "outside the 297 × 210 mm page"),
        ({"recipient_name": {"x_mm": -1}}, "outside the 297 × 210 mm page"),
        ({"recipient_name": {"x_mm": 200, "width_mm": 120}}, "end inside the page"),
        ({"recipient_name": {"font_size_pt": 200}}, "font size must be between"),
        ({"qr": {"y_mm": 200, "width_mm": 30}}, "QR code must end inside the page"),
        ({"recipient_name": {"visible": "no"}}, "visible must be true or false"),
        ({"recipient_name": 12}, "expected x_mm, y_mm, width_mm and font_size_pt"),
    ],
)
def test_invalid_calibration_is_refused(calibration, message):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_calibration(calibration)

    assert any(message in text for text in caught.value.messages), caught.value.messages


def test_render_refuses_invalid_calibration_and_unknown_mode():
    with pytest.raises(ValidationError):
        render_certificate(CERTIFICATE, mode="overlay", calibration={"recipient_name": {"y_mm": 999}})
    with pytest.raises(ValueError, match="mode"):
        render_certificate(CERTIFICATE, mode="draft")


def test_merge_pdfs_gives_one_page_per_certificate(tmp_path):
    # Arrange
    pdfs = [render_certificate(replace(CERTIFICATE, serial=f"BK-{n}")) for n in range(3)]
    on_disk = tmp_path / "one.pdf"
    on_disk.write_bytes(pdfs[0])

    # Act
    pages = merge_pdfs([*pdfs, on_disk], tmp_path / "print.pdf")
    buffer = BytesIO()
    merge_pdfs(pdfs[:2], buffer)

    # Assert
    merged = PdfReader(tmp_path / "print.pdf")
    assert pages == len(merged.pages) == 4
    assert "Số: BK-2" in merged.pages[2].extract_text()
    assert len(PdfReader(BytesIO(buffer.getvalue())).pages) == 2


def _matrix_from_png(data_uri: str) -> list[list[bool]]:
    png = base64.b64decode(data_uri.removeprefix("data:image/png;base64,"))
    image = Image.open(BytesIO(png)).convert("L")
    quiet = QUIET_ZONE
    return [
        [image.getpixel((x, y)) < 128 for x in range(quiet, image.width - quiet)]
        for y in range(quiet, image.height - quiet)
    ]


def test_qr_code_encodes_the_verify_url():
    # Arrange
    url = CERTIFICATE.verify_url
    reference = [[bool(m) for m in row] for row in segno.make_qr(url, error="m", boost_error=False).matrix]

    # Act
    data_uri = qr_data_uri(url)
    html = certificate_html(CERTIFICATE)

    # Assert
    assert _matrix_from_png(data_uri) == qr_matrix(url) == reference
    assert _matrix_from_png(qr_data_uri(url + "x")) != reference
    assert data_uri in html


def test_long_date_follows_decree_30():
    assert long_date("Hà Nội", date(2025, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2025"
    assert long_date("Sóc Trăng", date(2023, 12, 15)) == "Sóc Trăng, ngày 15 tháng 12 năm 2023"


def test_fetch_fonts_is_a_no_op_when_present():
    def no_network(url):
        raise AssertionError(f"downloaded {url}")

    assert pdf_fonts.missing_files() == []
    assert pdf_fonts.fetch_fonts(download=no_network) == []


def test_fetch_fonts_refuses_a_tarball_that_fails_its_integrity_check(tmp_path):
    with pytest.raises(pdf_fonts.FontFetchError, match="integrity"):
        pdf_fonts.fetch_fonts(tmp_path, download=lambda url: b"not the package")

    assert list(tmp_path.iterdir()) == []
