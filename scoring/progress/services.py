"""Reminders: the officer's "nhắc nhở" to one unit or every late one, and the daily beat notices of phases opening,
deadlines coming and deadlines passed. Every notice goes through ``organizations.notifications.services.notify``
in the transaction that records it; the beat notices carry a key so a second run the same day tells nobody twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, Participant, Phase
from campaigns.notices import day
from campaigns.selectors import participant_user_ids
from organizations.enums import NotificationEvent
from organizations.notifications.services import notify
from scoring.models import Reminder
from scoring.progress.selectors import ProgressRow, progress_rows

DEADLINE_NOTIFY_TASK = "scoring.deadline_notify"


def _link(row: ProgressRow) -> str:
    if row.submission_id is not None:
        return reverse("scoring:submission-detail", args=[row.submission_id])
    return reverse("scoring:submission-list")


def _context(row: ProgressRow, **extra) -> dict:
    phase = row.phase
    return {
        "participant": row.name,
        "phase": phase.name,
        "campaign": phase.campaign.name,
        "organization": phase.campaign.launching_organization.name,
        "opens": day(phase.window_opens),
        "deadline": day(row.deadline),
        **extra,
    }


def _tell(rows: list[ProgressRow], event: str, *, key: str = "", **extra) -> dict[int, int]:
    """Notify the people acting for each row's participant; participant id → how many were notified."""
    users = participant_user_ids(Participant.objects.filter(pk__in=[r.participant.pk for r in rows]))
    told = {}
    for row in rows:
        created = notify(
            event=event,
            recipients=users.get(row.participant.pk, ()),
            context=_context(row, **extra),
            link=_link(row),
            organization=row.phase.campaign.launching_organization,
            key=f"{key}:{row.participant.pk}" if key else "",
        )
        told[row.participant.pk] = len(created)
    return told


def progress_remind(
    *, campaign: Campaign, phase: Phase, actor, participant_ids: list[int] | None = None, note: str = ""
) -> list[Reminder]:
    """Remind the given participants (or, without ids, every late one) about ``phase``; the reminders recorded.

    Only participants who have not handed in may be reminded (approved or in-review units are left alone).
    """
    rows = [r for r in progress_rows(campaign=campaign, phase=phase) if r.state in ("not_started", "draft", "returned")]
    if participant_ids is None:
        rows = [r for r in rows if r.is_late]
    else:
        wanted = set(participant_ids)
        rows = [r for r in rows if r.participant.pk in wanted]
    with transaction.atomic():
        told = _tell(rows, NotificationEvent.REMINDER, note=note.strip())
        return Reminder.objects.bulk_create(
            Reminder(participant=r.participant, phase=phase, sent_by=actor, note=note.strip()[:500],
                     recipient_count=told.get(r.participant.pk, 0))
            for r in rows
        )  # fmt: skip


def _phases_of_launched() -> list[Phase]:
    return list(
        Phase.objects.filter(campaign__status=CampaignStatus.LAUNCHED)
        .select_related("campaign__launching_organization")
        .order_by("campaign_id", "position")
    )


def deadline_notify(*, today: date | None = None) -> int:
    """The day's beat notices for launched campaigns; how many notifications were written.

    A phase whose submission window opens today: every participant. A deadline in ``NOTIFICATION_DEADLINE_DAYS``
    days, or passed yesterday: the participants that have not handed in (each by its own deadline, extensions
    included). Keys make a second run the same day a no-op.
    """
    today = today or timezone.localdate()
    soon = today + timedelta(days=settings.NOTIFICATION_DEADLINE_DAYS)
    written = 0
    for phase in _phases_of_launched():
        if phase.window_opens > today:
            continue  # not open yet (extensions can move a unit's deadline anywhere after, so no upper cut)
        opens_today = phase.window_opens == today
        rows = progress_rows(campaign=phase.campaign, phase=phase, today=today)
        waiting = [r for r in rows if r.state in ("not_started", "draft", "returned")]
        with transaction.atomic():
            if opens_today:
                written += sum(_tell(rows, NotificationEvent.PHASE_OPENED, key=f"opened:{phase.pk}").values())
            due = [r for r in waiting if r.deadline == soon]
            key = f"soon:{phase.pk}:{soon.isoformat()}"
            days = settings.NOTIFICATION_DEADLINE_DAYS
            written += sum(_tell(due, NotificationEvent.DEADLINE_SOON, key=key, days=days).values())
            overdue = [r for r in waiting if r.deadline == today - timedelta(days=1)]
            key = f"overdue:{phase.pk}:{today.isoformat()}"
            written += sum(_tell(overdue, NotificationEvent.OVERDUE, key=key).values())
    return written
