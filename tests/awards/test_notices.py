"""Notifications of the awards: a nomination and its disclosure to the nominee's unit, a council session's
invitation and its voting to the members, a draft decision to the signer, an issued decision to the units named
in it; each in the app and by e-mail."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

from datetime import date

import pytest
from django.core import mail

from awards.councils.services import ballots
from awards.decisions.services.drafts import decision_create
from awards.models import AwardType
from awards.nominations.services import disclosure as dsvc
from awards.nominations.services import nominations as nsvc
from organizations.enums import NotificationEvent, Role
from organizations.models import Notification
from tests.awards.council_factories import (
    campaign_with_nominations,
    council_with_members,
    custom_award,
    session_in_preparation,
)
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401
from tests.awards.factories import AwardPlanFactory, award_type
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db


def _to(event) -> list[str]:
    return sorted(Notification.objects.filter(event=event).values_list("recipient__username", flat=True))


def _mailed(username: str) -> list:
    return [m for m in mail.outbox if m.to == [f"{username}@example.gov.vn"]]


@pytest.fixture
def plan(org_tree, officer):
    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"], org_tree["ward_b"]]
    )
    AwardType.objects.filter(pk=award_type("GK_TT").pk).update(requires_disclosure=True, disclosure_days=5)
    return AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=None)


def test_a_nomination_and_its_disclosure_reach_the_nominees_unit(
    org_tree, officer, scorer_a, scorer_b, plan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nomination = nsvc.nomination_add(plan=plan, actor=officer, organization=org_tree["ward_a"])
    assert _to(NotificationEvent.NOMINATION_MADE) == ["scorer_a"]  # ward_b's scorer hears nothing
    note = Notification.objects.get(event=NotificationEvent.NOMINATION_MADE)
    assert note.title == f"Được đề nghị khen thưởng: Phường 1 – {plan.award_type.name}"
    assert f"/nominations/{nomination.pk}/" in note.link
    assert len(_mailed("scorer_a")) == 1

    nomination.is_eligible = True
    nomination.save(update_fields=["is_eligible"])
    with django_capture_on_commit_callbacks(execute=True):
        dsvc.disclosure_publish(campaign=plan.campaign, actor=officer)
    assert _to(NotificationEvent.DISCLOSURE_OPENED) == ["scorer_a"]
    [message] = [m for m in _mailed("scorer_a") if "Công khai" in m.subject]
    assert "Phường 1" in message.body and "Ban Tuyên giáo Thành ủy" in message.body


def test_council_members_are_invited_and_told_when_voting_opens(org_tree, officer, django_capture_on_commit_callbacks):
    award = custom_award("QUA_BAN", percent=50, base="all", inclusive=False)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    council, members = council_with_members(org_tree["root"], 3)
    with django_capture_on_commit_callbacks(execute=True):
        session = session_in_preparation(council, nominations)
    names = sorted(m.user.username for m in members)
    assert _to(NotificationEvent.SESSION_INVITATION) == names
    invitation = Notification.objects.filter(event=NotificationEvent.SESSION_INVITATION).first()
    assert "20/12/2023 08:30" in invitation.body and invitation.link == f"/awards/sessions/{session.pk}/"
    assert len([m for m in mail.outbox if "Mời họp" in m.subject]) == 3

    secretary = members[1].user
    ballots.session_open(session=session, actor=secretary)
    ballots.attendance_record(session=session, present_member_ids=[m.pk for m in members])
    with django_capture_on_commit_callbacks(execute=True):
        ballots.voting_start(session=session, actor=secretary)
    assert _to(NotificationEvent.VOTING_OPENED) == names
    assert len([m for m in mail.outbox if "Bắt đầu bỏ phiếu" in m.subject]) == 3


def test_a_draft_decision_waits_for_the_signer(org_tree, officer, signer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = decision_create(organization=org_tree["root"], actor=officer, decision_date=date(2026, 3, 5))
    assert _to(NotificationEvent.DECISION_TO_SIGN) == ["signer"]
    assert Notification.objects.get(recipient=signer).link == f"/awards/decisions/{decision.pk}/"
    assert len(_mailed("signer")) == 1


def test_an_issued_decision_reaches_the_units_it_names(org_tree, signer, media, django_capture_on_commit_callbacks):
    decision = draft_decision(org_tree["root"], lines=2)
    first = decision.recipients.order_by("position").first().organization
    unit_scorer = UserFactory(username="to_truong")
    MembershipFactory(user=unit_scorer, organization=first, role=Role.SCORER)
    outsider = UserFactory(username="ngoai")
    MembershipFactory(user=outsider, organization=OrganizationFactory(parent=org_tree["root"]), role=Role.SCORER)
    with django_capture_on_commit_callbacks(execute=True):
        issue(decision, signer)
    decision.refresh_from_db()
    assert _to(NotificationEvent.DECISION_ISSUED) == ["to_truong"]
    note = Notification.objects.get(event=NotificationEvent.DECISION_ISSUED)
    assert decision.number_text in note.title and "Ban Tuyên giáo Phường 1" in note.body
    [message] = _mailed("to_truong")
    assert decision.number_text in message.subject
