"""The calendar: a month of the user's dates, and the same dates as an iCalendar feed at a secret URL."""

from __future__ import annotations

import calendar as month_grid
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from emulation.calendar.events import CAMPAIGN, PHASE, calendar_events
from emulation.calendar.ics import calendar_ics
from organizations.selectors import account_user_for_calendar_token

FEED_PAST_DAYS = 366
FEED_FUTURE_DAYS = 2 * 366


def _month(value: str) -> date:
    """The first day of the month named ``YYYY-MM``; this month when it is missing or wrong."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


def _weeks(first: date, events) -> list[list[dict]]:
    by_day: dict[date, list] = {}
    for event in events:
        if event.kind not in (CAMPAIGN, PHASE):
            by_day.setdefault(event.day, []).append(event)
        else:  # spans show on their first and last day only
            for day in {event.day, event.last_day}:
                by_day.setdefault(day, []).append(event)
    today = timezone.localdate()
    weeks = []
    for week in month_grid.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        cells = [
            {"date": day, "in_month": day.month == first.month, "is_today": day == today, "events": by_day.get(day, [])}
            for day in week
        ]
        weeks.append(cells)
    return weeks


@login_required
@require_GET
def calendar_month(request):
    first = _month(request.GET.get("month", ""))
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    events = calendar_events(request.user, first=first, last=last)
    context = {
        "first": first,
        "previous": (first - timedelta(days=1)).replace(day=1),
        "next": last + timedelta(days=1),
        "weeks": _weeks(first, events),
        "spans": [event for event in events if event.kind in (CAMPAIGN, PHASE)],
        "dated": [event for event in events if event.kind not in (CAMPAIGN, PHASE)],
    }
    return render(request, "calendar/month.html", context)


@require_GET
def calendar_feed(request, token: str):
    """The user's dates for calendar applications; 404 for an unknown, revoked or deactivated token."""
    user = account_user_for_calendar_token(token[:100])
    if user is None:
        raise Http404
    today = timezone.localdate()
    events = calendar_events(
        user, first=today - timedelta(days=FEED_PAST_DAYS), last=today + timedelta(days=FEED_FUTURE_DAYS)
    )
    text = calendar_ics(
        events,
        name=_("thi đua — %(user)s") % {"user": user.get_full_name() or user.get_username()},
        host=request.get_host().split(":")[0],
        base_url=f"{request.scheme}://{request.get_host()}",
        stamp=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="thi-dua.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
