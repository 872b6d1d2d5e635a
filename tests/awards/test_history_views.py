"""Award ledger pages: visibility by reach, search and filters, N+1 guard, add / edit / delete by hand,
read-only decision records, and the award history on the person and organisation pages."""

from datetime import date

import pytest
from django.urls import reverse

from awards.enums import RecordSource
from awards.models import AwardRecord, DisciplinaryReview
from tests.awards.factories import AwardRecordFactory, award_type
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"awards:{name}", args=args)


@pytest.fixture
def person_a(org_tree):
    return PersonFactory(code="CB001", full_name="Trần Thị Lan", organization=org_tree["ward_a"])


@pytest.fixture
def person_other(org_tree):
    return PersonFactory(code="CB900", full_name="Lê Văn Xa", organization=org_tree["other"])


def test_list_shows_only_records_within_reach(client, officer, other_officer, person_a, person_other, org_tree):
    AwardRecordFactory(person=person_a, decision_number="12/QĐ-BTG")
    AwardRecordFactory(person=person_other, award_name="Chiến sĩ thi đua cơ sở", award_code="CSTD_CS")
    AwardRecordFactory(organization=org_tree["ward_b"], award_name="Tập thể lao động xuất sắc", award_code="TTLDXS")
    client.force_login(officer)
    text = client.get(_url("history-list")).text
    assert "Trần Thị Lan" in text and "Phường 2" in text
    assert "Lê Văn Xa" not in text
    client.force_login(other_officer)
    text = client.get(_url("history-list")).text
    assert "Lê Văn Xa" in text and "Trần Thị Lan" not in text


def test_list_search_and_filters(client, officer, person_a, org_tree):
    AwardRecordFactory(person=person_a, year=2021, decision_number="7/QĐ-UBND")
    AwardRecordFactory(person=person_a, year=2022, award_code="CSTD_CS", award_name="Chiến sĩ thi đua cơ sở")
    AwardRecordFactory(organization=org_tree["ward_a"], year=2022, source=RecordSource.IMPORT)
    client.force_login(officer)

    def count(**params):
        return client.get(_url("history-list"), params).context["page_obj"].paginator.count

    assert count(q="7/QĐ") == 1
    assert count(q="lan") == 2
    assert count(year=2022) == 2
    assert count(award_code="CSTD_CS") == 1
    assert count(source="import") == 1


def test_user_without_reach_sees_an_empty_ledger_but_their_own_records(client, scorer_b, person_a):
    AwardRecordFactory(person=person_a)
    client.force_login(scorer_b)
    response = client.get(_url("history-list"))
    assert response.context["page_obj"].paginator.count == 0
    assert 'class="alert alert-info"' in response.text
    person_a.user = scorer_b
    person_a.save(update_fields=["user"])
    assert client.get(_url("history-list")).context["page_obj"].paginator.count == 1


def test_list_query_count_is_constant(client, officer, org_tree, django_assert_max_num_queries):
    people = [PersonFactory(organization=org_tree["ward_a"]) for _ in range(3)]
    AwardRecordFactory(person=people[0])
    client.force_login(officer)
    client.get(_url("history-list"))
    with django_assert_max_num_queries(10) as small:
        client.get(_url("history-list"))
    for index, person in enumerate(people[1:]):
        AwardRecordFactory(person=person, year=2020 + index)
    AwardRecordFactory(organization=org_tree["ward_b"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(_url("history-list"))
    assert response.context["page_obj"].paginator.count == 4


def test_officer_adds_a_record_for_a_person_by_code(client, officer, person_a):
    client.force_login(officer)
    data = {
        "person_code": "cb001",
        "award_type": award_type("LDTT").pk,
        "year": "2024",
        "decision_number": "15/QĐ-BTG",
        "decision_date": "2024-12-20",
        "issuer": "Ban Tuyên giáo",
    }
    response = client.post(_url("history-create"), data)
    record = AwardRecord.objects.get(person=person_a)
    assert response["Location"] == _url("history-detail", record.pk)
    assert (record.award_code, record.award_name, record.year, record.source) == (
        "LDTT",
        "Lao động tiên tiến",
        2024,
        "manual",
    )
    assert record.created_by == officer


def test_add_an_award_not_in_the_catalogue_by_name(client, officer, org_tree):
    client.force_login(officer)
    data = {"organization_code": "WA", "award_name": "Cờ thi đua của Tỉnh đoàn", "year": "2019"}
    client.post(_url("history-create"), data)
    record = AwardRecord.objects.get(organization=org_tree["ward_a"])
    assert record.award_type is None and record.award_name == "Cờ thi đua của Tỉnh đoàn"
    assert record.award_code.startswith("*")


def test_add_refuses_recipient_out_of_reach_and_keeps_input(client, officer, person_other):
    client.force_login(officer)
    data = {"person_code": "CB900", "award_name": "Giấy khen gõ tay", "year": "2024"}
    response = client.post(_url("history-create"), data)
    assert response.status_code == 200
    assert "Giấy khen gõ tay" in response.text
    assert not AwardRecord.objects.exists()


def test_add_refuses_a_duplicate(client, officer, person_a):
    AwardRecordFactory(person=person_a, year=2024, decision_number="1/QĐ")
    client.force_login(officer)
    data = {"person_code": "CB001", "award_type": award_type("LDTT").pk, "year": "2024", "decision_number": "1/QĐ"}
    response = client.post(_url("history-create"), data)
    assert response.status_code == 200
    assert AwardRecord.objects.count() == 1


def test_add_needs_a_recipient_and_an_award(client, officer):
    client.force_login(officer)
    response = client.post(_url("history-create"), {"year": "2024"})
    assert response.status_code == 200
    assert "award_type" in response.context["form"].errors
    assert not AwardRecord.objects.exists()


def test_scorer_cannot_add(client, scorer_a):
    client.force_login(scorer_a)
    assert client.get(_url("history-create")).status_code == 403


def test_officer_edits_and_deletes_a_manual_record_with_confirmation(client, officer, person_a):
    record = AwardRecordFactory(person=person_a, year=2022)
    client.force_login(officer)
    data = {"award_type": award_type("CSTD_CS").pk, "year": "2023", "decision_number": "9/QĐ"}
    assert client.post(_url("history-update", record.pk), data).status_code == 302
    record.refresh_from_db()
    assert (record.award_code, record.year, record.decision_number) == ("CSTD_CS", 2023, "9/QĐ")
    assert client.get(_url("history-delete", record.pk)).status_code == 200
    assert AwardRecord.objects.filter(pk=record.pk).exists()
    assert client.post(_url("history-delete", record.pk))["Location"] == _url("history-list")
    assert not AwardRecord.objects.filter(pk=record.pk).exists()


def test_decision_records_are_read_only(client, officer, person_a):
    record = AwardRecordFactory(person=person_a, source=RecordSource.DECISION)
    client.force_login(officer)
    detail = client.get(_url("history-detail", record.pk))
    assert detail.status_code == 200 and _url("history-update", record.pk) not in detail.text
    assert client.post(_url("history-update", record.pk), {"award_name": "X", "year": "2020"}).status_code == 403
    assert client.post(_url("history-delete", record.pk)).status_code == 403
    assert AwardRecord.objects.filter(pk=record.pk, year=2023).exists()


def test_records_out_of_reach_are_404(client, officer, person_other):
    record = AwardRecordFactory(person=person_other)
    client.force_login(officer)
    assert client.get(_url("history-detail", record.pk)).status_code == 404
    assert client.post(_url("history-delete", record.pk)).status_code == 404


def test_person_page_shows_award_history_and_active_review(client, officer, person_a, django_assert_max_num_queries):
    AwardRecordFactory(person=person_a, year=2021, award_name="Lao động tiên tiến")
    DisciplinaryReview.objects.create(person=person_a, start_date=date(2020, 1, 1), note="Đang xem xét")
    client.force_login(officer)
    url = reverse("organizations:person-detail", args=[person_a.pk])
    with django_assert_max_num_queries(12) as few:
        response = client.get(url)
    assert 'id="award-history"' in response.text
    assert "Lao động tiên tiến" in response.text and "Đang xem xét" in response.text
    assert "person_code=CB001" in response.text  # officer may add
    for year in (2022, 2023, 2024):
        AwardRecordFactory(person=person_a, year=year)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_organisation_page_shows_its_award_history(client, officer, org_tree):
    AwardRecordFactory(organization=org_tree["ward_a"], award_name="Tập thể lao động xuất sắc", year=2023)
    client.force_login(officer)
    response = client.get(reverse("organizations:organization-detail", args=[org_tree["ward_a"].pk]))
    assert "Tập thể lao động xuất sắc" in response.text and 'id="award-history"' in response.text


def test_form_pages_render(client, officer, person_a):
    record = AwardRecordFactory(person=person_a, year=2020, decision_number="3/QĐ")
    client.force_login(officer)
    create = client.get(_url("history-create"), {"person_code": "CB001"})
    assert 'value="CB001"' in create.text
    update = client.get(_url("history-update", record.pk))
    assert 'value="3/QĐ"' in update.text and 'name="person_code"' not in update.text
    page = client.get(_url("history-import"))
    assert _url("history-import-template") in page.text
