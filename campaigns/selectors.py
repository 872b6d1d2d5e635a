"""Reads for campaigns with visibility applied: officers see their organisations' campaigns in every
state; units and people see launched campaigns they take part in; drafts stay with the officers."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, Participant
from common.search import search_q
from organizations.enums import Role
from organizations.models import Membership
from organizations.reach import reach_for


def participant_scored_by_q(user, prefix: str = "") -> Q:
    """Participants ``user`` scores for (``prefix`` names the relation to the participant): units where they are
    the scorer; individuals who are the user themself, whose organisation they score for, or assigned to them."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    units = sorted(reach_for(user).ids(Role.SCORER))
    return (
        Q(**{f"{prefix}organization_id__in": units})
        | Q(**{f"{prefix}person__user_id": user.pk})
        | Q(**{f"{prefix}person__organization_id__in": units})
        | Q(**{f"{prefix}scorer_id": user.pk})
    )


def _visibility(user) -> Q:
    reach = reach_for(user)
    if reach.is_superuser:
        return Q()
    officer = reach.below_q(Role.OFFICER, Role.ADMIN, Role.REVIEWER, Role.SIGNER, prefix="launching_organization__")
    member_orgs = sorted(reach.ids(*Role.values))
    participant = Q(participants__organization_id__in=member_orgs) | participant_scored_by_q(user, "participants__")
    return officer | (participant & ~Q(status=CampaignStatus.DRAFT))


def campaign_list_for_user(user, *, search: str = "", status: str = "") -> QuerySet[Campaign]:
    """Campaigns the user may see, newest first, with phase and participant counts."""
    ids = Campaign.objects.filter(_visibility(user)).values("pk")
    qs = (
        Campaign.objects.filter(pk__in=ids)
        .select_related("launching_organization")
        .annotate(phase_count=Count("phases", distinct=True), participant_count=Count("participants", distinct=True))
    )
    if search:
        qs = qs.filter(search_q(search))
    if status in CampaignStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-start_date", "name")


def campaign_get_for_user(user, *, pk: int) -> Campaign | None:
    ids = Campaign.objects.filter(_visibility(user), pk=pk).values("pk")
    return Campaign.objects.filter(pk__in=ids).select_related("launching_organization", "created_by").first()


def registrations_due_for_user(user) -> QuerySet:
    """Launched campaigns' participations this user answers for (their unit or themselves) not yet registered."""
    return (
        Participant.objects.filter(participant_scored_by_q(user))
        .filter(campaign__status=CampaignStatus.LAUNCHED, registration__isnull=True)
        .select_related("campaign", "organization", "person")
        .order_by("campaign__end_date", "campaign__name")
    )


def campaigns_needing_attention(user) -> QuerySet[Campaign]:
    """The officer's drafts and launched campaigns, with how many participants have not registered."""
    return (
        campaign_list_for_user(user)
        .filter(status__in=[CampaignStatus.DRAFT, CampaignStatus.LAUNCHED])
        .annotate(
            unregistered_count=Count("participants", filter=Q(participants__registration__isnull=True), distinct=True)
        )
    )


def participant_user_ids(participants: QuerySet[Participant]) -> dict[int, set[int]]:
    """Who acts for each participant (participant id → user ids), in two queries: the unit's scorers for a
    collective; for an individual the person's own login, the scorers of their organisation and the assigned user
    (the same people as ``participant_scored_by_q``)."""
    rows = list(participants.values("pk", "organization_id", "person__organization_id", "person__user_id", "scorer_id"))
    unit_of = {row["pk"]: row["organization_id"] or row["person__organization_id"] for row in rows}
    scorers: dict[int, set[int]] = defaultdict(set)
    memberships = Membership.objects.filter(organization_id__in=set(unit_of.values()) - {None}, role=Role.SCORER)
    for organization_id, user_id in memberships.values_list("organization_id", "user_id"):
        scorers[organization_id].add(user_id)
    result = {}
    for row in rows:
        users = set(scorers.get(unit_of[row["pk"]], ()))
        users |= {row["person__user_id"], row["scorer_id"]} - {None}
        result[row["pk"]] = users
    return result
