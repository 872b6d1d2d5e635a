"""Dossier forms: the tờ trình (Mẫu số 01) with the nominees grouped by award and the báo cáo thành tích of a
collective and of an individual, prefilled from the data, as .docx (read back with python-docx) and as PDF (read
with pdftotext) in the organisation's style; for officers only; the signed PDF goes back into the dossier."""

import io
import subprocess
from datetime import date

import docx
import docx.table
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.enums import DocumentKind
from awards.models import Nomination, NominationDocument
from awards.nominations.services import nominations as svc
from campaigns.enums import ProductType
from campaigns.models import EmulationProduct, Participant, Registration
from organizations.enums import DocumentStyle
from organizations.models import Organization
from tests.awards.factories import AwardPlanFactory, AwardRecordFactory, award_type
from tests.awards.nomination_factories import campaign_2024, people_participants, publish_ranking, wards

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    """Every paragraph and table cell of the body, in document order."""
    parts = []
    for block in docx.Document(io.BytesIO(content)).iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                parts.extend(cell.text for cell in row.cells)
        else:
            parts.append(block.text)
    return "\n".join(parts)


def _pdf_text(content: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def _in_order(text: str, parts) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing (or out of order) after position {position}"
        position = found + len(part)


@pytest.fixture
def dossier(org_tree, officer):
    units = wards(org_tree, 3)
    campaign = campaign_2024(org_tree, officer, units)
    (person,) = people_participants(campaign, org_tree["ward_a"], ["female"])
    person.position, person.date_of_birth = "Chuyên viên", date(1990, 3, 4)
    person.full_name = "Nguyễn Thị Ngọc Phượng"
    person.save()
    publish_ranking(campaign, {units[0]: 96, units[1]: 93, units[2]: 80, person: 95}, officer=officer)
    collective = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT", on=date(2024, 12, 31)), quota=2)
    individual = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_CN", on=date(2024, 12, 31)), quota=1)
    svc.nominations_generate(plan=collective, actor=officer)
    svc.nominations_generate(plan=individual, actor=officer)
    AwardRecordFactory(
        person=person,
        award_code="LDTT",
        award_name="Lao động tiên tiến",
        year=2023,
        decision_number="12/QĐ-BTG",
        decision_date=date(2023, 12, 20),
        issuer="Ban Tuyên giáo",
    )
    participant = Participant.objects.get(campaign=campaign, person=person)
    registration = Registration.objects.create(participant=participant, registered_by=officer)
    EmulationProduct.objects.create(registration=registration, title="Đề án số hóa tư liệu tuyên giáo")
    EmulationProduct.objects.create(
        registration=registration, title="Sáng kiến bản tin điện tử", product_type=ProductType.INITIATIVE
    )
    return campaign, units, person


def _get(client, name, *args):
    return client.get(reverse(f"awards:{name}", args=args))


def test_cover_request_docx_lists_the_nominees_by_award(client, officer, dossier, org_tree):
    campaign, units, person = dossier
    Organization.objects.filter(pk=org_tree["root"].pk).update(document_style=DocumentStyle.PARTY)
    client.force_login(officer)

    response = _get(client, "dossier-cover-request", campaign.pk, "docx")

    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    text = _docx_text(response.content)
    _in_order(
        text,
        [
            "Mẫu số 01",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "TỜ TRÌNH",
            "Về việc đề nghị khen thưởng",
            "Kính gửi:",
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15",
            "Căn cứ Kế hoạch số",
            "khen thưởng cho 2 tập thể và 1 cá nhân",
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
            "Giấy khen (cá nhân)",
            "Nguyễn Thị Ngọc Phượng",
            "Giấy khen (tập thể)",
            "Phường 1",
            "96,00",
            "Phường 2",
            "Nơi nhận:",
        ],
    )
    assert "Phường 3" not in text  # beyond the quota: not proposed
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text


def test_cover_request_pdf_in_the_state_style(client, officer, dossier):
    campaign, _units, _person = dossier
    client.force_login(officer)

    response = _get(client, "dossier-cover-request", campaign.pk, "pdf")

    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    _in_order(
        text,
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TỜ TRÌNH", "Kính gửi:",
         "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "Giấy khen (cá nhân)", "Nguyễn Thị Ngọc Phượng", "Giấy khen (tập thể)",
         "Phường 1", "Nơi nhận:"],
    )  # fmt: skip


def test_individual_achievement_report_is_prefilled(client, officer, dossier):
    campaign, _units, person = dossier
    nomination = Nomination.objects.get(person=person)
    client.force_login(officer)

    text = _docx_text(_get(client, "nomination-achievement-report", campaign.pk, nomination.pk, "docx").content)

    _in_order(
        text,
        [
            "BÁO CÁO THÀNH TÍCH",
            "Đề nghị tặng Giấy khen (cá nhân)",
            "I. SƠ LƯỢC LÝ LỊCH",
            "Họ và tên: Nguyễn Thị Ngọc Phượng",
            "Sinh ngày: 04/03/1990",
            "Giới tính: Nữ",
            "Chức vụ: Chuyên viên",
            "II. THÀNH TÍCH ĐẠT ĐƯỢC",
            "Tổng điểm: 95,00 điểm",
            "Xếp hạng: 2",
            "Xếp loại: Xuất sắc",
            "Đề án số hóa tư liệu tuyên giáo",
            "Sáng kiến bản tin điện tử",
            "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
            "2023",
            "Lao động tiên tiến",
            "Quyết định số 12/QĐ-BTG ngày 20/12/2023 của Ban Tuyên giáo",
            "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ",
            "NGƯỜI BÁO CÁO THÀNH TÍCH",
        ],
    )


def test_collective_achievement_report_pdf(client, officer, dossier):
    campaign, units, _person = dossier
    nomination = Nomination.objects.get(organization=units[0])
    client.force_login(officer)

    response = _get(client, "nomination-achievement-report", campaign.pk, nomination.pk, "pdf")

    text = _pdf_text(response.content)
    _in_order(
        text,
        ["BÁO CÁO THÀNH TÍCH", "Đề nghị tặng Giấy khen (tập thể)", "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
         "Tên tập thể: Phường 1", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "Tổng điểm: 96,00 điểm", "Xếp loại: Xuất sắc",
         "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"],
    )  # fmt: skip


def test_forms_are_for_officers_and_known_formats(client, officer, scorer_a, dossier, org_tree):
    campaign, units, _person = dossier
    nomination = Nomination.objects.get(organization=units[0])
    client.force_login(officer)
    assert _get(client, "dossier-cover-request", campaign.pk, "exe").status_code == 404
    assert _get(client, "nomination-achievement-report", campaign.pk, nomination.pk, "html").status_code == 404
    page = _get(client, "nomination-detail", campaign.pk, nomination.pk).content.decode()
    assert reverse("awards:nomination-achievement-report", args=[campaign.pk, nomination.pk, "docx"]) in page
    client.force_login(scorer_a)
    assert _get(client, "dossier-cover-request", campaign.pk, "docx").status_code == 404


def test_the_signed_pdf_goes_back_into_the_dossier(client, officer, dossier, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    campaign, units, _person = dossier
    nomination = Nomination.objects.get(organization=units[0])
    client.force_login(officer)
    signed = _get(client, "nomination-achievement-report", campaign.pk, nomination.pk, "pdf").content

    response = client.post(
        reverse("awards:nomination-document-upload", args=[campaign.pk, nomination.pk]),
        {"kind": DocumentKind.ACHIEVEMENT_REPORT, "file": SimpleUploadedFile("bao-cao-da-ky.pdf", signed)},
    )

    assert response.status_code == 302
    document = NominationDocument.objects.get(nomination=nomination)
    assert (document.kind, document.file_type) == (DocumentKind.ACHIEVEMENT_REPORT, "pdf")
