"""The catalogue's legal data: versions under the texts in force (98/2023 until 30/6/2025, 152/2025 and Thông tư
15/2025 from 1/7/2025), statutory thresholds with their basis used by the council, minimum conditions checked when
nominations are made."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from awards import eligibility as el
from awards.councils.services.minutes import threshold_rule_text
from awards.models import AwardType, Nomination
from awards.nominations import reasons
from awards.nominations.services import nominations as svc
from scoring.models import RankingEntry
from tests.awards.council_factories import campaign_with_nominations, council_with_members, session_voting
from tests.awards.factories import AwardPlanFactory, award_type
from tests.awards.nomination_factories import campaign_2024, people_participants, publish_ranking, wards

pytestmark = pytest.mark.django_db

OLD, NEW = date(2024, 1, 1), date(2025, 7, 1)


@pytest.mark.parametrize(
    ("code", "percent"),
    [("CSTD_TQ", 90), ("CSTD_TINH", 90), ("CSTD_CS", 80), ("CO_TD_TINH", 80), ("CO_TD_CP", 80)],
)
def test_statutory_thresholds_in_both_versions_with_their_basis(code, percent):
    old = AwardType.objects.get(code=code, valid_from=OLD)
    new = AwardType.objects.get(code=code, valid_from=NEW)
    assert old.valid_to == date(2025, 6, 30) and new.valid_to is None
    for row in (old, new):
        assert (row.threshold_percent, row.threshold_base, row.threshold_inclusive) == (Decimal(percent), "all", True)
        assert row.secret_ballot
    assert old.threshold_basis == "Khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP"
    assert new.threshold_basis.startswith("Nghị định số 152/2025/NĐ-CP")


def test_texts_in_force_per_version_and_no_amended_by_wording():
    for row in AwardType.objects.filter(owner__isnull=True):
        assert "sửa đổi, bổ sung bởi" not in row.legal_basis
        if row.valid_from == OLD:
            assert "Nghị định số 98/2023/NĐ-CP" in row.legal_basis and "152/2025" not in row.legal_basis
        else:
            assert "Nghị định số 152/2025/NĐ-CP" in row.legal_basis and "Thông tư số 15/2025/TT-BNV" in row.legal_basis
            assert "98/2023" not in row.legal_basis
    new = AwardType.objects.get(code="CSTD_TINH", valid_from=NEW)
    assert list(new.prerequisites.values_list("required_code", "times")) == [("CSTD_CS", 3)]


def test_minimum_conditions_are_data_with_their_basis():
    ratings = {row.code: (row.minimum_rating, row.conditions_basis) for row in AwardType.objects.filter(valid_from=NEW)}
    assert ratings["LDTT"] == ("good", "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15")
    assert ratings["GK_CN"][0] == ratings["GK_TT"][0] == ratings["TTLDTT"][0] == "good"
    assert ratings["TTLDXS"][0] == "excellent"


@pytest.mark.parametrize(
    ("tier", "rating"),
    [
        ("Hoàn thành xuất sắc nhiệm vụ", "excellent"),
        ("HOÀN THÀNH TỐT NHIỆM VỤ", "good"),
        ("Hoàn thành nhiệm vụ", "completed"),
        ("Không hoàn thành nhiệm vụ", "not_completed"),
        ("Chưa hoàn thành nhiệm vụ", "not_completed"),
        ("Xuất sắc", None),
        (None, None),
    ],
)
def test_rating_from_tier_names(tier, rating):
    assert el.rating_from_tier(tier) == rating


def test_a_nominee_below_the_statutory_condition_is_not_eligible(officer, org_tree):
    units = wards(org_tree, 1)
    campaign = campaign_2024(org_tree, officer, units)
    good, failing, unrated = people_participants(campaign, org_tree["ward_a"], ["female", "male", "male"])
    publish_ranking(campaign, {good: 80, failing: 95, unrated: 70}, officer=officer)
    RankingEntry.objects.filter(participant__person=good).update(tier_name="Hoàn thành tốt nhiệm vụ")
    # The case of the issue: no plan threshold, and a nominee rated "Không hoàn thành nhiệm vụ".
    RankingEntry.objects.filter(participant__person=failing).update(tier_name="Không hoàn thành nhiệm vụ")
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("LDTT"), quota=None)

    svc.nominations_generate(plan=plan, actor=officer)

    verdicts = {n.person: n for n in Nomination.objects.filter(plan=plan)}
    assert verdicts[good].is_eligible
    assert {
        "code": "rating_ok",
        "params": {"minimum": "good", "basis": "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15", "rating": "good"},
    } in verdicts[good].eligibility
    assert failing not in verdicts or not verdicts[failing].is_eligible
    # A tier that names no level of task completion: a note for the dossier, not a silent pass.
    assert verdicts[unrated].is_eligible
    assert any(r["code"] == "rating_unchecked" for r in verdicts[unrated].eligibility)


def test_hand_added_nominee_below_the_condition_says_why(officer, org_tree):
    units = wards(org_tree, 1)
    campaign = campaign_2024(org_tree, officer, units)
    (person,) = people_participants(campaign, org_tree["ward_a"], ["male"])
    publish_ranking(campaign, {person: 10}, officer=officer)
    RankingEntry.objects.filter(participant__person=person).update(tier_name="Không hoàn thành nhiệm vụ")
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("LDTT"), quota=None)

    nomination = svc.nomination_add(plan=plan, actor=officer, person=person)

    assert not nomination.is_eligible
    with translation.override("vi"):
        failed = [e.text for e in reasons.explain_all(nomination.eligibility) if not e.passed]
    assert any("Không hoàn thành nhiệm vụ" in text and "Hoàn thành tốt nhiệm vụ" in text for text in failed), failed
    assert any("(Căn cứ: Điều 24 Luật Thi đua, khen thưởng" in text for text in failed)


def test_the_council_counts_against_the_version_in_force_on_the_meeting_date(org_tree, officer):
    AwardType.objects.filter(code="CO_TD_TINH").update(requires_disclosure=False, disclosure_days=0)
    AwardType.objects.filter(code="CO_TD_TINH", valid_from=NEW).update(threshold_percent=Decimal(85))
    planned_on = AwardType.objects.get(code="CO_TD_TINH", valid_from=OLD)  # the plan was made on the 98/2023 row
    council, members = council_with_members(org_tree["root"], 10)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=planned_on, count=1)

    session = session_voting(council, members, nominations)  # opened today: 152/2025 is in force

    item = session.agenda.get()
    assert (item.threshold_percent, item.needed) == (Decimal(85), 9)
    assert item.threshold_basis.startswith("Nghị định số 152/2025/NĐ-CP")
    assert "từ 85% trở lên tổng số thành viên Hội đồng" in threshold_rule_text(item)
    assert "theo Nghị định số 152/2025/NĐ-CP" in threshold_rule_text(item)


def test_catalogue_pages_show_the_basis(client, scorer_a):
    client.force_login(scorer_a)
    old = AwardType.objects.get(code="CSTD_CS", valid_from=OLD)
    page = client.get(reverse("awards:catalogue-detail", args=[old.pk])).content.decode()
    assert "Khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP" in page
    ldtt = award_type("LDTT")
    page = client.get(reverse("awards:catalogue-detail", args=[ldtt.pk])).content.decode()
    assert "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15" in page and "Hoàn thành tốt nhiệm vụ" in page
    listing = client.get(reverse("awards:catalogue-list"), {"q": "CSTD"}).content.decode()
    assert "Nghị định số 152/2025/NĐ-CP" in listing
