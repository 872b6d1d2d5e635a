"""Reads for planning: which phases' submission windows are already over (a late launch)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from campaigns.models import Campaign, Phase


def window_closed_q(today: date, prefix: str = "") -> Q:
    """Phases whose submission window closed before ``today`` (deadline, else the phase's last day)."""
    return Q(**{f"{prefix}submission_deadline__lt": today}) | Q(
        **{f"{prefix}submission_deadline__isnull": True, f"{prefix}end_date__lt": today}
    )


def window_open_q(today: date, prefix: str = "") -> Q:
    """Phases whose submission window contains ``today`` (empty ends fall back to the phase's dates)."""
    opens = Q(**{f"{prefix}submission_opens__lte": today}) | Q(
        **{f"{prefix}submission_opens__isnull": True, f"{prefix}start_date__lte": today}
    )
    closes = Q(**{f"{prefix}submission_deadline__gte": today}) | Q(
        **{f"{prefix}submission_deadline__isnull": True, f"{prefix}end_date__gte": today}
    )
    return opens & closes


def phase_list_past(*, campaign: Campaign, today: date | None = None) -> QuerySet[Phase]:
    """The campaign's phases whose submission window is already over, in order."""
    today = today or timezone.localdate()
    return campaign.phases.filter(window_closed_q(today)).order_by("position")
