"""Reads for award plans: a campaign's plan lines and the catalogue rows a plan may use.

Reads for nominations: visibility, the women shares the tie priority needs, and whether a council may vote.

The award ledger and disciplinary reviews are read through ``awards.ledger.selectors``.

Reads for public disclosures: what would be published, a campaign's windows, one window with its comments.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from awards.enums import NominationStatus
from awards.models import AwardPlan, AwardType, DisclosureComment, Nomination, NominationDocument, PublicDisclosure
from campaigns.models import Campaign
from campaigns.rules import is_campaign_officer
from common.search import search_q
from organizations.enums import Gender, Role
from organizations.models import Person
from organizations.reach import reach_for
from scoring.enums import RankingStatus
from scoring.models import RankingRun


# --- from awards/nominations/selectors.py ---
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


# --- from awards/nominations/selectors.py ---
DisclosureLink = PublicDisclosure.nominations.through


# --- the facts eligibility reads ---------------------------------------------------------------------------------


def women_share_bulk(*, organization_ids) -> dict[int, Decimal]:
    """Share of women (0 … 1) among each organisation's active people; organisations without people are left out."""
    rows = (
        Person.objects.filter(organization_id__in=list(organization_ids), is_active=True)
        .values("organization_id")
        .annotate(total=Count("pk"), women=Count("pk", filter=Q(gender=Gender.FEMALE)))
    )
    return {row["organization_id"]: Decimal(row["women"]) / Decimal(row["total"]) for row in rows if row["total"]}


def ranking_overall_current(*, campaign: Campaign) -> RankingRun | None:
    """The published overall ranking of a campaign (not a phase's), or None."""
    return (
        RankingRun.objects.filter(campaign=campaign, phase__isnull=True, is_current=True, status=RankingStatus.DONE)
        .order_by("-created_at")
        .first()
    )


# --- visibility ------------------------------------------------------------------------------------------------


def _scorer_units(user) -> list[int]:
    return sorted(reach_for(user).ids(Role.SCORER))


def nomination_visible_q(user, campaign: Campaign) -> Q:
    """All of a campaign's nominations for its officers; a scorer's own unit's (and its people's) for the others."""
    if is_campaign_officer(user, campaign):
        return Q()
    units = _scorer_units(user)
    return Q(organization_id__in=units) | Q(person__organization_id__in=units)


def nomination_can_list(user, campaign: Campaign) -> bool:
    """Officers, and scorers of a unit that takes part in the campaign (directly or through its people)."""
    if is_campaign_officer(user, campaign):
        return True
    units = _scorer_units(user)
    return (
        bool(units)
        and campaign.participants.filter(Q(organization_id__in=units) | Q(person__organization_id__in=units)).exists()
    )


def nomination_list_for_user(
    user, *, campaign: Campaign, plan_id: int | None = None, status: str = "", search: str = "", eligible: str = ""
) -> QuerySet[Nomination]:
    """A campaign's nominations the user may see, plan by plan in order, with what the list shows."""
    qs = (
        Nomination.objects.filter(plan__campaign=campaign)
        .filter(nomination_visible_q(user, campaign))
        .select_related("plan__award_type", "organization", "person__organization")
        .annotate(document_count=Count("documents", distinct=True))
    )
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    if status in NominationStatus.values:
        qs = qs.filter(status=status)
    if eligible in ("yes", "no"):
        qs = qs.filter(is_eligible=eligible == "yes")
    if search:
        qs = qs.filter(search_q(search, "organization__", "person__"))
    return qs.order_by("plan__award_type__recipient_kind", "plan__award_type__name", "plan_id", "position", "pk")


def nomination_get_for_user(user, *, campaign: Campaign, pk: int) -> Nomination | None:
    """One nomination of the campaign if the user may see it, with its dossier and disclosures."""
    documents = NominationDocument.objects.select_related("uploaded_by").order_by("kind", "created_at")
    return (
        Nomination.objects.filter(plan__campaign=campaign, pk=pk)
        .filter(nomination_visible_q(user, campaign))
        .select_related("plan__award_type", "plan__campaign__launching_organization", "organization", "person")
        .select_related("person__organization", "participant", "ranking_run", "created_by")
        .prefetch_related(Prefetch("documents", documents), "disclosures")
        .first()
    )


def document_get(*, nomination: Nomination, pk: int) -> NominationDocument | None:
    return NominationDocument.objects.filter(nomination=nomination, pk=pk).first()


# --- may a council vote on it? ---------------------------------------------------------------------------------


def _local(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def nomination_voting_block_reason(nomination: Nomination, *, now: datetime) -> str | None:
    """None when a council may vote on ``nomination``; otherwise why not, translated.

    Blocked: withdrawn, already awarded by a decision, not eligible, its award asks for a public disclosure that
    has not been published, or a disclosure listing it has not ended yet at ``now``.
    """
    if nomination.status == NominationStatus.WITHDRAWN:
        return _("The nomination was withdrawn.")
    if nomination.status == NominationStatus.DECIDED:
        return _("The nomination has already been awarded by a decision.")
    if not nomination.is_eligible:
        return _("The nominee is not eligible for this award.")
    windows = list(PublicDisclosure.objects.filter(nominations=nomination).values_list("starts_at", "ends_at"))
    still_open = [ends for _starts, ends in windows if ends > now]
    if still_open:
        return _("The public disclosure is still open until %(time)s.") % {"time": _local(max(still_open))}
    if nomination.plan.award_type.requires_disclosure and not windows:
        return _("This award requires a public disclosure before voting, and the nomination has not been published.")
    return None


def nominations_ready_for_council(*, campaign: Campaign, now: datetime) -> QuerySet[Nomination]:
    """The campaign's proposed, eligible nominations that no disclosure rule blocks at ``now`` (same rules as above)."""
    links = DisclosureLink.objects.filter(nomination_id=OuterRef("pk"))
    closed = links.filter(publicdisclosure__ends_at__lte=now)
    still_open = links.filter(publicdisclosure__ends_at__gt=now)
    return (
        Nomination.objects.filter(plan__campaign=campaign, status=NominationStatus.PROPOSED, is_eligible=True)
        .filter(Q(plan__award_type__requires_disclosure=False) | Exists(closed))
        .exclude(Exists(still_open))
        .select_related("plan__award_type", "organization", "person__organization")
        .order_by("plan__award_type__name", "plan_id", "position", "pk")
    )


# --- from awards/nominations/selectors.py ---
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
