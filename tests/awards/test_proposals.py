"""Proposals to the level above (#13 item 2): the road from a board's council to the Thành ủy's decision, every step
through the web pages, each refusal, and two specialists acting at once (one wins)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.councils.services import ballots as ballot
from awards.decisions.services.issuing import decision_issue
from awards.enums import NominationStatus
from awards.models import AwardDecision, AwardRecord, Nomination, Proposal, ProposalEvent
from awards.proposals import services as svc
from organizations.enums import Role
from tests.awards.council_factories import campaign_with_nominations, council_with_members, custom_award, session_voting
from tests.awards.nomination_factories import use_english
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    use_english(client, settings)


class Road:
    """Thành ủy (committee) above its propaganda board; the board's council approved two wards for the committee's
    own Giấy khen, which only the committee may decide."""

    def __init__(self):
        self.committee = OrganizationFactory(code="TU", name="Thành ủy Sóc Trăng", kind="party_body")
        self.board = OrganizationFactory(code="BTG", name="Ban Tuyên giáo Thành ủy", parent=self.committee)
        self.officer = self._user("board_officer", self.board, Role.OFFICER)
        self.desk = self._user("tu_desk", self.committee, Role.OFFICER)
        self.specialist = self._user("tu_specialist", self.committee, Role.REVIEWER)
        self.other_specialist = self._user("tu_specialist2", self.committee, Role.REVIEWER)
        self.signer = self._user("tu_signer", self.committee, Role.SIGNER)
        self.award = custom_award("GK_BTVTU", percent=50, base="all", inclusive=False, owner=self.committee)
        _campaign, self.nominations = campaign_with_nominations(
            {"root": self.board}, self.officer, award=self.award, count=2
        )
        council, members = council_with_members(self.board, 3)
        self.session = session_voting(council, members, self.nominations)
        for member in members:
            choices = {item.pk: "approve" for item in ballot.ballot_items(self.session, member)}
            ballot.ballot_cast(session=self.session, member=member, choices=choices)
        ballot.voting_close(session=self.session, actor=members[1].user)

    @staticmethod
    def _user(username, organization, role):
        user = UserFactory(username=username)
        MembershipFactory(user=user, organization=organization, role=role)
        return user


@pytest.fixture
def road(org_tree):
    return Road()


def _act(client, user, proposal, action, **data):
    client.force_login(user)
    return client.post(reverse("awards:proposal-act", args=[proposal.pk]), {"action": action, **data}, follow=True)


def _status(proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).status


def _created(client, road) -> Proposal:
    client.force_login(road.officer)
    page = client.get(reverse("awards:proposal-create", args=[road.session.pk])).content.decode()
    assert road.nominations[0].organization.name in page
    client.post(reverse("awards:proposal-create", args=[road.session.pk]), {"cover_note": "Tờ trình số 12"})
    return Proposal.objects.get()


def test_the_whole_road_up_and_back(client, road):
    proposal = _created(client, road)
    assert proposal.recipient == road.committee and proposal.items.count() == 2

    _act(client, road.officer, proposal, "submit")
    _act(client, road.desk, proposal, "receive")
    _act(client, road.desk, proposal, "assign", specialist=road.specialist.pk)
    first, second = proposal.items.order_by("pk")
    _act(client, road.specialist, proposal, "check_item", item=first.pk, result="eligible")
    _act(client, road.specialist, proposal, "check_item", item=second.pk, result="not_eligible", reason="Thiếu báo cáo")
    _act(client, road.specialist, proposal, "checked")
    _act(client, road.desk, proposal, "return", reason="Bổ sung báo cáo thành tích")
    assert _status(proposal) == "returned"
    _act(client, road.officer, proposal, "submit")
    _act(client, road.desk, proposal, "receive")
    _act(client, road.desk, proposal, "assign", specialist=road.specialist.pk)
    _act(client, road.specialist, proposal, "checked")
    _act(client, road.desk, proposal, "to_council")
    _act(client, road.desk, proposal, "decide_item", item=first.pk, decision="approved")
    _act(client, road.desk, proposal, "decided")
    _act(client, road.desk, proposal, "draft_decision")

    proposal.refresh_from_db()
    decision = proposal.upper_decision
    assert decision.issuing_organization == road.committee
    assert list(decision.recipients.values_list("nomination", flat=True)) == [first.nomination_id]
    AwardDecision.objects.filter(pk=decision.pk).update(
        place="Sóc Trăng", signer_name="Lâm Văn Mẫn", signer_title="BÍ THƯ"
    )
    decision_issue(
        decision=AwardDecision.objects.get(pk=decision.pk), actor=road.signer, decision_date=timezone.localdate()
    )
    page = _act(client, road.desk, proposal, "close").content.decode()

    assert _status(proposal) == "issued"
    assert Nomination.objects.get(pk=first.nomination_id).status == NominationStatus.DECIDED
    assert AwardRecord.objects.filter(organization=first.nomination.organization, award_code="GK_BTVTU").exists()
    assert second.nomination.organization.name in page
    history = client.get(reverse("awards:proposal-history", args=[proposal.pk])).content.decode()
    for text in ("Bổ sung báo cáo thành tích", "Thiếu báo cáo", "Returned for completion", "Decision issued"):
        assert text in history
    actions = list(proposal.events.values_list("action", flat=True))
    assert actions[:3] == ["created", "submitted", "received"] and actions[-1] == "issued"


def test_the_proposer_recalls_before_receipt_but_not_after(client, road):
    proposal = _created(client, road)
    _act(client, road.officer, proposal, "submit")

    refused = _act(client, road.officer, proposal, "recall").content.decode()
    assert "Give the reason." in refused and _status(proposal) == "submitted"
    _act(client, road.officer, proposal, "recall", reason="Sửa tờ trình")
    assert _status(proposal) == "draft"

    _act(client, road.officer, proposal, "submit")
    _act(client, road.desk, proposal, "receive")
    page = _act(client, road.officer, proposal, "recall", reason="Muộn").content.decode()
    assert "this step is not possible" in page and _status(proposal) == "received"


def test_each_side_may_take_only_its_own_steps(client, road, scorer_a):
    proposal = _created(client, road)
    _act(client, road.officer, proposal, "submit")

    client.force_login(road.officer)
    assert client.post(reverse("awards:proposal-act", args=[proposal.pk]), {"action": "receive"}).status_code == 403
    client.force_login(road.specialist)
    assert client.post(reverse("awards:proposal-act", args=[proposal.pk]), {"action": "receive"}).status_code == 403
    client.force_login(scorer_a)
    assert client.get(reverse("awards:proposal-detail", args=[proposal.pk])).status_code == 404
    assert _status(proposal) == "submitted"


def test_a_nominee_who_fails_the_check_cannot_be_approved(client, road):
    proposal = _created(client, road)
    for user, action, data in (
        (road.officer, "submit", {}),
        (road.desk, "receive", {}),
        (road.desk, "assign", {"specialist": road.specialist.pk}),
    ):
        _act(client, user, proposal, action, **data)
    first, second = proposal.items.order_by("pk")
    refused = _act(client, road.specialist, proposal, "check_item", item=second.pk, result="not_eligible")
    assert "Give the reason." in refused.content.decode()
    _act(client, road.specialist, proposal, "check_item", item=first.pk, result="eligible")
    _act(client, road.specialist, proposal, "check_item", item=second.pk, result="not_eligible", reason="Kỷ luật")
    _act(client, road.specialist, proposal, "checked")
    _act(client, road.desk, proposal, "to_council")

    page = _act(client, road.desk, proposal, "decide_item", item=second.pk, decision="approved").content.decode()

    assert "cannot be approved" in page
    second.refresh_from_db()
    assert second.decision == ""


def test_a_session_with_nothing_beyond_its_authority_makes_no_proposal(client, org_tree, officer):
    own = custom_award("GK_RIENG", percent=50, base="all", inclusive=False, owner=org_tree["root"])
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=own, count=1)
    council, members = council_with_members(org_tree["root"], 3)
    session = session_voting(council, members, nominations)
    ballot.voting_close(session=session, actor=members[1].user)
    client.force_login(officer)

    response = client.post(reverse("awards:proposal-create", args=[session.pk]), follow=True)

    assert "No approved nomination of this session needs a decision of a level above." in response.content.decode()
    assert not Proposal.objects.exists()


def test_two_specialists_acting_on_one_proposal_one_wins(client, road):
    proposal = _created(client, road)
    for user, action, data in (
        (road.officer, "submit", {}),
        (road.desk, "receive", {}),
        (road.desk, "assign", {"specialist": road.specialist.pk}),
    ):
        _act(client, user, proposal, action, **data)
    for item in proposal.items.all():
        svc.item_check(item=item, result="eligible", reason="", actor=road.specialist)
    # Both loaded the proposal while it was with its specialist; both press "finish the check".
    mine, theirs = Proposal.objects.get(pk=proposal.pk), Proposal.objects.get(pk=proposal.pk)

    svc.proposal_checked(proposal=mine, actor=road.specialist)
    with pytest.raises(ValidationError, match="this step is not possible"):
        svc.proposal_checked(proposal=theirs, actor=road.other_specialist)
    with pytest.raises(ValidationError):  # nor can the desk re-assign what was just checked
        svc.proposal_assign(proposal=theirs, specialist=road.other_specialist, actor=road.desk)

    assert _status(proposal) == "checked"
    assert ProposalEvent.objects.filter(proposal=proposal, action="checked").count() == 1
    assert Proposal.objects.get(pk=proposal.pk).assigned_to == road.specialist


# --- time limits in working days ------------------------------------------------------------------------------


def test_working_days_skip_weekends_and_holidays():
    from datetime import date

    from awards.proposals.workdays import add_working_days, working_days_between

    tet = {date(2026, 2, day) for day in range(16, 21)}
    assert add_working_days(date(2026, 2, 12), 2, tet) == date(2026, 2, 23)  # Thu → Fri, then Tết and a weekend
    assert add_working_days(date(2026, 2, 13), 0, tet) == date(2026, 2, 13)
    assert working_days_between(date(2026, 2, 12), date(2026, 2, 23), tet) == 2
    with pytest.raises(ValueError):
        add_working_days(date(2026, 2, 13), -1, tet)


def test_a_proposal_left_too_long_with_the_desk_is_overdue(client, road):
    from datetime import timedelta

    from awards.models import Holiday, StepTimeLimit

    proposal = _created(client, road)
    _act(client, road.officer, proposal, "submit")
    assert StepTimeLimit.objects.get(status="submitted").working_days == 2
    assert Holiday.objects.filter(day="2026-02-16").exists()

    fresh = client.get(reverse("awards:proposal-detail", args=[proposal.pk])).content.decode()
    Proposal.objects.filter(pk=proposal.pk).update(status_changed_at=timezone.now() - timedelta(days=30))
    late = client.get(reverse("awards:proposal-detail", args=[proposal.pk])).content.decode()
    listing = client.get(reverse("awards:proposal-list")).content.decode()

    assert "due " in fresh and "Overdue" not in fresh
    assert "Overdue" in late and "Overdue" in listing
