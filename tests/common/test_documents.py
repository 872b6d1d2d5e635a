"""The two systems of administrative documents (common/documents.py): numbers, place-date, signature lines, headers."""

from datetime import date

import pytest

from common import documents as docs


@pytest.mark.parametrize(
    ("number", "symbol", "style", "expected"),
    [
        (1, "QĐ-BTGTU", "state", "01/QĐ-BTGTU"),
        (1, "QĐ-BTGTU", "party", "01-QĐ/BTGTU"),
        (9, "QĐ-UBND", "state", "09/QĐ-UBND"),
        (10, "QĐ-UBND", "state", "10/QĐ-UBND"),
        (383, "KH-BTGTW", "party", "383-KH/BTGTW"),
        (7, "BB-HĐTĐKT", "party", "07-BB/HĐTĐKT"),
        (7, "BB", "party", "07-BB"),
        (7, "BB", "state", "07/BB"),
        (12345, "QĐ-SVHMH", "state", "12345/QĐ-SVHMH"),
    ],
)
def test_document_number_pads_below_ten_in_both_styles(number, symbol, style, expected):
    assert docs.document_number(number, symbol, style=style) == expected


@pytest.mark.parametrize(
    ("number", "symbol", "style", "error"),
    [
        (0, "QĐ-X", "state", ValueError),
        (True, "QĐ-X", "state", TypeError),
        (1, "QĐ/X", "state", ValueError),
        (1, "QĐ X", "party", ValueError),
        (1, "", "party", ValueError),
        (1, "QĐ-X", "union", ValueError),
    ],
)
def test_document_number_refuses_bad_input(number, symbol, style, error):
    with pytest.raises(error):
        docs.document_number(number, symbol, style=style)


def test_number_line_has_a_colon_only_in_state_documents():
    assert docs.number_line("01/QĐ-SVHMH", style="state") == "Số: 01/QĐ-SVHMH"
    assert docs.number_line("01-QĐ/BTGTU", style="party") == "Số 01-QĐ/BTGTU"


def test_draft_number_leaves_a_gap_for_the_number():
    assert docs.draft_number("QĐ-BTGTU", style="party").endswith("-QĐ/BTGTU")
    assert docs.draft_number("QĐ-SVHMH", style="state").endswith("/QĐ-SVHMH")
    assert not docs.draft_number("QĐ-SVHMH", style="state")[0].isdigit()


def test_long_date_follows_decree_30_and_leaves_gaps_without_a_date():
    assert docs.long_date("Hà Nội", date(2025, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2025"
    assert docs.long_date("Sóc Trăng", date(2024, 1, 19)) == "Sóc Trăng, ngày 19 tháng 01 năm 2024"
    assert docs.long_date("Sóc Trăng", date(2023, 12, 15)) == "Sóc Trăng, ngày 15 tháng 12 năm 2023"
    assert docs.long_date("Sóc Trăng", date(2023, 3, 1)) == "Sóc Trăng, ngày 01 tháng 3 năm 2023"
    draft = docs.long_date("Sóc Trăng", None)
    assert draft.startswith("Sóc Trăng, ngày ") and " tháng " in draft and " năm " in draft


@pytest.mark.parametrize(
    ("style", "prefix", "on_behalf_of", "title", "expected"),
    [
        ("state", "", "", "Trưởng Ban", ["TRƯỞNG BAN"]),
        ("state", "kt", "Giám đốc", "Phó Giám đốc", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        ("party", "kt", "Trưởng Ban", "Phó Trưởng Ban", ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
        ("state", "tm", "Ủy ban nhân dân", "Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("party", "tm", "Ban Thường vụ", "Bí thư", ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]),
        ("state", "q", "", "Giám đốc", ["Q. GIÁM ĐỐC"]),
        ("state", "tl", "Giám đốc", "Chánh Văn phòng", ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
        ("party", "tl", "Ban Thường vụ", "Chánh Văn phòng", ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]),
        ("state", "tuq", "Giám đốc", "Trưởng phòng", ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"]),
        ("party", "tuq", "Trưởng Ban", "Trưởng phòng", ["T/UQ TRƯỞNG BAN", "TRƯỞNG PHÒNG"]),
        ("state", "", "", "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
    ],
)
def test_signature_lines_carry_the_authority_prefix_of_the_style(style, prefix, on_behalf_of, title, expected):
    assert docs.signature_lines(title=title, prefix=prefix, on_behalf_of=on_behalf_of, style=style) == expected


def test_unknown_prefix_is_refused():
    with pytest.raises(ValueError, match="prefix"):
        docs.signature_lines(title="X", prefix="xx")


def test_headers_of_the_two_styles():
    state = docs.Header(style="state", issuer="SỞ VĂN HÓA", number_text="01/QĐ-SVHMH", place="Minh Họa", day=None)
    party = docs.Header(
        style="party",
        issuer="BAN TUYÊN GIÁO",
        superior="THÀNH ỦY SÓC TRĂNG",
        number_text="01-QĐ/BTGTU",
        place="Sóc Trăng",
        day=date(2024, 1, 19),
    )
    assert (state.national_title, state.motto, state.number_line) == (docs.REPUBLIC, docs.MOTTO, "Số: 01/QĐ-SVHMH")
    assert (party.national_title, party.motto, party.number_line) == (docs.PARTY_NAME, "", "Số 01-QĐ/BTGTU")
    assert party.place_date == "Sóc Trăng, ngày 19 tháng 01 năm 2024"
    assert docs.certificate_header("state") == [docs.REPUBLIC, docs.MOTTO]
    assert docs.certificate_header("party") == [docs.PARTY_NAME]
    with pytest.raises(ValueError):
        docs.Header(style="other", issuer="X", number_text="1", place="", day=None)
