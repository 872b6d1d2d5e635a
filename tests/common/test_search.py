"""Search as people type: "nguyen" finds "Nguyễn", "phuong 1" finds "Phường 1", on every list with a search box;
htmx asks for the results alone; the query count does not grow with the rows found."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.participants import services as participants
from campaigns.planning import services as planning
from common.search import normalize, search_q, search_words
from organizations.models import Organization, Person
from tests.awards.factories import AwardRecordFactory
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("  PHƯỜNG   1 ", "phuong 1"),
        ("Ban Tuyên giáo Thành ủy", "ban tuyen giao thanh uy"),
        ("ĐẢNG ỦY KHỐI", "dang uy khoi"),
        ("Lê Thị Hồng Ngọc, Quảng Trị", "le thi hong ngoc, quang tri"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_strips_vietnamese_diacritics_and_case(text, expected):
    assert normalize(text) == expected


def test_search_words_and_empty_query():
    assert search_words("Phường   1") == ["phuong", "1"]
    assert search_q("   ") == search_q("")


def test_search_text_follows_every_save(org_tree):
    org = org_tree["ward_a"]
    assert org.search_text == "phuong 1 wa"
    org.name = "Phường Tân Định"
    org.save(update_fields=["name"])
    org.refresh_from_db()
    assert org.search_text == "phuong tan dinh wa"


def test_like_characters_are_literal(org_tree):
    assert not Organization.objects.filter(search_q("%")).exists()
    assert not Organization.objects.filter(search_q("_")).exists()


def _names(response) -> str:
    return response.content.decode()


def test_people_list_finds_names_typed_without_accents(client, officer, org_tree):
    PersonFactory(organization=org_tree["ward_a"], full_name="Nguyễn Văn An")
    PersonFactory(organization=org_tree["ward_a"], full_name="Trần Thị Bình")
    client.force_login(officer)
    page = _names(client.get(reverse("organizations:person-list"), {"q": "nguyen an"}))
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" not in page
    page = _names(client.get(reverse("organizations:person-list"), {"q": "NGUYỄN"}))
    assert "Nguyễn Văn An" in page


def test_organisation_list_finds_phuong_1(client, officer, org_tree):
    client.force_login(officer)
    page = _names(client.get(reverse("organizations:organization-list"), {"q": "phuong 1"}))
    assert "Phường 1" in page and "Phường 2" not in page
    page = _names(client.get(reverse("organizations:organization-list"), {"q": "tuyen giao"}))
    assert "Ban Tuyên giáo Thành ủy" in page


def _campaign(org, officer, n=1, name="Phong trào thi đua Dân vận khéo"):
    return planning.campaign_create(
        launching_organization=org,
        created_by=officer,
        plan_number=f"{n}-KH/BTG",
        plan_date=date(2026, 1, 5),
        signer_name="Nguyễn Văn Ký",
        signer_title="Trưởng ban",
        name=name,
        start_date=date(2026, 2, 1),
        end_date=date(2026, 12, 31),
    )


def test_campaign_list_finds_without_accents(client, officer, org_tree):
    _campaign(org_tree["root"], officer)
    _campaign(org_tree["root"], officer, n=2, name="Phong trào Xây dựng Đảng")
    client.force_login(officer)
    page = _names(client.get(reverse("campaigns:campaign-list"), {"q": "dan van kheo"}))
    assert "Dân vận khéo" in page and "Xây dựng Đảng" not in page


def participant_of(campaign, organization):
    return campaign.participants.get(organization=organization)


def test_participant_list_finds_units_and_people(client, officer, org_tree):
    campaign = _campaign(org_tree["root"], officer)
    participants.participants_add_organizations(
        campaign=campaign, organizations=[org_tree["ward_a"], org_tree["ward_b"]]
    )
    client.force_login(officer)
    url = reverse("campaigns:participant-list", args=[campaign.pk])
    response = client.get(url, {"q": "phuong 1"})
    assert [str(p) for p in response.context["object_list"]] == [str(participant_of(campaign, org_tree["ward_a"]))]


def test_ledger_finds_recipient_and_award_without_accents(client, officer, org_tree):
    person = PersonFactory(organization=org_tree["ward_a"], full_name="Nguyễn Thị Hoa")
    AwardRecordFactory(person=person, award_name="Chiến sĩ thi đua cơ sở", award_code="CSTDCS")
    AwardRecordFactory(organization=org_tree["ward_b"], award_name="Tập thể lao động tiên tiến", award_code="TTLDTT")
    client.force_login(officer)
    page = _names(client.get(reverse("awards:history-list"), {"q": "nguyen hoa"}))
    assert "Nguyễn Thị Hoa" in page and "Phường 2" not in page
    page = _names(client.get(reverse("awards:history-list"), {"q": "chien si"}))
    assert "Nguyễn Thị Hoa" in page


def test_htmx_gets_only_the_results(client, officer, org_tree):
    PersonFactory(organization=org_tree["ward_a"], full_name="Nguyễn Văn An")
    client.force_login(officer)
    response = client.get(
        reverse("organizations:person-list"), {"q": "an"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    page = _names(response)
    assert page.lstrip().startswith('<div id="results"') and "<html" not in page
    assert "Nguyễn Văn An" in page


@pytest.mark.parametrize("url_name", ["organizations:person-list", "organizations:organization-list"])
def test_search_query_count_is_constant(client, officer, org_tree, url_name):
    client.force_login(officer)
    url = reverse(url_name)
    PersonFactory(organization=org_tree["ward_a"], full_name="Nguyễn Một")
    OrganizationFactory(code="NG1", name="Phường Nguyễn Du", parent=org_tree["dept_a"])
    client.get(url, {"q": "nguyen"})
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"q": "nguyen"})
    for n in (2, 3):
        PersonFactory(organization=org_tree["ward_b"], full_name=f"Nguyễn Số {n}")
        OrganizationFactory(code=f"NG{n}", name=f"Phường Nguyễn Trãi {n}", parent=org_tree["dept_b"])
    with CaptureQueriesContext(connection) as three:
        client.get(url, {"q": "nguyen"})
    assert len(one) == len(three)
    assert Person.objects.filter(search_q("nguyen")).count() == 3
    assert Organization.objects.filter(search_q("nguyen")).count() == 3


def test_postgresql_has_the_extensions_and_trigram_indexes():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI runs the suite on PostgreSQL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        assert {"pg_trgm", "unaccent"} <= {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%search_trgm_idx'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        "org_search_trgm_idx",
        "bloc_search_trgm_idx",
        "person_search_trgm_idx",
        "campaign_search_trgm_idx",
        "awardrecord_search_trgm_idx",
    }
