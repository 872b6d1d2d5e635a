"""Notifications of the review and the results: a returned submission (with its reason), an approved one, and
the results published when the campaign is finalised; each in the app and by e-mail to the unit's scorer."""

import pytest
from django.core import mail

from campaigns.models import Participant
from campaigns.planning import services as planning
from organizations.enums import NotificationEvent, Role
from organizations.models import Notification
from scoring.enums import SubmissionStatus
from scoring.review import services as review
from tests.factories import MembershipFactory, UserFactory
from tests.scoring.answers import half_points, scored_submission
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(org_tree):
    user = UserFactory(username="reviewer")
    MembershipFactory(user=user, organization=org_tree["root"], role=Role.REVIEWER)
    return user


@pytest.fixture
def submission(org_tree, officer):
    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"], org_tree["ward_b"]]
    )
    participant = Participant.objects.get(campaign=campaign, organization=org_tree["ward_a"])
    return scored_submission(participant, campaign.phases.get(), status=SubmissionStatus.SUBMITTED, default=half_points)


def test_a_returned_submission_tells_the_unit_why(
    submission, reviewer, scorer_a, scorer_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review.submission_return(submission=submission, reason="Thiếu minh chứng tiêu chí 3.", actor=reviewer)
    note = Notification.objects.get()
    assert note.recipient == scorer_a and note.event == NotificationEvent.SUBMISSION_RETURNED
    assert note.title == "Hồ sơ bị trả lại: Phường 1 – Cả năm 2023"
    assert "Lý do: Thiếu minh chứng tiêu chí 3." in note.body
    assert note.link == f"/scoring/{submission.pk}/"
    [message] = mail.outbox
    assert message.to == ["scorer_a@example.gov.vn"] and "Thiếu minh chứng tiêu chí 3." in message.body
    assert f"/scoring/{submission.pk}/" in message.alternatives[0].content


def test_an_approved_submission_tells_the_unit(submission, reviewer, scorer_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review.submission_approve(submission=submission, actor=reviewer)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.VERIFIED
    note = Notification.objects.get()
    assert (note.recipient, note.event) == (scorer_a, NotificationEvent.SUBMISSION_APPROVED)
    assert len(mail.outbox) == 1


def test_finalising_publishes_the_results_to_every_participant(
    submission, officer, scorer_a, scorer_b, django_capture_on_commit_callbacks
):
    campaign = submission.phase.campaign
    with django_capture_on_commit_callbacks(execute=True):
        planning.campaign_transition(campaign=campaign, action="close_scoring", actor=officer)
        planning.campaign_transition(campaign=campaign, action="finalise", actor=officer)
    notes = Notification.objects.filter(event=NotificationEvent.RANKING_PUBLISHED)
    assert sorted(n.recipient.username for n in notes) == ["scorer_a", "scorer_b"]
    assert notes[0].link == f"/scoring/campaigns/{campaign.pk}/rankings/"
    assert len(mail.outbox) == 2
