"""Reads for reviewers and for a submission's history, with the same visibility as ``scoring.rules``.

Reviewers, officers and admins of a campaign's launching organisation see every handed-in submission of it (as
before review levels existed); whoever holds another review level (a bloc member cross-checking, the bloc's leader,
the launching organisation's head) sees the submissions waiting at that level. ``waiting_q`` is the one filter for
"waits at a level this user holds": the queue marks those rows and the home page counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When

from campaigns.enums import ReviewLevel
from campaigns.models import Campaign, CriterionRule, Phase
from campaigns.selectors import participant_scored_by_q
from organizations.enums import Role
from organizations.reach import reach_for
from scoring import levels
from scoring.enums import SubmissionStatus
from scoring.levels import REVIEW_ROLES
from scoring.models import Evidence, Score, Submission, SubmissionEvent
from scoring.submissions.feedback import points_text

# What reviewers work on: everything the unit has handed in (drafts stay with the unit).
QUEUE_STATUSES = (
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.UNDER_REVIEW,
    SubmissionStatus.RETURNED,
    SubmissionStatus.VERIFIED,
)
WAITING_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.UNDER_REVIEW)


def _reviewed_campaigns_q(user, prefix: str = "") -> Q:
    """Campaigns whose launching organisation lies in the user's reviewer/officer reach."""
    return reach_for(user).below_q(*REVIEW_ROLES, prefix=f"{prefix}launching_organization__")


def _owner_q(user) -> Q:
    return participant_scored_by_q(user, "participant__")


def _at_level(level: str) -> Q:
    """Submissions whose campaign's level at their stage is ``level`` (a JSON array index: portable SQL)."""
    condition = Q(pk__in=[])
    for stage in range(levels.LEVEL_LIMIT):
        condition |= Q(review_stage=stage, **{f"phase__campaign__review_levels__{stage}": level})
    return condition


def _participants_q(organization_ids) -> Q:
    ids = sorted(organization_ids)
    return Q(participant__organization_id__in=ids) | Q(participant__person__organization_id__in=ids)


def waiting_q(user) -> Q:
    """Handed-in submissions waiting at a level ``user`` holds (one query for the user's bloc seats)."""
    reach = reach_for(user)
    if not user.is_authenticated:
        return Q(pk__in=[])
    if reach.is_superuser:
        return Q(status__in=WAITING_STATUSES)
    scope = levels.bloc_scope_for(user)
    signer_of = sorted(reach.ids(Role.SIGNER))
    held = (
        (_reviewed_campaigns_q(user, "phase__campaign__") & _at_level(ReviewLevel.REVIEWER))
        | (Q(phase__campaign__launching_organization_id__in=signer_of) & _at_level(ReviewLevel.HEAD))
        | (_participants_q(scope.cross_check) & _at_level(ReviewLevel.BLOC_MEMBER))
        | (_participants_q(scope.as_leader) & _at_level(ReviewLevel.BLOC_LEADER))
    )
    return Q(status__in=WAITING_STATUSES) & held


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
    """Handed-in submissions of the campaigns the user reviews and those waiting at a level the user holds,
    oldest hand-in first; ``is_waiting`` marks what waits for this user, with the stored totals and score counts."""
    waiting = waiting_q(user)
    qs = Submission.objects.filter(
        _reviewed_campaigns_q(user, "phase__campaign__") | waiting, status__in=QUEUE_STATUSES
    ).exclude(phase__campaign__status="draft")
    if campaign is not None:
        qs = qs.filter(phase__campaign=campaign)
    if phase is not None:
        qs = qs.filter(phase=phase)
    if status in QUEUE_STATUSES:
        qs = qs.filter(status=status)
    return (
        _with_context(qs)
        .annotate(
            is_waiting=Case(When(waiting, then=Value(True)), default=Value(False), output_field=BooleanField()),
            score_count=Count("scores"),
            verified_count=Count("scores", filter=Q(scores__verified_points__isnull=False)),
        )
        .order_by("submitted_at", "pk")
    )


def review_waiting_count(user) -> int:
    """How many handed-in submissions wait at a level the user holds (the home page's figure)."""
    return Submission.objects.filter(waiting_q(user)).exclude(phase__campaign__status="draft").count()


def submission_get_for_review(user, *, pk: int) -> Submission | None:
    """The handed-in submission ``pk`` if the user reviews its campaign or holds one of its levels, else None."""
    submission = _with_context(Submission.objects.filter(pk=pk).exclude(status=SubmissionStatus.DRAFT)).first()
    if submission is None or not user.has_perm("scoring.view_submission_review", submission):
        return None
    return submission


def submission_get_for_history(user, *, pk: int) -> Submission | None:
    """The submission ``pk`` if the user may read its history (its unit, its reviewers at any level), else None."""
    submission = _with_context(Submission.objects.filter(pk=pk)).first()
    if submission is None or not user.has_perm("scoring.view_submission_history", submission):
        return None
    return submission


def score_list_for_review(*, submission: Submission) -> QuerySet[Score]:
    """The submission's scores in table order, with criterion, group, rule lines and evidence (three queries)."""
    return (
        Score.objects.filter(submission=submission)
        .select_related("criterion__group")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "pk")),
            Prefetch("criterion__rules", queryset=CriterionRule.objects.order_by("position", "id")),
        )
        .order_by("criterion__group__position", "criterion__position", "criterion__pk")
    )


def event_list(*, submission: Submission) -> QuerySet[SubmissionEvent]:
    """The submission's history, newest first, with who did it and which criterion it was about."""
    return submission.events.select_related("actor", "score__criterion").order_by("-created_at", "-pk")


@dataclass
class LevelStep:
    """What one level did in the current round of review: its approval (total) and its corrections."""

    level: str
    label: str
    approved_by: object = None
    approved_at: object = None
    total: str = ""
    corrections: list[SubmissionEvent] = field(default_factory=list)


def review_round(*, submission: Submission) -> tuple[list[LevelStep], dict[int, list[SubmissionEvent]]]:
    """The levels' work since the last hand-in (one query): the steps in level order, and each score's corrections
    (newest last) so each level sees the figures and reasons of the levels before it."""
    events = list(
        submission.events.filter(action__in=("submit", "verify", "level_approve", "approve"))
        .select_related("actor", "score__criterion")
        .order_by("created_at", "pk")
    )
    start = max((i for i, e in enumerate(events) if e.action == "submit"), default=-1)
    steps: dict[str, LevelStep] = {}
    by_score: dict[int, list[SubmissionEvent]] = {}
    for event in events[start + 1 :]:
        if not event.review_level:
            continue
        event.level_label = levels.level_label(event.review_level)
        event.old_text, event.new_text = points_text(event.old_value), points_text(event.new_value)
        step = steps.setdefault(
            event.review_level, LevelStep(level=event.review_level, label=levels.level_label(event.review_level))
        )
        if event.action == "level_approve" or (event.action == "approve" and event.field == "status"):
            step.approved_by, step.approved_at = event.actor, event.created_at
            step.total = event.new_text if event.action == "level_approve" else ""
        elif event.action == "verify" and event.field in ("verified_points", "verified_inputs", "review_note"):
            step.corrections.append(event)
            by_score.setdefault(event.score_id, []).append(event)
    order = {level: i for i, level in enumerate(levels.campaign_levels(submission.phase.campaign))}
    return sorted(steps.values(), key=lambda step: order.get(step.level, len(order))), by_score
