"""Reads for the results pages: a participant's submissions across phases and campaigns with the points that count,
its tier or "not classified", its published ranks; one submission's verified breakdown and the reviewers' changes.

Who sees a participant's results: its scorers (or the person, or the scorer assigned to them) and the officers and
reviewers of its campaign; everyone else gets None (a 404 in the views). Submissions of the same organisation or
person in other campaigns are listed only where the user would see them there too. Ranks come from the current,
finished ranking runs only (published results). Every read runs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from campaigns import points as pt
from campaigns.enums import CampaignStatus
from campaigns.models import Participant, Tier
from campaigns.selectors import participant_scored_by_q
from organizations.reach import reach_for
from scoring.enums import EntryStatus, RankingStatus, SubmissionStatus
from scoring.levels import REVIEW_ROLES
from scoring.models import RankingBlocRank, RankingEntry, RankingRun, Submission, SubmissionEvent
from scoring.rules import is_reviewer_of_campaign
from scoring.submissions.selectors import Breakdown, acts_for, score_list, submission_breakdown

# History entries that show what a reviewer changed and why (corrected answers and points, returns).
REVIEW_ACTIONS = ("verify", "return")
RELATED = (
    "participant__organization",
    "participant__person",
    "phase__campaign__launching_organization",
)


def results_can_view(user, participant: Participant) -> bool:
    """The participant's scorers (or the person), and officers and reviewers of its campaign."""
    return acts_for(user, participant) or is_reviewer_of_campaign(user, participant.campaign)


def participant_get_for_results(user, *, pk: int) -> Participant | None:
    """The participant ``pk`` (not of a draft campaign) when the user may see its results, else None."""
    participant = (
        Participant.objects.select_related("campaign__launching_organization", "organization", "person")
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .filter(pk=pk)
        .first()
    )
    return participant if participant is not None and results_can_view(user, participant) else None


def submission_get_for_results(user, *, pk: int) -> Submission | None:
    """The submission ``pk`` (not of a draft campaign) when the user may see its participant's results."""
    submission = (
        Submission.objects.select_related(*RELATED, "participant__campaign__launching_organization")
        .exclude(phase__campaign__status=CampaignStatus.DRAFT)
        .filter(pk=pk)
        .first()
    )
    return submission if submission is not None and results_can_view(user, submission.participant) else None


def _visible_q(user) -> Q:
    """Submissions whose results the user may see: of participants they score for, or of campaigns they review."""
    reach = reach_for(user)
    if reach.is_superuser:
        return Q()
    reviewed = reach.below_q(*REVIEW_ROLES, prefix="phase__campaign__launching_organization__")
    return participant_scored_by_q(user, "participant__") | reviewed


@dataclass
class Placement:
    """A participant's entry in a published (current, finished) ranking run."""

    run: RankingRun
    entry: RankingEntry

    @property
    def is_ranked(self) -> bool:
        return self.entry.status == EntryStatus.RANKED

    @property
    def bloc_ranks(self) -> list[RankingBlocRank]:
        return list(self.entry.bloc_ranks.all())


@dataclass
class ResultRow:
    """One submission with its tier (published, else predicted from the stored total) and published placement."""

    submission: Submission
    tier: str | None
    placement: Placement | None

    @property
    def is_handed_in(self) -> bool:
        return self.submission.status != SubmissionStatus.DRAFT

    @property
    def is_verified(self) -> bool:
        return self.submission.status == SubmissionStatus.VERIFIED


@dataclass
class ParticipantResults:
    """A participant's results page: its rows (this and the other campaigns), the whole campaign's placement."""

    participant: Participant
    rows: list[ResultRow]
    overall: Placement | None
    others: list[ResultRow] = field(default_factory=list)


def _placements(keys: set[tuple[int, int, int | None]]) -> dict[tuple[int, int | None], Placement]:
    """``{(participant id, phase id or None): placement}`` for ``(campaign, participant, phase)`` keys: the current
    finished runs of those campaigns (two queries, three with bloc ranks)."""
    if not keys:
        return {}
    campaign_ids = {campaign_id for campaign_id, _p, _ph in keys}
    runs = {
        run.pk: run
        for run in RankingRun.objects.filter(
            campaign_id__in=campaign_ids, is_current=True, status=RankingStatus.DONE
        ).select_related("phase")
    }
    if not runs:
        return {}
    bloc_ranks = RankingBlocRank.objects.select_related("bloc").order_by("bloc__name")
    entries = RankingEntry.objects.filter(
        run_id__in=list(runs), participant_id__in={participant_id for _c, participant_id, _ph in keys}
    ).prefetch_related(Prefetch("bloc_ranks", bloc_ranks))
    wanted = {(participant_id, phase_id) for _c, participant_id, phase_id in keys}
    found = {}
    for entry in entries:
        run = runs[entry.run_id]
        key = (entry.participant_id, run.phase_id)
        if key in wanted:
            found[key] = Placement(run=run, entry=entry)
    return found


def _tiers(campaign_ids: set[int]) -> dict[tuple[int, str], list[pt.Tier]]:
    """Each campaign's tiers per participant kind, best first (one query)."""
    rows = (
        Tier.objects.filter(table__campaign_id__in=campaign_ids)
        .order_by("table_id", "position", "-lower_bound")
        .values_list("table__campaign_id", "table__participant_kind", "name", "lower_bound")
    )
    tiers: dict[tuple[int, str], list[pt.Tier]] = {}
    for campaign_id, kind, name, lower in rows:
        tiers.setdefault((campaign_id, kind), []).append(pt.Tier(name=name, lower=Decimal(lower)))
    return tiers


def _predicted_tier(submission: Submission, tiers: dict) -> str | None:
    """The tier the stored total reaches; None for a draft, a not-classified submission or a table without tiers."""
    if submission.status == SubmissionStatus.DRAFT or submission.is_gated:
        return None
    table_tiers = tiers.get((submission.phase.campaign_id, submission.participant.kind), [])
    tier = pt.tier_for(table_tiers, submission.total, below_minimum=submission.below_minimum)
    return tier.name if tier else None


def result_rows(submissions: list[Submission], *, overall_for: list[Participant] = ()) -> tuple[list, dict]:
    """Rows for ``submissions`` and the whole-campaign placements of ``overall_for`` (four queries at most)."""
    keys = {(s.phase.campaign_id, s.participant_id, s.phase_id) for s in submissions}
    keys |= {(p.campaign_id, p.pk, None) for p in overall_for}
    placements = _placements(keys)
    tiers = _tiers({s.phase.campaign_id for s in submissions}) if submissions else {}
    rows = []
    for submission in submissions:
        placement = placements.get((submission.participant_id, submission.phase_id))
        tier = (placement.entry.tier_name or None) if placement else _predicted_tier(submission, tiers)
        rows.append(ResultRow(submission=submission, tier=tier, placement=placement))
    overall = {p.pk: placements.get((p.pk, None)) for p in overall_for}
    return rows, overall


def _same_recipient_q(participant: Participant) -> Q:
    if participant.organization_id:
        return Q(participant__organization_id=participant.organization_id)
    return Q(participant__person_id=participant.person_id)


def participant_results(user, *, participant: Participant) -> ParticipantResults:
    """The participant's submissions in phase order, then those of the same organisation or person in other
    campaigns the user may see (newest campaign first), with tiers and published placements (five queries)."""
    submissions = list(
        Submission.objects.filter(_same_recipient_q(participant))
        .filter(Q(participant=participant) | _visible_q(user))
        .exclude(phase__campaign__status=CampaignStatus.DRAFT)
        .select_related(*RELATED)
        .order_by("-phase__campaign__start_date", "phase__campaign_id", "phase__position")
    )
    rows, overall = result_rows(submissions, overall_for=[participant])
    return ParticipantResults(
        participant=participant,
        rows=[row for row in rows if row.submission.participant_id == participant.pk],
        others=[row for row in rows if row.submission.participant_id != participant.pk],
        overall=overall[participant.pk],
    )


def results_participant_list_for_user(user) -> QuerySet[Participant]:
    """Every participant the user scores for, in campaigns past and present (drafts left out), newest first."""
    return (
        Participant.objects.filter(participant_scored_by_q(user))
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .select_related("campaign", "organization", "person")
        .order_by("-campaign__start_date", "campaign_id", "pk")
    )


def results_list_for_user(user) -> list[tuple[Participant, list[ResultRow], Placement | None]]:
    """The user's participants with their submissions' rows and whole-campaign placements (six queries at most)."""
    participants = list(results_participant_list_for_user(user))
    submissions = list(
        Submission.objects.filter(participant__in=[p.pk for p in participants])
        .select_related(*RELATED)
        .order_by("phase__position", "pk")
    )
    rows, overall = result_rows(submissions, overall_for=participants)
    by_participant: dict[int, list[ResultRow]] = {}
    for row in rows:
        by_participant.setdefault(row.submission.participant_id, []).append(row)
    return [(p, by_participant.get(p.pk, []), overall[p.pk]) for p in participants]


@dataclass
class SubmissionResults:
    """One submission's results: the verified breakdown, the reviewers' changes, tier and published placement."""

    submission: Submission
    breakdown: Breakdown
    changes: list[SubmissionEvent]
    placement: Placement | None
    overall: Placement | None

    @property
    def tier(self) -> str | None:
        if self.placement is not None:
            return self.placement.entry.tier_name or None
        return self.breakdown.tier

    @property
    def is_classified(self) -> bool:
        return self.breakdown.result is None or not self.breakdown.result.gated


def submission_results(submission: Submission) -> SubmissionResults:
    """The points that count (verified answers where a reviewer corrected them) per criterion and group, with the
    reviewers' changes and reasons and the published ranks (a fixed number of queries whatever the table's size)."""
    scores = list(score_list(submission))
    breakdown = submission_breakdown(submission, scores, verified=True)
    changes = list(
        SubmissionEvent.objects.filter(submission=submission, action__in=REVIEW_ACTIONS)
        .select_related("actor", "score__criterion")
        .order_by("created_at", "pk")
    )
    keys = {(submission.phase.campaign_id, submission.participant_id, submission.phase_id)}
    keys.add((submission.phase.campaign_id, submission.participant_id, None))
    placements = _placements(keys)
    return SubmissionResults(
        submission=submission,
        breakdown=breakdown,
        changes=changes,
        placement=placements.get((submission.participant_id, submission.phase_id)),
        overall=placements.get((submission.participant_id, None)),
    )
