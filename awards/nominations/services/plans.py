"""Writes for award plans: which awards a campaign gives, how many, and to whom (tier / points)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.models import AwardPlan, AwardType
from awards.nominations.selectors import award_type_choices
from campaigns.models import Campaign, Tier


def _check(*, campaign: Campaign, award_type: AwardType, minimum_tier: Tier | None, plan: AwardPlan | None) -> None:
    errors: dict[str, list[str]] = {}
    if not award_type_choices(campaign=campaign).filter(pk=award_type.pk).exists():
        errors["award_type"] = [_("This award is not in force when this campaign's awards are decided.")]
    elif (
        AwardPlan.objects.filter(campaign=campaign, award_type=award_type)
        .exclude(pk=getattr(plan, "pk", None))
        .exists()
    ):
        errors["award_type"] = [_("The plan already has a line for this award.")]
    if plan is not None and plan.award_type_id != award_type.pk and plan.nominations.exists():
        errors["award_type"] = [_("This line already has nominations: its award can no longer change.")]
    if minimum_tier is not None and minimum_tier.table.campaign_id != campaign.pk:
        errors["minimum_tier"] = [_("Choose one of this campaign's tiers.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_save(
    *,
    campaign: Campaign,
    award_type: AwardType,
    quota: int | None = None,
    minimum_tier: Tier | None = None,
    minimum_points: Decimal | None = None,
    note: str = "",
    plan: AwardPlan | None = None,
) -> AwardPlan:
    """Create a plan line, or update ``plan``; one line per award and campaign, award in force at the campaign's end."""
    _check(campaign=campaign, award_type=award_type, minimum_tier=minimum_tier, plan=plan)
    plan = plan or AwardPlan(campaign=campaign)
    plan.award_type = award_type
    plan.quota = quota
    plan.minimum_tier = minimum_tier
    plan.minimum_points = minimum_points
    plan.note = note
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as error:  # a concurrent save of the same award
        raise ValidationError({"award_type": [_("The plan already has a line for this award.")]}) from error
    return plan


@transaction.atomic
def plan_delete(*, plan: AwardPlan) -> None:
    """Remove a plan line that has no nominations (nominations keep their plan: withdraw them instead)."""
    plan = AwardPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.nominations.exists():
        raise ValidationError(_("This line has nominations and cannot be removed; withdraw them instead."))
    plan.delete()
