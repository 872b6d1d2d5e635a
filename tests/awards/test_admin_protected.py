"""The Django admin cannot break what the law protects: ballots, tallies, attendance, agenda results, issued decisions
with their lines and documents, registers, certificates, decision-sourced ledger rows, score history and verified
scores are read-only (no add, change or delete), model by model; tallies are hidden while a session votes and the
ballots cast are not in the admin at all."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import pytest
from django.contrib import admin
from django.urls import reverse

from awards.councils.services import ballots as ballot
from awards.enums import RecordSource
from awards.models import (
    AgendaItem,
    AwardDecision,
    AwardRecord,
    BallotCast,
    Certificate,
    CouncilSession,
    DecisionDocument,
    DecisionRecipient,
    Nomination,
    Register,
    SessionAttendance,
)
from scoring.models import Score, SubmissionEvent
from scoring.review import services as review
from tests.awards.council_factories import campaign_with_nominations, council_with_members, custom_award, session_voting
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401
from tests.awards.factories import AwardRecordFactory
from tests.factories import UserFactory
from tests.scoring.phases_world import build_campaign, days, score_and_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def issued(org_tree, signer, media):
    return issue(draft_decision(org_tree["root"], lines=1), signer)


@pytest.fixture
def voting(org_tree, officer):
    council, members = council_with_members(org_tree["root"], 3)
    award = custom_award("QUA_BAN", percent=50, base="all", inclusive=False)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    session = session_voting(council, members, nominations)
    return session, members


def _url(obj, action: str) -> str:
    meta = obj._meta
    if action == "add":
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=[obj.pk])


def assert_read_only(client, obj):
    """The row can be viewed but not changed, deleted or added to, over HTTP and by the ModelAdmin's own rules."""
    page = client.get(_url(obj, "change"))
    assert page.status_code == 200, type(obj).__name__
    assert 'name="_save"' not in page.content.decode(), type(obj).__name__
    assert client.post(_url(obj, "change"), {}).status_code == 403, type(obj).__name__
    assert client.get(_url(obj, "delete")).status_code == 403, type(obj).__name__
    assert client.post(_url(obj, "delete"), {"post": "yes"}).status_code == 403, type(obj).__name__
    model_admin = admin.site._registry[type(obj)]
    request = page.wsgi_request
    assert not model_admin.has_change_permission(request, obj)
    assert not model_admin.has_delete_permission(request, obj)
    assert "delete_selected" not in model_admin.get_actions(request)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_issued_decision_lines_document_register_certificate_and_ledger_row_are_read_only(superuser_client, issued):
    decision = AwardDecision.objects.get(pk=issued.pk)
    rows = [
        decision,
        DecisionRecipient.objects.get(decision=decision),
        DecisionDocument.objects.get(decision=decision),
        Certificate.objects.get(recipient__decision=decision),
        AwardRecord.objects.get(decision_recipient__decision=decision),
        *Register.objects.all(),
    ]
    for row in rows:
        assert_read_only(superuser_client, row)
    for model in (Register, Certificate, DecisionDocument):
        assert superuser_client.get(reverse(f"admin:awards_{model._meta.model_name}_add")).status_code == 403
    # The decision's page shows its lines, without a way to add or change one.
    page = superuser_client.get(_url(decision, "change")).content.decode()
    assert "recipients-TOTAL_FORMS" not in page or 'name="recipients-0-recipient_name"' not in page


def test_drafts_and_hand_entered_ledger_rows_stay_editable(superuser_client, org_tree, officer):
    draft = draft_decision(org_tree["root"], lines=1)
    assert 'name="_save"' in superuser_client.get(_url(draft, "change")).content.decode()
    manual = AwardRecordFactory(person=None, organization=org_tree["ward_a"], source=RecordSource.MANUAL)
    assert 'name="_save"' in superuser_client.get(_url(manual, "change")).content.decode()
    assert superuser_client.get(reverse("admin:awards_awardrecord_add")).status_code == 200


def test_attendance_agenda_and_session_are_read_only_and_tallies_hidden_while_voting(superuser_client, voting):
    session, members = voting
    item = AgendaItem.objects.get(session=session)
    ballot.ballot_cast(session=session, member=members[0], choices={item.pk: "approve"})
    for row in (CouncilSession.objects.get(pk=session.pk), item, SessionAttendance.objects.filter(session=session)[0]):
        assert_read_only(superuser_client, row)
    assert superuser_client.get(reverse("admin:awards_agendaitem_add")).status_code == 403

    detail = superuser_client.get(_url(item, "change")).content.decode()
    listing = superuser_client.get(reverse("admin:awards_agendaitem_changelist")).content.decode()
    assert "approve_count" not in detail and "reject_count" not in detail
    assert 'class="field-approve_total">—<' in listing

    ballot.ballot_cast(session=session, member=members[1], choices={item.pk: "reject"})
    ballot.ballot_cast(session=session, member=members[2], choices={item.pk: "approve"})
    ballot.voting_close(session=session, actor=members[1].user)
    closed = superuser_client.get(reverse("admin:awards_agendaitem_changelist")).content.decode()
    assert 'class="field-approve_total">2<' in closed and 'class="field-reject_total">1<' in closed
    # The nomination the council approved carries the ballot's result: read-only too.
    assert_read_only(superuser_client, Nomination.objects.get(pk=item.nomination_id))


def test_ballots_cast_are_not_in_the_admin(superuser_client, voting):
    assert BallotCast not in admin.site._registry
    index = superuser_client.get(reverse("admin:index")).content.decode()
    assert "ballotcast" not in index


def test_score_history_and_verified_scores_are_read_only(superuser_client, client, org_tree, officer, scorer_a):
    campaign = build_campaign(
        organization=org_tree["root"],
        officer=officer,
        phases=[("Cả năm", days(-20), days(20))],
        organizations=[org_tree["ward_a"]],
    )
    phase = campaign.phases.get()
    participant = campaign.participants.get(organization=org_tree["ward_a"])
    superuser_client.force_login(scorer_a)
    submission = score_and_submit(superuser_client, participant, phase, 60, 35)
    superuser = UserFactory(username="root2", is_superuser=True, is_staff=True)
    verified = Score.objects.select_related("criterion", "submission").get(submission=submission, criterion__code="1")
    review.score_verify(
        score=verified, inputs={"points": "55"}, review_note="Thiếu", expected_version=verified.version, actor=superuser
    )
    superuser_client.force_login(superuser)
    assert_read_only(superuser_client, Score.objects.get(pk=verified.pk))
    assert_read_only(superuser_client, SubmissionEvent.objects.filter(submission=submission).first())
    assert superuser_client.get(reverse("admin:scoring_score_add")).status_code == 403
    assert superuser_client.get(reverse("admin:scoring_submissionevent_add")).status_code == 403
    unverified = Score.objects.get(submission=submission, criterion__code="2")
    assert 'name="_save"' in superuser_client.get(_url(unverified, "change")).content.decode()
