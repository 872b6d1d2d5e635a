"""The yearly statistics forms 0601–0605.N/BNV-TĐKT: totals checked against a fixture whose counts are known, the
header, the yearly input page, the files and the permissions."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import CampaignReport, Council, StatisticsInput
from campaigns.enums import CampaignKind, CampaignStatus
from campaigns.models import Campaign
from organizations.enums import Role
from tests.awards.factories import AwardRecordFactory, award_type
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.scoring.factories import launched_campaign


def _campaign(org_tree, officer, organization, plan_number, *, year=2024, kind=CampaignKind.REGULAR, status=None):
    campaign = launched_campaign(
        organization=organization,
        officer=officer,
        participants=[org_tree["ward_a"]],
        start=date(year, 1, 15),
        end=date(year, 12, 15),
        plan_number=plan_number,
    )
    Campaign.objects.filter(pk=campaign.pk).update(kind=kind, **({"status": status} if status else {}))
    return campaign


def _record(code, year=2024, **recipient):
    award = award_type(code)
    return AwardRecordFactory(award_type=award, award_code=code, award_name=award.name, year=year, **recipient)


@pytest.fixture
def known(org_tree, officer):
    """Root's subtree in 2024: 3 campaigns (2 regular, 1 thematic; 1 with an interim report, 1 finalised); a 2023
    campaign and another organisation's campaign left out. State level: 1 Bằng khen TTCg (collective) + 2 (persons);
    province level: 1 Bằng khen tỉnh (person); a revoked-free grassroots Giấy khen that no form counts; 2023 and
    another organisation's awards left out. One active council (and one inactive)."""
    root, other = org_tree["root"], org_tree["other"]
    a = _campaign(org_tree, officer, root, "1-KH")
    _campaign(org_tree, officer, org_tree["dept_a"], "2-KH", status=CampaignStatus.FINALISED)
    _campaign(org_tree, officer, root, "3-KH", kind=CampaignKind.THEMATIC)
    _campaign(org_tree, officer, root, "4-KH", year=2023)
    _campaign(org_tree, officer, other, "5-KH")
    CampaignReport.objects.create(campaign=a, kind="interim", status="done")
    _record("BK_TTCP_TT", organization=org_tree["ward_a"])
    _record("BK_TTCP_CN", person=PersonFactory(organization=org_tree["ward_b"]))
    _record("BK_TTCP_CN", person=PersonFactory(organization=root))
    _record("BK_TINH_CN", person=PersonFactory(organization=org_tree["dept_b"]))
    _record("GK_TT", organization=org_tree["ward_a"])
    _record("BK_TTCP_TT", organization=org_tree["ward_a"], year=2023)
    _record("BK_TTCP_TT", organization=other)
    Council.objects.create(organization=root, name="Hội đồng Thi đua - Khen thưởng")
    Council.objects.create(organization=org_tree["dept_a"], name="Hội đồng cũ", is_active=False)
    return root


def _form(data, number):
    return next(form for form in data["forms"] if form["number"].startswith(number))


def _values(form):
    return {row["label"]: row["values"] for row in form["rows"]}


def test_the_forms_count_what_the_fixture_holds(client, officer, known):
    client.force_login(officer)
    data = client.get(reverse("awards:statistics-detail", args=[known.pk, 2024])).context["data"]
    assert [form["number"] for form in data["forms"]] == [
        "0601.N/BNV-TĐKT",
        "0602.N/BNV-TĐKT",
        "0603.N/BNV-TĐKT",
        "0604.N/BNV-TĐKT",
        "0605.N/BNV-TĐKT",
    ]
    campaigns = _values(_form(data, "0601"))
    assert campaigns["Tổng số phong trào thi đua được phát động"] == [3, 1, 1]
    assert campaigns["- Phong trào thi đua thường xuyên"] == [2, 1, 1]
    assert campaigns["- Phong trào thi đua theo đợt (chuyên đề)"] == [1, 0, 0]
    state = _values(_form(data, "0602"))
    assert state["Tổng số"] == [3, 1, 2]
    assert state["- Bằng khen của Thủ tướng Chính phủ (tập thể)"] == [1, 1, 0]
    assert state["- Bằng khen của Thủ tướng Chính phủ (cá nhân)"] == [2, 0, 2]
    assert _values(_form(data, "0603"))["Tổng số"] == [1, 0, 1]
    assert _values(_form(data, "0604"))["- Hội đồng Thi đua - Khen thưởng"] == [1]
    assert _values(_form(data, "0605"))["Tổng số"] == [0, 0]
    assert data["receipt_date"] == "15/12/2024" and data["organization"] == known.name
    assert "Thông tư số 02/2023/TT-BNV" in _form(data, "0601")["basis"]


def test_a_lower_organisation_counts_its_own_subtree_only(client, officer, known, org_tree):
    client.force_login(officer)
    data = client.get(reverse("awards:statistics-detail", args=[org_tree["dept_a"].pk, 2024])).context["data"]
    assert _values(_form(data, "0601"))["Tổng số phong trào thi đua được phát động"] == [1, 0, 1]
    assert _values(_form(data, "0602"))["Tổng số"] == [1, 1, 0]  # ward A (under dept A) only
    assert _values(_form(data, "0603"))["Tổng số"] == [0, 0, 0]  # dept B's person is not below dept A


def test_the_input_page_feeds_forms_0604_and_0605(client, officer, known):
    client.force_login(officer)
    url = reverse("awards:statistics-input", args=[known.pk, 2024])
    bad = client.post(
        url,
        {
            "dedicated_bodies": 1,
            "staff_full_time": 2,
            "staff_full_time_women": 3,
            "staff_part_time": 4,
            "staff_part_time_women": 1,
        },
    )
    assert bad.status_code == 400 and not StatisticsInput.objects.exists()
    response = client.post(
        url,
        {
            "receiving_unit": "Ban Thi đua - Khen thưởng tỉnh Sóc Trăng",
            "dedicated_bodies": 1,
            "staff_full_time": 2,
            "staff_full_time_women": 1,
            "staff_part_time": 4,
            "staff_part_time_women": 3,
        },
    )
    assert response.status_code == 302
    data = client.get(reverse("awards:statistics-detail", args=[known.pk, 2024])).context["data"]
    assert _values(_form(data, "0604"))["Tổng số"] == [2]
    staff = _values(_form(data, "0605"))
    assert staff["Tổng số"] == [6, 4] and staff["- Chuyên trách"] == [2, 1]
    assert data["receiving_unit"] == "Ban Thi đua - Khen thưởng tỉnh Sóc Trăng"


def test_the_files_carry_the_header_and_the_same_totals(client, officer, known):
    client.force_login(officer)
    xlsx = client.get(reverse("awards:statistics-download", args=[known.pk, 2024, "xlsx"]))
    book = load_workbook(BytesIO(xlsx.content))
    assert book.sheetnames == ["0601", "0602", "0603", "0604", "0605"]
    cells = [cell for row in book["0602"].iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Biểu số: 0602.N/BNV-TĐKT" in cells and "Ngày nhận báo cáo: 15/12/2024" in cells
    total_row = next(row for row in book["0602"].iter_rows(values_only=True) if row[0] == "Tổng số")
    assert list(total_row[2:5]) == [3, 1, 2]
    pdf = client.get(reverse("awards:statistics-download", args=[known.pk, 2024, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("awards:statistics-download", args=[known.pk, 2024, "doc"])).status_code == 404
    assert client.get(reverse("awards:statistics-detail", args=[known.pk, 99999])).status_code == 404


def test_only_officers_of_the_organisation(client, known, other_officer, scorer_a, org_tree):
    client.force_login(other_officer)
    assert client.get(reverse("awards:statistics-detail", args=[known.pk, 2024])).status_code == 404
    client.force_login(scorer_a)
    assert client.get(reverse("awards:statistics-detail", args=[org_tree["ward_a"].pk, 2024])).status_code == 403
    signer = UserFactory(username="ky")
    MembershipFactory(user=signer, organization=known, role=Role.SIGNER)
    client.force_login(signer)
    assert client.get(reverse("awards:statistics-detail", args=[known.pk, 2024])).status_code == 403
