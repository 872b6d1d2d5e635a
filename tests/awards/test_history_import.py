"""Import of past years' award history: all-or-nothing with "Line N" errors, idempotent, reach-checked,
upload checked by content and size, the .xlsx template."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.enums import RecordSource
from awards.ledger.imports import COLUMNS
from awards.models import AwardRecord
from tests.awards.factories import AwardRecordFactory, award_type
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "Mã cán bộ",
    "Mã đơn vị",
    "Mã khen thưởng",
    "Danh hiệu, hình thức khen thưởng",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Thành tích",
]
URL = reverse("awards:history-import")


def _xlsx(rows, header=HEADER):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("lich-su.xlsx", buffer.getvalue())


def _csv(text):
    return SimpleUploadedFile("lich-su.csv", text.encode("utf-8"))


@pytest.fixture
def people(org_tree):
    return {
        "lan": PersonFactory(code="CB001", full_name="Trần Thị Lan", organization=org_tree["ward_a"]),
        "minh": PersonFactory(code="CB002", full_name="Lê Văn Minh", organization=org_tree["ward_b"]),
        "xa": PersonFactory(code="CB900", full_name="Người Xa", organization=org_tree["other"]),
    }


GOOD_ROWS = [
    ["CB001", "", "LDTT", "", 2021, "5/QĐ-BTG", "20/12/2021", "Ban Tuyên giáo", ""],
    ["cb001", "", "CSTD_CS", "", "2024", "9/QĐ-BTG", "", "", "Sáng kiến"],
    ["", "WA", "", "Tập thể lao động xuất sắc", 2022, "", "", "", ""],
    ["CB002", "", "", "Huy hiệu Tuổi trẻ sáng tạo", 2020, "", "", "Tỉnh đoàn", ""],
]


def test_import_writes_every_row_and_running_twice_adds_nothing(client, officer, people, org_tree):
    client.force_login(officer)
    response = client.post(URL, {"file": _xlsx(GOOD_ROWS)})
    assert response["Location"] == reverse("awards:history-list")
    assert AwardRecord.objects.count() == 4
    lan = AwardRecord.objects.get(person=people["lan"], award_code="CSTD_CS")
    assert (lan.year, lan.decision_number, lan.achievement, lan.source) == (2024, "9/QĐ-BTG", "Sáng kiến", "import")
    assert lan.award_type == award_type("CSTD_CS", on=date(2024, 12, 31)) and lan.award_name == "Chiến sĩ thi đua cơ sở"
    ward = AwardRecord.objects.get(organization=org_tree["ward_a"])
    assert ward.award_code == "TTLDXS"  # a catalogue name finds its code
    badge = AwardRecord.objects.get(person=people["minh"])
    assert badge.award_type is None and badge.award_name == "Huy hiệu Tuổi trẻ sáng tạo"
    ldtt_2021 = AwardRecord.objects.get(person=people["lan"], award_code="LDTT")
    assert ldtt_2021.award_type is None  # the catalogue row is valid from 2024 only; code and name are kept
    assert ldtt_2021.decision_date.isoformat() == "2021-12-20"

    client.post(URL, {"file": _xlsx(GOOD_ROWS)})
    assert AwardRecord.objects.count() == 4


def test_import_updates_changed_details_of_existing_rows(client, officer, people):
    AwardRecordFactory(
        person=people["lan"],
        award_code="LDTT",
        year=2021,
        decision_number="5/QĐ-BTG",
        issuer="cũ",
        source=RecordSource.IMPORT,
    )
    client.force_login(officer)
    client.post(URL, {"file": _xlsx(GOOD_ROWS[:1])}, follow=True)
    record = AwardRecord.objects.get(person=people["lan"])
    assert record.issuer == "Ban Tuyên giáo"
    assert AwardRecord.objects.count() == 1


def test_one_bad_row_writes_nothing_and_lists_every_error(client, officer, people):
    rows = [
        *GOOD_ROWS,
        ["CB404", "", "LDTT", "", 2021, "", "", "", ""],
        ["CB001", "WA", "LDTT", "", 2021, "", "", "", ""],
        ["CB002", "", "LDTT", "", "năm ngoái", "", "31/02/2021", "", ""],
        ["CB900", "", "LDTT", "", 2021, "", "", "", ""],
        ["CB002", "", "KHONG_CO", "", 2021, "", "", "", ""],
        ["CB001", "", "LDTT", "", 2021, "5/QĐ-BTG", "", "", ""],
    ]
    client.force_login(officer)
    response = client.post(URL, {"file": _xlsx(rows)})
    assert response.status_code == 400
    assert not AwardRecord.objects.exists()
    errors = response.context["errors"]
    assert [error.split(":")[0] for error in errors] == [f"Dòng {n}" for n in (6, 7, 8, 8, 9, 10, 11)]
    text = " ".join(errors)
    assert "CB404" in text and "CB900" in text and "KHONG_CO" in text and "31/02/2021" in text
    assert "Người Xa" not in text  # a person outside the officer's reach is never named


def test_rows_recorded_by_a_decision_cannot_be_overwritten(client, officer, people):
    AwardRecordFactory(
        person=people["lan"], award_code="LDTT", year=2021, decision_number="5/QĐ-BTG", source=RecordSource.DECISION
    )
    client.force_login(officer)
    response = client.post(URL, {"file": _xlsx(GOOD_ROWS[:2])})
    assert len(response.context["errors"]) == 1 and response.context["errors"][0].startswith("Dòng 2")
    assert AwardRecord.objects.count() == 1


def test_csv_with_semicolons_and_english_headers(client, officer, people):
    client.force_login(officer)
    text = "staff code;award code;year;decision number\nCB001;LDTT;2024;3/QĐ\n"
    response = client.post(URL, {"file": _csv(text)})
    assert response.status_code == 302
    record = AwardRecord.objects.get()
    assert record.award_type == award_type("LDTT", on=date(2024, 12, 31)) and record.year == 2024


def test_file_checked_by_content_and_size(client, officer, people, settings):
    client.force_login(officer)
    fake = SimpleUploadedFile("lich-su.xlsx", b"this is not a workbook")
    response = client.post(URL, {"file": fake})
    assert response.status_code == 400 and response.context["form"].errors["file"]
    binary_csv = SimpleUploadedFile("lich-su.csv", b"\xff\xfe\x00\x01")
    assert client.post(URL, {"file": binary_csv}).context["form"].errors["file"]
    settings.IMPORT_MAX_BYTES = 100
    too_big = client.post(URL, {"file": _xlsx(GOOD_ROWS)})
    assert too_big.context["form"].errors["file"]
    assert not AwardRecord.objects.exists()


def test_missing_columns_and_row_limit_are_reported(client, officer, people, monkeypatch):
    client.force_login(officer)
    response = client.post(URL, {"file": _xlsx([["LDTT", 2021]], header=["Mã khen thưởng", "Năm"])})
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    monkeypatch.setattr("awards.ledger.imports.MAX_ROWS", 2)
    response = client.post(URL, {"file": _xlsx(GOOD_ROWS)})
    assert "2" in response.context["form"].non_field_errors()[0]
    assert not AwardRecord.objects.exists()


def test_scorer_cannot_import(client, scorer_a):
    client.force_login(scorer_a)
    assert client.get(URL).status_code == 403


def test_template_has_the_header_row(client, officer):
    client.force_login(officer)
    response = client.get(reverse("awards:history-import-template"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
