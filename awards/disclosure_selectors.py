"""Reads for public disclosures: what would be published, a campaign's windows, one window with its comments."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from campaigns.models import Campaign

from awards.enums import NominationStatus
from awards.models import DisclosureComment, Nomination, PublicDisclosure


def disclosure_candidates(*, campaign: Campaign) -> QuerySet[Nomination]:
    """Proposed, eligible nominations whose award asks for a disclosure and that no disclosure lists yet."""
    return (
        Nomination.objects.filter(
            plan__campaign=campaign,
            plan__award_type__requires_disclosure=True,
            status=NominationStatus.PROPOSED,
            is_eligible=True,
            disclosures__isnull=True,
        )
        .select_related("plan__award_type", "organization", "person__organization")
        .order_by("plan__award_type__name", "plan_id", "position", "pk")
    )


def disclosure_list(*, campaign: Campaign) -> QuerySet[PublicDisclosure]:
    """A campaign's disclosure windows, newest first, with how many nominations and comments each has."""
    return (
        PublicDisclosure.objects.filter(campaign=campaign)
        .select_related("published_by")
        .annotate(nomination_count=Count("nominations", distinct=True), comment_count=Count("comments", distinct=True))
        .order_by("-starts_at", "-pk")
    )


def disclosure_get(*, campaign: Campaign, pk: int) -> PublicDisclosure | None:
    """One window with its nominations (award and recipient) and its comments."""
    nominations = Nomination.objects.select_related("plan__award_type", "organization", "person__organization")
    comments = DisclosureComment.objects.select_related("nomination__organization", "nomination__person")
    return (
        PublicDisclosure.objects.filter(campaign=campaign, pk=pk)
        .select_related("published_by")
        .prefetch_related(
            Prefetch("nominations", nominations.order_by("plan__award_type__name", "position", "pk")),
            Prefetch("comments", comments.order_by("created_at", "pk")),
        )
        .first()
    )
