"""Writes for public disclosure (công khai): publish a campaign's nominations for comments, record comments.

A window closes by time (``ends_at``); nothing has to run when it does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import notices
from awards.models import DisclosureComment, Nomination, PublicDisclosure
from awards.nominations.selectors import disclosure_candidates
from campaigns.models import Campaign

# A start typed in a form (minute precision) a moment ago still counts as now.
START_GRACE = timedelta(minutes=5)


@transaction.atomic
def disclosure_publish(
    *,
    campaign: Campaign,
    actor,
    days: int | None = None,
    starts_at: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> PublicDisclosure:
    """Publish the proposed, eligible nominations whose award asks for a disclosure and that were not published yet.

    ``days`` defaults to the largest ``disclosure_days`` among their awards (at least one) and may not be shorter
    than it; ``starts_at`` defaults to ``now`` (the current time) and may not be earlier than it (a few minutes of
    grace for a form's minute precision): a window dated in the past would leave nobody time to comment.
    """
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # one publication at a time per campaign
    nominations = list(disclosure_candidates(campaign=campaign))
    if not nominations:
        raise ValidationError(_("No proposed nomination waits for a public disclosure."))
    required = max(n.plan.award_type.disclosure_days for n in nominations)
    if days is None:
        days = required or 1
    if days < 1:
        raise ValidationError({"days": [_("A disclosure lasts at least one day.")]})
    if days < required:
        raise ValidationError(
            {"days": [_("The award requires a disclosure of at least %(days)s days.") % {"days": required}]}
        )
    now = now or timezone.now()
    if starts_at is not None and starts_at < now - START_GRACE:
        raise ValidationError({"starts_at": [_("A disclosure cannot start in the past.")]})
    starts_at = max(starts_at or now, now)
    disclosure = PublicDisclosure.objects.create(
        campaign=campaign, starts_at=starts_at, ends_at=starts_at + timedelta(days=days), note=note, published_by=actor
    )
    disclosure.nominations.set(nominations)
    notices.disclosure_opened(disclosure=disclosure)
    return disclosure


def _nomination_of(disclosure: PublicDisclosure, nomination: Nomination | None) -> Nomination | None:
    if nomination is not None and not disclosure.nominations.filter(pk=nomination.pk).exists():
        raise ValidationError({"nomination": [_("Choose one of the published nominations.")]})
    return nomination


@transaction.atomic
def disclosure_comment_add(
    *,
    disclosure: PublicDisclosure,
    body: str,
    author_name: str,
    actor,
    nomination: Nomination | None = None,
    on_paper: bool = False,
    now: datetime | None = None,
) -> DisclosureComment:
    """Record a comment: a viewer's own while the window is open; one received on paper once the window began."""
    now = now or timezone.now()
    body, author_name = (body or "").strip(), (author_name or "").strip()
    if now < disclosure.starts_at:
        raise ValidationError(_("The disclosure has not started yet."))
    if not on_paper and now >= disclosure.ends_at:
        raise ValidationError(_("The disclosure has ended: comments are closed."))
    if not body:
        raise ValidationError({"body": [_("Write the comment.")]})
    if not author_name:
        raise ValidationError({"author_name": [_("Give the author's name.")]})
    return DisclosureComment.objects.create(
        disclosure=disclosure,
        nomination=_nomination_of(disclosure, nomination),
        author_name=author_name[:150],
        body=body,
        recorded_by=actor,
    )
