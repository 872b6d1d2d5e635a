"""Rules that keep (#13 item 5): decisions rest on the council, disclosures cannot be emptied, nominations follow the
ranking and keep their history, the ballot paper shows the dossier, early openings and recusals are recorded."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.councils.services import ballots as ballot
from awards.councils.services import councils as council_svc
from awards.councils.services.minutes import minutes_data
from awards.documents.html import minutes_html
from awards.enums import NominationStatus, SessionStatus
from awards.models import (
    AgendaRecusal,
    AuthorityHolder,
    AwardDecision,
    CouncilSession,
    DecisionRecipient,
    Nomination,
    PublicDisclosure,
)
from awards.nominations.services import nominations as svc
from organizations.enums import Role
from scoring.enums import EntryStatus
from scoring.models import RankingEntry
from tests.awards.council_factories import campaign_with_nominations, council_with_members, custom_award
from tests.awards.decision_factories import draft_decision, signer  # noqa: F401
from tests.awards.factories import AwardPlanFactory, NominationFactory, award_type
from tests.awards.nomination_factories import campaign_2024, publish_ranking, use_english, wards
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    use_english(client, settings)


# --- decisions rest on the council ----------------------------------------------------------------------------------


def test_a_hand_typed_line_for_a_secret_ballot_award_is_refused(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=0)
    person = PersonFactory(organization=org_tree["ward_a"])
    client.force_login(officer)

    response = client.post(
        reverse("awards:recipient-create", args=[decision.pk]),
        {
            "person": person.pk,
            "award_type": award_type("CSTD_CS").pk,
            "recipient_name": person.full_name,
            "achievement": "Thành tích",
            "position": 1,
        },
    )

    assert response.status_code == 200
    assert "needs the council&#x27;s vote" in response.content.decode()
    assert not DecisionRecipient.objects.filter(decision=decision).exists()


def test_a_hand_typed_line_for_an_ordinary_award_is_still_accepted(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=0)
    person = PersonFactory(organization=org_tree["ward_a"])
    client.force_login(officer)

    client.post(
        reverse("awards:recipient-create", args=[decision.pk]),
        {"person": person.pk, "award_type": award_type("GK_CN").pk, "recipient_name": person.full_name, "position": 1},
    )

    assert DecisionRecipient.objects.filter(decision=decision, person=person).exists()


def test_a_line_switched_to_a_disclosure_award_by_hand_is_refused(client, org_tree, officer):
    AuthorityHolder.objects.create(authority="province_ministry", organization=org_tree["root"])
    decision = draft_decision(org_tree["root"], lines=1)
    line = decision.recipients.get()
    client.force_login(officer)

    response = client.post(
        reverse("awards:recipient-update", args=[decision.pk, line.pk]),
        {"award_type": award_type("CO_TD_TINH").pk, "recipient_name": line.recipient_name, "position": 1},
    )

    assert "needs the council&#x27;s vote" in response.content.decode()
    line.refresh_from_db()
    assert line.award_type.code == "GK_TT"


def test_a_decision_with_a_council_only_line_without_approval_is_not_issued(client, org_tree, signer):  # noqa: F811
    decision = draft_decision(org_tree["root"], lines=1)
    DecisionRecipient.objects.filter(decision=decision).update(award_type=award_type("CO_TD_TINH"))
    client.force_login(signer)

    response = client.post(
        reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": timezone.localdate().isoformat()}
    )

    assert "needs the council&#x27;s vote" in response.content.decode()
    assert AwardDecision.objects.get(pk=decision.pk).status == "draft"


def test_a_council_only_line_from_an_approved_nomination_is_issued(client, org_tree, officer, signer):  # noqa: F811
    award = custom_award("BAN_KIN", percent=50, base="all", inclusive=False)
    award.secret_ballot = True
    award.save()
    campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    Nomination.objects.filter(pk=nominations[0].pk).update(status=NominationStatus.APPROVED)
    client.force_login(officer)
    client.post(reverse("awards:decision-create"), {"organization": org_tree["root"].pk, "campaign": campaign.pk})
    decision = AwardDecision.objects.get()
    AwardDecision.objects.filter(pk=decision.pk).update(place="Sóc Trăng")
    client.force_login(signer)

    client.post(reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": "2026-03-05"})

    assert AwardDecision.objects.get(pk=decision.pk).status == "issued"


# --- disclosure -------------------------------------------------------------------------------------------------


@pytest.fixture
def disclosure_setup(org_tree, officer):
    units = wards(org_tree, 2)
    campaign = campaign_2024(org_tree, officer, units)
    publish_ranking(campaign, dict(zip(units, [95, 90], strict=True)), officer=officer)
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("BK_TTCP_TT"), quota=None)
    svc.nominations_generate(plan=plan, actor=officer)
    return campaign


def test_a_disclosure_shorter_than_the_award_asks_is_refused(client, officer, disclosure_setup):
    campaign = disclosure_setup
    client.force_login(officer)

    response = client.post(reverse("awards:disclosure-create", args=[campaign.pk]), {"days": 1})

    assert "The award requires a disclosure of at least 5 days." in response.content.decode()
    assert not PublicDisclosure.objects.exists()


def test_a_disclosure_dated_in_the_past_is_refused(client, officer, disclosure_setup):
    campaign = disclosure_setup
    client.force_login(officer)
    past = (timezone.localtime() - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(reverse("awards:disclosure-create", args=[campaign.pk]), {"days": 5, "starts_at": past})

    assert "A disclosure cannot start in the past." in response.content.decode()
    assert not PublicDisclosure.objects.exists()


def test_a_disclosure_starting_now_lasts_the_awards_days(client, officer, disclosure_setup):
    campaign = disclosure_setup
    client.force_login(officer)
    before = timezone.now()

    client.post(reverse("awards:disclosure-create", args=[campaign.pk]), {"days": 5})

    disclosure = PublicDisclosure.objects.get()
    assert disclosure.starts_at >= before - timedelta(seconds=1)
    assert disclosure.ends_at - disclosure.starts_at == timedelta(days=5)


# --- nominations ----------------------------------------------------------------------------------------------------


@pytest.fixture
def ward_campaign(org_tree, officer):
    units = wards(org_tree, 3)
    campaign = campaign_2024(org_tree, officer, units)
    run = publish_ranking(campaign, dict(zip(units, [105, 80, 0], strict=True)), officer=officer)
    # The third ward never submitted: the ranking gives it no rank.
    RankingEntry.objects.filter(run=run, participant__organization=units[2]).update(
        status=EntryStatus.NOT_SUBMITTED, rank=None, tier_name=""
    )
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=None)
    return campaign, plan, units


def _add(client, campaign, plan, unit):
    participant = campaign.participants.get(organization=unit)
    return client.post(
        reverse("awards:nomination-add", args=[campaign.pk]), {"plan": plan.pk, "participant": participant.pk}
    )


def test_a_participant_who_did_not_submit_is_not_eligible_when_added_by_hand(client, officer, ward_campaign):
    campaign, plan, units = ward_campaign
    client.force_login(officer)

    _add(client, campaign, plan, units[2])

    nomination = Nomination.objects.get(plan=plan, organization=units[2])
    assert nomination.is_eligible is False
    assert {"code": "not_submitted", "params": {}} in nomination.eligibility
    page = client.get(reverse("awards:nomination-detail", args=[campaign.pk, nomination.pk])).content.decode()
    assert "Did not submit a self-assessment: cannot be nominated." in page


def test_a_plan_without_a_threshold_never_nominates_from_the_ranking_who_did_not_submit(officer, ward_campaign):
    _campaign, plan, units = ward_campaign

    svc.nominations_generate(plan=plan, actor=officer)

    assert set(Nomination.objects.filter(plan=plan).values_list("organization", flat=True)) == {
        units[0].pk,
        units[1].pk,
    }


def test_a_withdrawn_nomination_can_be_added_again_with_its_history(client, officer, ward_campaign):
    campaign, plan, units = ward_campaign
    client.force_login(officer)
    _add(client, campaign, plan, units[0])
    nomination = Nomination.objects.get(plan=plan, organization=units[0])
    client.post(reverse("awards:nomination-withdraw", args=[campaign.pk, nomination.pk]), {"reason": "Nhầm danh sách"})
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.WITHDRAWN

    response = _add(client, campaign, plan, units[0])

    nomination.refresh_from_db()
    assert response.status_code == 302
    assert nomination.status == NominationStatus.PROPOSED and nomination.is_eligible
    assert Nomination.objects.filter(plan=plan, organization=units[0]).count() == 1
    assert list(nomination.events.values_list("kind", "reason")) == [
        ("added", ""),
        ("withdrawn", "Nhầm danh sách"),
        ("restored", ""),
    ]
    page = client.get(reverse("awards:nomination-detail", args=[campaign.pk, nomination.pk])).content.decode()
    assert "Nhầm danh sách" in page and "Nominated again" in page


def test_a_nomination_still_proposed_cannot_be_added_twice(client, officer, ward_campaign):
    campaign, plan, units = ward_campaign
    client.force_login(officer)
    _add(client, campaign, plan, units[0])

    response = _add(client, campaign, plan, units[0])

    assert "This recipient is already nominated for this award." in response.content.decode()


def test_open_nominations_are_judged_again_when_the_ranking_changes(officer, ward_campaign):
    campaign, plan, units = ward_campaign
    plan.minimum_points = Decimal(90)
    plan.save()
    manual = svc.nomination_add(plan=plan, actor=officer, organization=units[1])
    assert manual.is_eligible is False  # 80 points
    publish_ranking(campaign, dict(zip(units, [95, 92, 50], strict=True)), officer=officer)

    svc.nominations_recheck(campaign_id=campaign.pk)

    manual.refresh_from_db()
    assert manual.is_eligible is True and manual.total == Decimal(92)
    assert {"code": "points_ok", "params": {"points": "92", "minimum": "90"}} in manual.eligibility


def test_the_recheck_task_is_registered_under_the_name_the_ranking_enqueues():
    from celery import current_app

    import awards.tasks  # noqa: F401 - the module Celery autodiscovers

    assert "awards.nominations_recheck" in current_app.tasks


# --- council: ballot paper, early opening, recusal -----------------------------------------------------------------


@pytest.fixture
def council_case(org_tree, officer):
    award = custom_award("QUA_BAN", percent=50, base="all", inclusive=False)
    council, members = council_with_members(org_tree["root"], 5)
    campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=2)
    return council, members, campaign, nominations


def _future_session(council, nominations):
    session = council_svc.session_create(
        council=council, title="Phiên họp ngày 18/12", scheduled_at=timezone.now() + timedelta(days=13)
    )
    for nomination in nominations:
        council_svc.agenda_add(session=session, nomination=nomination)
    return session


def test_opening_before_the_scheduled_time_needs_a_reason(client, council_case):
    council, members, _campaign, nominations = council_case
    session = _future_session(council, nominations)
    client.force_login(members[1].user)
    url = reverse("awards:session-open", args=[session.pk])

    page = client.get(url).content.decode()
    refused = client.post(url, follow=True).content.decode()

    assert "Opening it earlier needs a reason" in page
    assert "give the reason for opening it earlier" in refused
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.DRAFT

    client.post(url, {"early_reason": "Thường trực yêu cầu họp sớm"})

    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN
    assert session.early_opening_reason == "Thường trực yêu cầu họp sớm"
    assert (
        "Thường trực yêu cầu họp sớm"
        in client.get(reverse("awards:session-detail", args=[session.pk])).content.decode()
    )


def _voting(session, members):
    secretary = members[1].user
    ballot.attendance_record(session=session, present_member_ids=[m.pk for m in members])
    ballot.voting_start(session=session, actor=secretary)


def test_the_minutes_print_the_early_opening_and_the_recusals(council_case):
    council, members, _campaign, nominations = council_case
    MembershipFactory(user=members[3].user, organization=nominations[0].organization, role=Role.SIGNER)
    session = _future_session(council, nominations)
    ballot.session_open(session=session, actor=members[1].user, early_reason="Thường trực yêu cầu họp sớm")
    _voting(session, members)
    for member in members:
        items = ballot.ballot_items(session, member)
        ballot.ballot_cast(session=session, member=member, choices={item.pk: "approve" for item in items})
    ballot.voting_close(session=session, actor=members[1].user)

    data = minutes_data(CouncilSession.objects.get(pk=session.pk))
    html = minutes_html(data)

    assert data.early_opening_reason == "Thường trực yêu cầu họp sớm"
    assert "khai mạc sớm hơn dự kiến với lý do: Thường trực yêu cầu họp sớm" in html
    recusal = f"Thành viên {members[3].full_name} không biểu quyết đối với {nominations[0].organization.name}"
    assert recusal in html and "là người đứng đầu đơn vị được đề nghị" in html


def test_a_member_who_is_the_nominee_has_no_ballot_on_that_item(client, org_tree, officer):
    award = custom_award("CN_BAN", percent=50, base="all", inclusive=False)
    award.recipient_kind = "individual"
    award.save()
    council, members = council_with_members(org_tree["root"], 3)
    nominee = PersonFactory(organization=org_tree["root"], user=members[2].user, full_name="Người Được Đề Nghị")
    campaign, units = campaign_with_nominations(
        org_tree, officer, award=custom_award("TT", percent=50, base="all", inclusive=False), count=1
    )
    plan = AwardPlanFactory(campaign=campaign, award_type=award, quota=None)
    own = NominationFactory(plan=plan, organization=None, person=nominee, position=9)
    session = _future_session(council, [units[0], own])
    ballot.session_open(session=session, actor=members[1].user, early_reason="Họp sớm")
    _voting(session, members)
    own_item = session.agenda.get(nomination=own)
    other_item = session.agenda.get(nomination=units[0])
    client.force_login(members[2].user)

    paper = client.get(reverse("awards:session-ballot", args=[session.pk])).content.decode()
    with pytest.raises(ValidationError):
        ballot.ballot_cast(
            session=session, member=members[2], choices={other_item.pk: "approve", own_item.pk: "approve"}
        )
    # A choice smuggled into the POST for the recused item is not on the paper: it is ignored.
    client.post(
        reverse("awards:session-ballot", args=[session.pk]),
        {f"item_{other_item.pk}": "approve", f"item_{own_item.pk}": "approve", "confirm": "1"},
    )

    assert AgendaRecusal.objects.filter(item=own_item, member=members[2], reason="nominee").exists()
    assert "Người Được Đề Nghị" not in paper and "You are recused" in paper
    own_item.refresh_from_db()
    other_item.refresh_from_db()
    assert own_item.approve_count == 0 and other_item.approve_count == 1


def test_the_ballot_paper_shows_score_tier_rank_eligibility_and_the_dossier(client, council_case):
    council, members, _campaign, nominations = council_case
    Nomination.objects.filter(pk=nominations[0].pk).update(total=Decimal("95.50"), tier_name="Xuất sắc", rank=1)
    session = _future_session(council, nominations)
    ballot.session_open(session=session, actor=members[1].user, early_reason="Họp sớm")
    _voting(session, members)
    item = session.agenda.get(nomination=nominations[0])
    client.force_login(members[3].user)

    paper = client.get(reverse("awards:session-ballot", args=[session.pk])).content.decode()
    dossier = client.get(reverse("awards:agenda-item-dossier", args=[session.pk, item.pk])).content.decode()

    assert "95.50" in paper or "95,50" in paper
    assert "Xuất sắc" in paper and "rank 1" in paper and "Eligible" in paper
    assert reverse("awards:agenda-item-dossier", args=[session.pk, item.pk]) in paper
    assert nominations[0].organization.name in dossier and "Xuất sắc" in dossier
