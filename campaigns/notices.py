"""Notifications about campaigns: written in the transaction of the lifecycle step (a transition hook)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.dateformat import format as date_format

from campaigns.models import Campaign
from campaigns.selectors import participant_user_ids
from organizations.enums import NotificationEvent
from organizations.notifications.services import notify


def day(value) -> str:
    """A date as Vietnamese write it in a notification (05/12/2026); empty when there is none."""
    return date_format(value, "d/m/Y") if value else ""


def campaign_user_ids(campaign: Campaign) -> set[int]:
    """Everyone who acts for one of the campaign's participants."""
    users: set[int] = set()
    for ids in participant_user_ids(campaign.participants.all()).values():
        users |= ids
    return users


def campaign_launched(*, campaign: Campaign, actor=None) -> None:
    """Tell the participants' scorers that the campaign was launched (hook of the "launch" step)."""
    notify(
        event=NotificationEvent.CAMPAIGN_LAUNCHED,
        recipients=campaign_user_ids(campaign),
        context={
            "campaign": campaign.name,
            "organization": campaign.launching_organization.name,
            "start": day(campaign.start_date),
            "end": day(campaign.end_date),
        },
        link=reverse("campaigns:campaign-detail", args=[campaign.pk]),
        organization=campaign.launching_organization,
    )
