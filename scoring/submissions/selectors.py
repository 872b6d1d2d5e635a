"""Reads for self-scoring: which phases accept submissions, who may see a submission, the scoring page rows.

Every read here runs a fixed number of queries whatever the size of the scoring table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from campaigns import scoring_rules as sr
from campaigns.enums import CampaignStatus
from campaigns.models import Participant, Phase, ScoringTable, Tier
from campaigns.tables.services import table_rule
from organizations.enums import Role
from organizations.reach import reach_for
from organizations.rules import is_scorer_of
from scoring.models import Evidence, Score, Submission
from scoring.rules import is_reviewer_of_campaign

EDIT = "edit"
VIEW = "view"


def phase_is_open(phase: Phase, *, today: date | None = None) -> bool:
    """True while the phase's dates contain today and its campaign is launched (accepting scores)."""
    today = today or timezone.localdate()
    return phase.campaign.status == CampaignStatus.LAUNCHED and phase.start_date <= today <= phase.end_date


def submission_is_open(submission: Submission, *, today: date | None = None) -> bool:
    """True while the phase is open, or an officer reopened this submission until today or later."""
    today = today or timezone.localdate()
    if phase_is_open(submission.phase, today=today):
        return True
    reopened = submission.reopened_until is not None and submission.reopened_until >= today
    return reopened and submission.phase.campaign.status == CampaignStatus.LAUNCHED


def acts_for(user, participant: Participant) -> bool:
    """The unit's scorer, or the person themself for an individual participant."""
    if not user.is_authenticated:
        return False
    if participant.organization_id:
        return is_scorer_of(user, participant.organization)
    return participant.person is not None and participant.person.user_id == user.pk


def submission_access(user, submission: Submission) -> str | None:
    """EDIT for who scores for the participant, VIEW for officers and reviewers of the campaign, else None."""
    if not user.is_authenticated:
        return None
    if acts_for(user, submission.participant):
        return EDIT
    if is_reviewer_of_campaign(user, submission.phase.campaign):  # officers, admins and reviewers
        return VIEW
    return None


def submission_get_for_user(user, *, pk: int) -> tuple[Submission, str] | None:
    """The submission ``pk`` with the user's access (EDIT or VIEW), or None when they may not see it."""
    submission = (
        Submission.objects.select_related(
            "participant__organization",
            "participant__person",
            "phase__campaign__launching_organization",
            "submitted_by",
        )
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        return None
    access = submission_access(user, submission)
    return (submission, access) if access else None


def score_list(submission: Submission) -> QuerySet[Score]:
    """The submission's scores in table order with criterion, group and evidence loaded."""
    return (
        submission.scores.select_related("criterion__group")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "pk")))
        .order_by("criterion__group__position", "criterion__position", "criterion_id")
    )


def score_get(submission: Submission, *, pk: int) -> Score | None:
    return submission.scores.select_related("criterion").filter(pk=pk).first()


def evidence_get(submission: Submission, *, pk: int) -> Evidence | None:
    return Evidence.objects.select_related("score__criterion").filter(pk=pk, score__submission=submission).first()


@dataclass(frozen=True)
class RunningTotal:
    total: sr.Total
    tier: sr.TierRule | None
    answered: int
    required: int


def running_total(submission: Submission, scores: list[Score]) -> RunningTotal:
    """The self-assessed total and predicted tier (two queries: the table and the tiers)."""
    campaign = submission.phase.campaign
    table = ScoringTable.objects.filter(campaign=campaign, participant_kind=submission.participant.kind).first()
    criteria = [score.criterion for score in scores]
    rule = table_rule(table, criteria) if table else sr.TableRule(criteria=(), declared_total=Decimal(0))
    points = {s.criterion.code: s.self_points for s in scores if s.self_points is not None}
    total = sr.total_for(rule, points)
    tiers = [sr.TierRule(t.name, t.lower_bound) for t in Tier.objects.filter(campaign=campaign)]
    tier = sr.tier_for(tiers, total.total, below_minimum=bool(total.below_minimum)) if tiers else None
    regular = [s for s in scores if s.criterion.kind == sr.Kind.REGULAR]
    answered = sum(1 for s in regular if s.self_points is not None)
    return RunningTotal(total=total, tier=tier, answered=answered, required=len(regular))


@dataclass(frozen=True)
class MyPhase:
    participant: Participant
    phase: Phase
    submission: Submission | None


def _my_participants(user) -> QuerySet[Participant]:
    scorer_of = sorted(reach_for(user).ids(Role.SCORER))
    return Participant.objects.filter(campaign__status=CampaignStatus.LAUNCHED).filter(
        Q(organization_id__in=scorer_of) | Q(person__user_id=user.pk)
    )


def submission_list_for_user(user, *, today: date | None = None) -> list[MyPhase]:
    """Open phases of launched campaigns where the user scores for a participant (three queries)."""
    today = today or timezone.localdate()
    participants = list(
        _my_participants(user).select_related("organization", "person", "campaign").order_by("campaign_id", "pk")
    )
    campaign_ids = {p.campaign_id for p in participants}
    submissions = {
        (s.participant_id, s.phase_id): s
        for s in Submission.objects.filter(participant__in=[p.pk for p in participants]).select_related(
            "phase__campaign"
        )
    }
    open_phases = Phase.objects.filter(campaign_id__in=campaign_ids, start_date__lte=today, end_date__gte=today)
    rows = [
        MyPhase(participant=p, phase=phase, submission=submissions.get((p.pk, phase.pk)))
        for phase in open_phases.select_related("campaign").order_by("end_date", "pk")
        for p in participants
        if p.campaign_id == phase.campaign_id
    ]
    shown = {(row.participant.pk, row.phase.pk) for row in rows}
    by_pk = {p.pk: p for p in participants}
    rows += [
        MyPhase(participant=by_pk[s.participant_id], phase=s.phase, submission=s)
        for key, s in submissions.items()
        if key not in shown and s.reopened_until is not None and s.reopened_until >= today
    ]
    return rows


def my_participant_get(user, *, pk: int) -> Participant | None:
    """A participant the user scores for, in a launched campaign."""
    return _my_participants(user).select_related("organization", "person", "campaign").filter(pk=pk).first()
