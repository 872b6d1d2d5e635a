"""The dates a user follows, gathered from every app for the calendar page and the iCalendar feed.

Campaigns and phases the user may see (campaigns.selectors), their submission deadlines and interim / final review
dates, and the sessions of the councils the user manages or sits on. Three queries, whatever the number of events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.councils.selectors import council_list_for_user
from awards.models import CouncilSession
from campaigns import selectors as campaign_selectors
from campaigns.models import Phase

CAMPAIGN, PHASE, DEADLINE, REVIEW, SESSION = "campaign", "phase", "deadline", "review", "session"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    kind: str
    title: str
    start: date | datetime
    end: date | None = None  # last day (inclusive) of an all-day span; None: one day, or a timed event
    url: str = ""
    location: str = ""

    @property
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def last_day(self) -> date:
        return self.end or self.day


def _campaign_events(campaign) -> list[CalendarEvent]:
    url = reverse("campaigns:campaign-detail", kwargs={"pk": campaign.pk})
    uid = f"campaign-{campaign.pk}"
    events = [CalendarEvent(f"{uid}", CAMPAIGN, campaign.name, campaign.start_date, campaign.end_date, url)]
    for label, day, suffix in (
        (_("Interim review"), campaign.interim_review_date, "interim"),
        (_("Final review"), campaign.final_review_date, "final"),
    ):
        if day:
            events.append(CalendarEvent(f"{uid}-{suffix}", REVIEW, f"{label}: {campaign.name}", day, None, url))
    for phase in campaign.calendar_phases:
        title = f"{phase.name} — {campaign.name}"
        events.append(CalendarEvent(f"phase-{phase.pk}", PHASE, title, phase.start_date, phase.end_date, url))
        if phase.submission_deadline:
            names = {"phase": phase.name, "campaign": campaign.name}
            label = _("Submission deadline: %(phase)s — %(campaign)s") % names
            deadline = phase.submission_deadline
            events.append(CalendarEvent(f"phase-{phase.pk}-deadline", DEADLINE, label, deadline, None, url))
    return events


def _session_event(session) -> CalendarEvent:
    return CalendarEvent(
        f"session-{session.pk}",
        SESSION,
        f"{session.title} — {session.council.name}",
        session.scheduled_at,
        None,
        reverse("awards:session-detail", kwargs={"pk": session.pk}),
        session.place,
    )


def calendar_events(user, *, first: date, last: date) -> list[CalendarEvent]:
    """Every event of ``user``'s reach touching the days ``first``..``last``, in date order."""
    campaigns = (
        campaign_selectors.campaign_list_for_user(user)
        .filter(Q(start_date__lte=last))
        .filter(Q(end_date__gte=first) | Q(final_review_date__gte=first) | Q(interim_review_date__gte=first))
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("position"), to_attr="calendar_phases"))
    )
    events = [event for campaign in campaigns for event in _campaign_events(campaign)]
    start = datetime.combine(first, datetime.min.time())
    end = datetime.combine(last + timedelta(days=1), datetime.min.time())
    sessions = CouncilSession.objects.filter(
        council__in=council_list_for_user(user).values("pk"),
        scheduled_at__gte=_aware(start),
        scheduled_at__lt=_aware(end),
    ).select_related("council")
    events += [_session_event(session) for session in sessions]
    events = [event for event in events if event.day <= last and event.last_day >= first]
    return sorted(events, key=lambda event: (event.day, event.kind, event.title))


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment)
