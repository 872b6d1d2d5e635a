"""The award plan pages: add / edit / remove lines, catalogue validity on the campaign's end date, permissions."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.models import AwardPlan, AwardType
from campaigns.models import Tier
from tests.awards.factories import AwardPlanFactory, NominationFactory, award_type
from tests.awards.nomination_factories import campaign_2024, use_english, wards
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    use_english(client, settings)


@pytest.fixture
def campaign(org_tree, officer):
    return campaign_2024(org_tree, officer, wards(org_tree, 3))


def _url(name, campaign, *args):
    return reverse(f"awards:{name}", args=[campaign.pk, *args])


def test_officer_adds_the_seed_004_lines(client, officer, campaign):
    client.force_login(officer)
    excellent = Tier.objects.get(table__campaign=campaign, name="Xuất sắc")

    client.post(_url("plan-create", campaign), {"award_type": award_type("GK_TT").pk, "quota": 1, "note": "Seed 004"})
    response = client.post(
        _url("plan-create", campaign),
        {"award_type": award_type("GK_CN").pk, "quota": "", "minimum_tier": excellent.pk, "minimum_points": "90"},
    )

    assert response.status_code == 302 and response["Location"] == _url("plan-list", campaign)
    lines = {p.award_type.code: p for p in AwardPlan.objects.filter(campaign=campaign)}
    assert lines["GK_TT"].quota == 1 and lines["GK_TT"].note == "Seed 004"
    assert lines["GK_CN"].quota is None and lines["GK_CN"].minimum_tier == excellent
    assert lines["GK_CN"].minimum_points == Decimal(90)
    page = client.get(_url("plan-list", campaign)).content.decode()
    assert "Giấy khen (tập thể)" in page and "Giấy khen (cá nhân)" in page


def test_the_same_award_twice_is_refused_and_the_input_kept(client, officer, campaign):
    AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"))
    client.force_login(officer)

    response = client.post(
        _url("plan-create", campaign), {"award_type": award_type("GK_TT").pk, "quota": 7, "note": "lần hai"}
    )

    assert response.status_code == 200
    assert AwardPlan.objects.filter(campaign=campaign).count() == 1
    body = response.content.decode()
    assert 'value="7"' in body and "lần hai" in body


def test_a_2023_campaign_is_commended_under_the_rules_in_force_and_closed_versions_are_not_offered(
    client, org_tree, officer
):
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=wards(org_tree, 1))
    client.force_login(officer)  # the campaign ends in 2023; its awards are decided later, under the 2024 catalogue
    closed = AwardType.objects.create(
        code="GK_OLD",
        name="Giấy khen (theo quy định cũ)",
        certificate_title="GIẤY KHEN",
        category="commendation",
        recipient_kind="collective",
        level="grassroots",
        valid_from=date(2014, 1, 1),
        valid_to=date(2023, 12, 31),
    )

    refused = client.post(_url("plan-create", campaign), {"award_type": closed.pk, "quota": 1})
    accepted = client.post(_url("plan-create", campaign), {"award_type": award_type("GK_TT").pk, "quota": 1})

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert list(AwardPlan.objects.values_list("award_type__code", flat=True)) == ["GK_TT"]


def test_officer_edits_a_line(client, officer, campaign):
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=1)
    client.force_login(officer)

    client.post(_url("plan-edit", campaign, plan.pk), {"award_type": plan.award_type_id, "quota": 3, "note": "sửa"})

    plan.refresh_from_db()
    assert plan.quota == 3 and plan.note == "sửa"


def test_removing_a_line_asks_first_and_refuses_with_nominations(client, officer, campaign, org_tree):
    empty = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"))
    used = AwardPlanFactory(campaign=campaign, award_type=award_type("BK_TINH_TT"))
    NominationFactory(plan=used, organization=org_tree["ward_a"])
    client.force_login(officer)

    confirm = client.get(_url("plan-delete", campaign, empty.pk))
    assert "Giấy khen (tập thể)" in confirm.content.decode() and AwardPlan.objects.filter(pk=empty.pk).exists()

    client.post(_url("plan-delete", campaign, empty.pk))
    response = client.post(_url("plan-delete", campaign, used.pk), follow=True)

    assert not AwardPlan.objects.filter(pk=empty.pk).exists()
    assert AwardPlan.objects.filter(pk=used.pk).exists()
    assert "withdraw them instead" in response.content.decode()


def test_plan_pages_are_hidden_from_other_officers_and_scorers(client, other_officer, scorer_a, campaign):
    plan = AwardPlanFactory(campaign=campaign)
    for user in (other_officer, scorer_a):
        client.force_login(user)
        assert client.get(_url("plan-list", campaign)).status_code == 404
        assert client.post(_url("plan-delete", campaign, plan.pk)).status_code == 404
    assert AwardPlan.objects.filter(pk=plan.pk).exists()


def test_plan_list_queries_do_not_grow_with_lines(client, officer, campaign, django_assert_max_num_queries):
    client.force_login(officer)
    AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"))
    with django_assert_max_num_queries(12) as one:
        client.get(_url("plan-list", campaign))
    for code in ("GK_CN", "BK_TINH_TT"):
        AwardPlanFactory(campaign=campaign, award_type=award_type(code))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_url("plan-list", campaign))
    assert response.content.decode().count("<tr>") == 4
