"""Reads for reviewers and for a submission's history, with the same visibility as ``scoring.rules``."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from campaigns.models import Campaign, Phase
from organizations.enums import Role
from organizations.reach import reach_for
from scoring.enums import SubmissionStatus
from scoring.models import Evidence, Score, Submission, SubmissionEvent
from scoring.rules import REVIEW_ROLES

# What reviewers work on: everything the unit has handed in (drafts stay with the unit).
QUEUE_STATUSES = (
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.UNDER_REVIEW,
    SubmissionStatus.RETURNED,
    SubmissionStatus.VERIFIED,
)


def _reviewed_campaigns_q(user, prefix: str = "") -> Q:
    """Campaigns whose launching organisation lies in the user's reviewer/officer reach."""
    return reach_for(user).below_q(*REVIEW_ROLES, prefix=f"{prefix}launching_organization__")


def _owner_q(user) -> Q:
    units = sorted(reach_for(user).ids(Role.SCORER))
    return Q(participant__organization_id__in=units) | Q(participant__person__user_id=user.pk)


def _with_context(qs: QuerySet[Submission]) -> QuerySet[Submission]:
    return qs.select_related(
        "participant__organization",
        "participant__person",
        "phase__campaign__launching_organization",
        "reviewed_by",
        "submitted_by",
    )


def review_campaign_list(user) -> QuerySet[Campaign]:
    """Campaigns (not drafts) the user reviews, for the queue's filter."""
    return (
        Campaign.objects.filter(_reviewed_campaigns_q(user))
        .exclude(status="draft")
        .select_related("launching_organization")
        .order_by("-start_date", "name")
    )


def review_phase_list(user, *, campaign: Campaign | None = None) -> QuerySet[Phase]:
    """Phases of the campaigns the user reviews (of ``campaign`` only when given)."""
    qs = Phase.objects.filter(campaign__in=review_campaign_list(user)).select_related("campaign")
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.order_by("campaign__name", "position")


def review_queue(user, *, campaign=None, phase=None, status: str = "") -> QuerySet[Submission]:
    """Handed-in submissions of the campaigns the user reviews, oldest hand-in first, with score counts."""
    qs = Submission.objects.filter(_reviewed_campaigns_q(user, "phase__campaign__"), status__in=QUEUE_STATUSES).exclude(
        phase__campaign__status="draft"
    )
    if campaign is not None:
        qs = qs.filter(phase__campaign=campaign)
    if phase is not None:
        qs = qs.filter(phase=phase)
    if status in QUEUE_STATUSES:
        qs = qs.filter(status=status)
    return (
        _with_context(qs)
        .annotate(
            score_count=Count("scores"),
            verified_count=Count("scores", filter=Q(scores__verified_points__isnull=False)),
            self_total=Sum("scores__self_points"),
            verified_total=Sum("scores__verified_points"),
        )
        .order_by("submitted_at", "pk")
    )


def submission_get_for_review(user, *, pk: int) -> Submission | None:
    """The submission ``pk`` if the user reviews its campaign and the unit has handed it in, else None."""
    qs = Submission.objects.filter(_reviewed_campaigns_q(user, "phase__campaign__"), pk=pk)
    return _with_context(qs.exclude(status=SubmissionStatus.DRAFT)).first()


def submission_get_for_history(user, *, pk: int) -> Submission | None:
    """The submission ``pk`` if the user reviews its campaign or answers for the participant, else None."""
    qs = Submission.objects.filter(_reviewed_campaigns_q(user, "phase__campaign__") | _owner_q(user), pk=pk)
    return _with_context(qs).first()


def score_list_for_review(*, submission: Submission) -> QuerySet[Score]:
    """The submission's scores in table order, with criterion, group and evidence (three queries in all)."""
    return (
        Score.objects.filter(submission=submission)
        .select_related("criterion__group")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "pk")))
        .order_by("criterion__group__position", "criterion__position", "criterion__pk")
    )


def event_list(*, submission: Submission) -> QuerySet[SubmissionEvent]:
    """The submission's history, newest first, with who did it and which criterion it was about."""
    return submission.events.select_related("actor", "score__criterion").order_by("-created_at", "-pk")
