"""Reads of the API, each scoped to an organisation's subtree (the token's organisation and everything below).

Rankings: the current finished runs of campaigns launched in the subtree. Decisions: issued decisions of
issuing organisations in the subtree, with their recipient lines. Ledger: award records whose recipient (an
organisation, or a person's organisation) lies in the subtree.
"""

from django.db.models import Prefetch, Q

from awards.enums import DecisionStatus
from awards.models import ApiToken, AwardDecision, AwardRecord, DecisionRecipient
from organizations.enums import Role
from organizations.models import Organization
from organizations.reach import reach_for
from scoring.enums import RankingStatus
from scoring.models import RankingEntry, RankingRun


def _below(organization, prefix: str) -> Q:
    return Q(**{f"{prefix}path__startswith": organization.path})


def ranking_runs(organization):
    """Current, finished ranking runs of the campaigns launched in the subtree (newest first)."""
    return (
        RankingRun.objects.filter(
            _below(organization, "campaign__launching_organization__"),
            is_current=True,
            status=RankingStatus.DONE,
        )
        .select_related("campaign", "phase", "campaign__launching_organization")
        .order_by("-finished_at", "-pk")
    )


def ranking_run(organization, run_id: int):
    return ranking_runs(organization).filter(pk=run_id).first()


def ranking_entries(run):
    return (
        RankingEntry.objects.filter(run=run)
        .select_related("participant__organization", "participant__person")
        .order_by("kind", "rank", "pk")
    )


def issued_decisions(organization):
    """Issued decisions of the subtree, newest first, with their recipient lines."""
    lines = DecisionRecipient.objects.select_related("award_type").order_by("position", "pk")
    return (
        AwardDecision.objects.filter(_below(organization, "issuing_organization__"), status=DecisionStatus.ISSUED)
        .select_related("issuing_organization", "campaign")
        .prefetch_related(Prefetch("recipients", queryset=lines))
        .order_by("-decision_date", "-pk")
    )


def ledger_records(organization, *, year: int | None = None):
    """Award records of organisations and people in the subtree (newest year first)."""
    records = AwardRecord.objects.filter(
        _below(organization, "organization__") | _below(organization, "person__organization__")
    ).select_related("organization", "person", "person__organization", "award_type")
    if year is not None:
        records = records.filter(year=year)
    return records.order_by("-year", "-pk")


def administered_organizations(user):
    """Organisations for which ``user`` may manage API tokens: where they are admin, and below (all for a
    superuser)."""
    reach = reach_for(user)
    if reach.is_superuser:
        return Organization.objects.filter(is_active=True)
    if not reach.ids(Role.ADMIN):
        return Organization.objects.none()
    return Organization.objects.filter(reach.below_q(Role.ADMIN), is_active=True)


def tokens_for(user):
    """The tokens of the organisations ``user`` administers (active first, newest first)."""
    return (
        ApiToken.objects.filter(organization__in=administered_organizations(user))
        .select_related("organization", "created_by", "revoked_by")
        .order_by("revoked_at", "-created_at")
    )
