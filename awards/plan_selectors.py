"""Reads for award plans: a campaign's plan lines and the catalogue rows a plan may use."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from campaigns.models import Campaign

from awards.enums import NominationStatus
from awards.models import AwardPlan, AwardType


def award_date(campaign: Campaign) -> date:
    """The day a campaign's awards are judged by: its end, or today when later (a 2023 campaign is commended in
    2024 under the rules in force then). The achievement year stays the campaign's (``campaign.end_date.year``)."""
    return max(campaign.end_date, timezone.localdate())


def award_type_choices(*, campaign: Campaign) -> QuerySet[AwardType]:
    """Active catalogue rows in force on the award date: national ones and those of the launching body's line."""
    day = award_date(campaign)
    owners = campaign.launching_organization.ancestor_ids()
    return (
        AwardType.objects.filter(is_active=True, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .filter(Q(owner__isnull=True) | Q(owner_id__in=owners))
        .order_by("recipient_kind", "level", "name")
    )


def plan_list(*, campaign: Campaign) -> QuerySet[AwardPlan]:
    """A campaign's plan lines with their award, minimum tier and how many nominations each has."""
    live = ~Q(nominations__status=NominationStatus.WITHDRAWN)
    return (
        AwardPlan.objects.filter(campaign=campaign)
        .select_related("award_type", "minimum_tier")
        .annotate(
            nomination_count=Count("nominations", filter=live, distinct=True),
            eligible_count=Count("nominations", filter=live & Q(nominations__is_eligible=True), distinct=True),
        )
        .order_by("award_type__recipient_kind", "award_type__name", "pk")
    )


def plan_get(*, campaign: Campaign, pk: int) -> AwardPlan | None:
    return AwardPlan.objects.filter(campaign=campaign, pk=pk).select_related("award_type", "minimum_tier").first()
