"""Generating nominations from the ranking: seeds 004 and 002, quotas, ties with the women priority, eligibility
from the catalogue (prerequisites, disciplinary review), idempotency, and the refusal without a ranking."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.enums import NominationSource, NominationStatus
from awards.models import DisciplinaryReview, Nomination
from awards.nominations.services import nominations as svc
from campaigns.models import Tier
from tests.awards.factories import AwardPlanFactory, AwardRecordFactory, NominationFactory, award_type
from tests.awards.nomination_factories import campaign_2024, people_participants, publish_ranking, use_english, wards
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    use_english(client, settings)


def _generate(client, user, plan):
    client.force_login(user)
    return client.post(reverse("awards:nomination-generate", args=[plan.campaign_id, plan.pk]), follow=True)


def _chosen(plan):
    return list(Nomination.objects.filter(plan=plan, is_eligible=True).order_by("position"))


@pytest.fixture
def soc_trang(org_tree, officer):
    """Seed 004: ten wards, totals 96, 93, 91, 88, … (every ward a different total)."""
    units = wards(org_tree, 10)
    campaign = campaign_2024(org_tree, officer, units)
    totals = [96, 93, 91, 88, 85, 80, 76, 72, 65, 50]
    publish_ranking(campaign, dict(zip(units, totals, strict=True)), officer=officer)
    return campaign, units


def test_seed_004_one_collective_certificate(client, officer, soc_trang):
    campaign, units = soc_trang
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=1)

    response = _generate(client, officer, plan)

    chosen = _chosen(plan)
    assert [n.organization for n in chosen] == [units[0]]
    assert chosen[0].rank == 1 and chosen[0].total == Decimal(96) and chosen[0].tier_name == "Xuất sắc"
    assert chosen[0].source == NominationSource.RANKING and chosen[0].ranking_run.is_current
    assert {"code": "within_quota", "params": {"limit": 1}} in chosen[0].eligibility
    assert Nomination.objects.filter(plan=plan).count() == 1
    assert "Phường 1" in response.content.decode()


def test_every_unit_with_at_least_90_points(client, officer, soc_trang):
    campaign, units = soc_trang
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=None, minimum_points=90)

    _generate(client, officer, plan)

    assert [n.organization for n in _chosen(plan)] == units[:3]


def test_minimum_tier_means_this_tier_or_better(officer, soc_trang):
    campaign, units = soc_trang
    good = Tier.objects.get(table__campaign=campaign, name="Khá")
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=None, minimum_tier=good)

    nominations = svc.nominations_generate(plan=plan, actor=officer)

    assert [n.organization for n in nominations] == units[:8]  # Xuất sắc and Khá, not Trung bình


def test_seed_004_two_individuals_woman_first_on_a_tie(org_tree, officer, soc_trang):
    campaign, _units = soc_trang
    man_a, man_b, woman, other = people_participants(campaign, org_tree["ward_a"], ["male", "male", "female", "male"])
    publish_ranking(campaign, {man_a: 95, man_b: 92, woman: 92, other: 80}, officer=officer)
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_CN"), quota=2)

    nominations = svc.nominations_generate(plan=plan, actor=officer)

    assert [n.person for n in nominations] == [man_a, woman]
    priority = next(r for r in nominations[1].eligibility if r["code"] == "tie_priority")
    assert priority["params"]["basis"] == "woman"


def test_collective_with_70_percent_women_wins_a_tie(org_tree, officer):
    mostly_women, other, first = wards(org_tree, 3)
    for gender in ["female"] * 7 + ["male"] * 3:
        PersonFactory(organization=mostly_women, gender=gender)
    PersonFactory(organization=other, gender="male")
    campaign = campaign_2024(org_tree, officer, [mostly_women, other, first])
    publish_ranking(campaign, {first: 99, other: 90, mostly_women: 90}, officer=officer)
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=2)

    nominations = svc.nominations_generate(plan=plan, actor=officer)

    assert [n.organization for n in nominations] == [first, mostly_women]


def test_tie_straddling_the_quota_goes_to_the_council(org_tree, officer):
    first, tied_a, tied_b = wards(org_tree, 3)
    campaign = campaign_2024(org_tree, officer, [first, tied_a, tied_b])
    publish_ranking(campaign, {first: 99, tied_a: 90, tied_b: 90}, officer=officer)
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=2)

    nominations = svc.nominations_generate(plan=plan, actor=officer)

    assert [n.organization for n in nominations] == [first, tied_a, tied_b]
    tie = next(r for r in nominations[1].eligibility if r["code"] == "tie_at_quota")
    assert tie["params"] == {"limit": 2, "open_places": 1, "tied_count": 2, "rank": 2, "total": "90"}


def test_seed_002_thirteen_collectives_and_thirty_five_individuals(org_tree, officer):
    units = wards(org_tree, 14, prefix="K")
    campaign = campaign_2024(org_tree, officer, units)
    people = people_participants(campaign, units[0], ["male", "female"] * 20)
    totals = {unit: 100 - i for i, unit in enumerate(units)} | {p: 99 - i for i, p in enumerate(people)}
    publish_ranking(campaign, totals, officer=officer)
    collectives = AwardPlanFactory(campaign=campaign, award_type=award_type("BK_TINH_TT"), quota=13)
    individuals = AwardPlanFactory(campaign=campaign, award_type=award_type("BK_TINH_CN"), quota=35)

    assert len(svc.nominations_generate(plan=collectives, actor=officer)) == 13
    assert len(svc.nominations_generate(plan=individuals, actor=officer)) == 35

    assert Nomination.objects.filter(plan=collectives, organization=units[13]).count() == 0
    assert set(Nomination.objects.filter(plan=individuals).values_list("person", flat=True)) == {
        p.pk for p in people[:35]
    }


def test_prerequisite_and_disciplinary_review_make_candidates_ineligible(org_tree, officer, soc_trang):
    campaign, _units = soc_trang
    holder, missing, reviewed = people_participants(campaign, org_tree["ward_a"], ["male", "female", "male"])
    publish_ranking(campaign, {holder: 90, missing: 95, reviewed: 99}, officer=officer)
    AwardRecordFactory(person=holder, award_code="LDTT", year=2024)
    AwardRecordFactory(person=reviewed, award_code="LDTT", year=2024)
    DisciplinaryReview.objects.create(person=reviewed, start_date=date(2024, 11, 1))
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("CSTD_CS"), quota=None)

    nominations = svc.nominations_generate(plan=plan, actor=officer)

    assert [n.person for n in nominations] == [holder]
    met = {"award_code": "LDTT", "times": 1, "held": 1, "years": [2024], "consecutive": False, "within_years": 0}
    assert {"code": "prerequisite_met", "params": met} in nominations[0].eligibility


def test_generating_twice_is_idempotent_and_leaves_decided_and_manual_ones(client, officer, soc_trang):
    campaign, units = soc_trang
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=3)
    manual = NominationFactory(plan=plan, organization=units[4], position=9, is_eligible=False)
    svc.nominations_generate(plan=plan, actor=officer)
    approved = Nomination.objects.get(plan=plan, organization=units[1])
    Nomination.objects.filter(pk=approved.pk).update(status=NominationStatus.APPROVED, rank=77)
    before = set(Nomination.objects.filter(plan=plan).values_list("pk", flat=True))

    # A new ranking: unit 3 falls behind unit 4 (who is already nominated by hand) and unit 5.
    publish_ranking(campaign, {units[0]: 99, units[1]: 98, units[2]: 50, units[3]: 97, units[4]: 96, units[5]: 95})
    _generate(client, officer, plan)

    after = {n.organization: n for n in Nomination.objects.filter(plan=plan)}
    assert set(Nomination.objects.filter(plan=plan).values_list("pk", flat=True)) >= before
    assert after[units[1]].rank == 77 and after[units[1]].status == NominationStatus.APPROVED
    assert after[units[4]].pk == manual.pk and after[units[4]].position == 9 and after[units[4]].is_eligible is False
    assert after[units[2]].is_eligible is False and after[units[2]].total == Decimal(50)
    assert after[units[3]].is_eligible is True and after[units[3]].source == NominationSource.RANKING
    assert len(after) == 5  # unit 6 is beyond the quota: not nominated


def test_no_current_overall_ranking_is_refused(client, org_tree, officer):
    campaign = campaign_2024(org_tree, officer, wards(org_tree, 2))
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=1)

    response = _generate(client, officer, plan)

    assert "no current overall ranking" in response.content.decode()
    assert not Nomination.objects.exists()
    with pytest.raises(ValidationError):
        svc.nominations_generate(plan=plan, actor=officer)


def test_generate_is_only_for_the_campaign_officers(client, scorer_a, other_officer, soc_trang):
    campaign, _units = soc_trang
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=1)

    for user in (scorer_a, other_officer):
        client.force_login(user)
        response = client.post(reverse("awards:nomination-generate", args=[campaign.pk, plan.pk]))
        assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_units_that_did_not_submit_or_are_not_classified_are_never_nominated(client, org_tree, officer):
    """A plan line without a threshold used to nominate units with 0 points that never submitted."""
    units = wards(org_tree, 4)
    campaign = campaign_2024(org_tree, officer, units)
    run = publish_ranking(campaign, {units[0]: 80, units[1]: 0, units[2]: 95, units[3]: 70}, officer=officer)
    run.entries.filter(participant__organization=units[1]).update(status="not_submitted", rank=None, tier_name="")
    run.entries.filter(participant__organization=units[2]).update(status="not_classified", rank=None, tier_name="")
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=None)

    _generate(client, officer, plan)

    nominated = set(Nomination.objects.filter(plan=plan).values_list("organization", flat=True))
    assert nominated == {units[0].pk, units[3].pk}
