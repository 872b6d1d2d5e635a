"""Reads of the public pages: only what is public by nature or by the organisation's choice.

Open disclosures (now within their window) and their nominations; accepted public comments (name and text, never
the contact); current finished rankings of campaigns launched by an organisation that publishes its rankings;
issued decisions of an organisation that publishes its decisions.
"""

from django.db.models import Q
from django.utils import timezone

from awards.enums import DecisionStatus
from awards.models import AwardDecision, CommentStatus, ExemplaryModel, Publication, PublicComment, PublicDisclosure
from campaigns.models import Campaign
from organizations.enums import Role
from organizations.reach import reach_for
from scoring.enums import RankingStatus
from scoring.models import RankingEntry, RankingRun


def open_disclosures():
    now = timezone.now()
    return (
        PublicDisclosure.objects.filter(starts_at__lte=now, ends_at__gt=now)
        .select_related("campaign__launching_organization")
        .order_by("ends_at", "pk")
    )


def disclosure_nominations(disclosure):
    return disclosure.nominations.select_related(
        "person", "organization", "person__organization", "plan__award_type"
    ).order_by("position", "pk")


def accepted_comments(disclosure):
    return PublicComment.objects.filter(disclosure=disclosure, status=CommentStatus.ACCEPTED).select_related(
        "nomination__person", "nomination__organization"
    )


def public_exemplary_models():
    return ExemplaryModel.objects.filter(is_public=True).select_related("organization").order_by("-created_at")


def publishing_organizations():
    return Publication.objects.filter(Q(publish_rankings=True) | Q(publish_decisions=True)).select_related(
        "organization"
    )


def publication_of(organization) -> Publication | None:
    return Publication.objects.filter(organization=organization).first()


def published_runs(organization):
    return (
        RankingRun.objects.filter(
            campaign__launching_organization=organization, is_current=True, status=RankingStatus.DONE
        )
        .select_related("campaign", "phase")
        .order_by("-finished_at", "-pk")
    )


def published_entries(run):
    return (
        RankingEntry.objects.filter(run=run)
        .select_related("participant__organization", "participant__person")
        .order_by("kind", "rank", "pk")
    )


def published_decisions(organization):
    return AwardDecision.objects.filter(issuing_organization=organization, status=DecisionStatus.ISSUED).order_by(
        "-decision_date", "-pk"
    )


def comments_to_moderate(user):
    """Public comments on disclosures of the campaigns the user manages as an officer (newest first)."""
    reach = reach_for(user)
    campaigns = Campaign.objects.filter(reach.below_q(Role.OFFICER, Role.ADMIN, prefix="launching_organization__"))
    if not reach.is_superuser and not reach.ids(Role.OFFICER, Role.ADMIN):
        campaigns = Campaign.objects.none()
    return (
        PublicComment.objects.filter(disclosure__campaign__in=campaigns)
        .select_related("disclosure__campaign", "nomination__person", "nomination__organization", "moderated_by")
        .order_by("status", "-created_at")
    )
