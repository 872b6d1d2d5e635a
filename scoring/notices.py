"""Notifications about submissions and results, written in the transaction of the change they tell about."""

from __future__ import annotations

from django.urls import reverse

from campaigns.models import Campaign, Participant
from campaigns.notices import campaign_user_ids
from campaigns.selectors import participant_user_ids
from organizations.enums import NotificationEvent
from organizations.notifications.services import notify
from scoring.models import Submission


def _submission_notice(submission: Submission, event: str, **extra) -> None:
    participant, phase = submission.participant, submission.phase
    campaign = phase.campaign
    notify(
        event=event,
        recipients=participant_user_ids(Participant.objects.filter(pk=participant.pk)).get(participant.pk, ()),
        context={"participant": str(participant), "phase": phase.name, "campaign": campaign.name, **extra},
        link=reverse("scoring:submission-detail", args=[submission.pk]),
        organization=campaign.launching_organization,
    )


def submission_returned(*, submission: Submission) -> None:
    """Tell the unit its submission came back, with the reviewer's reason."""
    _submission_notice(submission, NotificationEvent.SUBMISSION_RETURNED, reason=submission.return_reason)


def submission_approved(*, submission: Submission) -> None:
    """Tell the unit its submission was approved at the last level (verified)."""
    _submission_notice(submission, NotificationEvent.SUBMISSION_APPROVED)


def ranking_published(*, campaign: Campaign, actor=None) -> None:
    """Tell the participants that the campaign's results are published (hook of the "finalise" step)."""
    notify(
        event=NotificationEvent.RANKING_PUBLISHED,
        recipients=campaign_user_ids(campaign),
        context={"campaign": campaign.name},
        link=reverse("scoring:ranking-list", args=[campaign.pk]),
        organization=campaign.launching_organization,
    )
