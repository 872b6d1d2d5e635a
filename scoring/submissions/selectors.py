"""Reads for self-scoring: which phases accept submissions, who may see a submission, the scoring page rows.

Every read here runs a fixed number of queries whatever the size of the scoring table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from campaigns import points as pt
from campaigns.enums import CampaignStatus
from campaigns.models import CriterionGroup, CriterionRule, Participant, Phase, Registration, ScoringTable
from campaigns.planning.selectors import window_open_q
from campaigns.rules import acts_for_participant
from campaigns.selectors import participant_scored_by_q
from campaigns.tables.services import translate
from campaigns.tables.spec import table_spec_from_rows
from organizations.rules import is_officer_of
from scoring import levels
from scoring.enums import SubmissionStatus
from scoring.models import Evidence, Score, Submission
from scoring.submissions.results import is_answered as is_answered_spec

EDIT = "edit"
VIEW = "view"


def phase_is_open(phase: Phase, *, today: date | None = None) -> bool:
    """True while today is inside the phase's submission window (hạn nộp; by default the phase's own dates) and
    its campaign is launched (accepting scores)."""
    today = today or timezone.localdate()
    return phase.campaign.status == CampaignStatus.LAUNCHED and phase.window_opens <= today <= phase.window_closes


def extension_is_open(submission: Submission, *, today: date | None = None) -> bool:
    """True while an officer's extension for this participant and phase runs (until today or later); a verified
    submission has nothing left to hand in."""
    today = today or timezone.localdate()
    extended = submission.reopened_until is not None and submission.reopened_until >= today
    return extended and submission.status != SubmissionStatus.VERIFIED


def submission_is_open(submission: Submission, *, today: date | None = None) -> bool:
    """True while the phase's window is open, or an officer extended it for this participant until today or later
    (the campaign launched in both cases)."""
    today = today or timezone.localdate()
    if phase_is_open(submission.phase, today=today):
        return True
    return extension_is_open(submission, today=today) and submission.phase.campaign.status == CampaignStatus.LAUNCHED


def acts_for(user, participant: Participant) -> bool:
    """The unit's scorer; for an individual the person themself, a scorer of their organisation or the user the
    officer assigned (``campaigns.rules.acts_for_participant``)."""
    return acts_for_participant(user, participant)


def registration_missing(participant: Participant) -> bool:
    """True when the campaign requires registration and the participant has not registered (one query at most;
    none when the participant carries an ``is_registered`` annotation)."""
    if not participant.campaign.registration_required:
        return False
    registered = getattr(participant, "is_registered", None)
    if registered is None:
        registered = Registration.objects.filter(participant_id=participant.pk).exists()
    return not registered


def submission_access(user, submission: Submission) -> str | None:
    """EDIT for who scores for the participant; VIEW for officers and reviewers of the campaign, and for who holds
    one of its review levels for a handed-in submission (bloc members, the bloc's leader, the head); else None."""
    if not user.is_authenticated:
        return None
    if acts_for(user, submission.participant):
        return EDIT
    if levels.is_campaign_reviewer(user, submission.phase.campaign):  # officers, admins and reviewers
        return VIEW
    if submission.status != SubmissionStatus.DRAFT and levels.holds_any_level(user, submission):
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
    """The submission's scores in table order with criterion, group, rule lines and evidence loaded (3 queries)."""
    return (
        submission.scores.select_related("criterion__group")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "pk")),
            Prefetch("criterion__rules", queryset=CriterionRule.objects.order_by("position", "id")),
        )
        .order_by("criterion__group__position", "criterion__position", "criterion_id")
    )


def score_get(submission: Submission, *, pk: int) -> Score | None:
    return submission.scores.select_related("criterion").prefetch_related("criterion__rules").filter(pk=pk).first()


def evidence_get(submission: Submission, *, pk: int) -> Evidence | None:
    return Evidence.objects.select_related("score__criterion").filter(pk=pk, score__submission=submission).first()


@dataclass
class CriterionLine:
    """One criterion on a page: its score row, its spec, its result and its rule lines described."""

    score: Score
    spec: pt.CriterionSpec
    result: pt.CriterionResult
    answered: bool
    rules: list[tuple[pt.RuleSpec, str, Decimal | None]]  # (rule, described in the officer's words, signed points)
    method_text: str

    @property
    def signed_points(self) -> Decimal | None:
        """The criterion's points as they count in the total: a penalty criterion's are subtracted."""
        if self.result is None:
            return None
        return -self.result.points if self.spec.role is pt.Role.PENALTY else self.result.points


@dataclass
class GroupNode:
    group: CriterionGroup
    depth: int
    subtotal: Decimal
    lines: list[CriterionLine] = field(default_factory=list)


@dataclass
class Breakdown:
    """A submission on its table: groups (depth first) with their criteria, the totals and the tier."""

    nodes: list[GroupNode]
    result: pt.TableResult | None
    table: ScoringTable | None
    has_tiers: bool
    answered: int
    required: int

    @property
    def total(self) -> pt.TableResult | None:  # the template's running.total.total
        return self.result

    @property
    def tier(self):
        return self.result.tier if self.result else None

    @property
    def gate_rules(self) -> list[str]:
        if self.result is None:
            return []
        texts = {rule.code: rule.text or rule.code for line in self.lines for rule, _t, _p in line.rules}
        return [texts.get(code, code) for code in self.result.gate_codes]

    @property
    def lines(self) -> list[CriterionLine]:
        return [line for node in self.nodes for line in node.lines]


def _table_rows(submission: Submission):
    """The submission's table with its groups and tiers (three queries), or (None, [], [])."""
    table = ScoringTable.objects.filter(
        campaign_id=submission.phase.campaign_id, participant_kind=submission.participant.kind
    ).first()
    if table is None:
        return None, [], []
    return table, list(table.groups.order_by("position", "id")), list(table.tiers.order_by("position", "-lower_bound"))


def submission_breakdown(submission: Submission, scores: list[Score], *, verified: bool = False) -> Breakdown:
    """The submission scored on its table with the unit's answers (``verified``: the answers that count).

    Three queries (the table, its groups, its tiers) on top of ``score_list``; the arithmetic is the engine's.
    """
    return _breakdown(*_table_rows(submission), scores, verified=verified)


def submission_breakdowns(submission: Submission, scores: list[Score]) -> tuple[Breakdown, Breakdown]:
    """(the unit's own answers, the answers that count) side by side, for reviewers: the same three queries."""
    rows = _table_rows(submission)
    return _breakdown(*rows, scores, verified=False), _breakdown(*rows, scores, verified=True)


def _breakdown(table, groups, tiers, scores: list[Score], *, verified: bool) -> Breakdown:
    if table is None:
        return Breakdown(nodes=[], result=None, table=None, has_tiers=False, answered=0, required=0)
    criteria = [score.criterion for score in scores]
    rules = [rule for criterion in criteria for rule in criterion.rules.all()]
    spec = table_spec_from_rows(table, groups, criteria, rules, tiers)
    specs = {c.code: c for c in pt.iter_criteria(spec)}
    answers = {s.criterion.code: (s.inputs if verified else s.self_inputs) or {} for s in scores}
    try:
        result = pt.score_table(spec, answers)
    except (pt.ScoringInputError, ValueError):
        result = None
    lines: dict[int, list[CriterionLine]] = {}
    answered = required = 0
    for score in scores:
        line = _line(score, specs[score.criterion.code], result, answers)
        if line.spec.role is pt.Role.REGULAR:
            required += 1
            answered += line.answered
        lines.setdefault(score.criterion.group_id, []).append(line)
    nodes = _nodes(groups, lines, result)
    return Breakdown(
        nodes=nodes, result=result, table=table, has_tiers=bool(tiers), answered=answered, required=required
    )


def _line(score: Score, criterion_spec: pt.CriterionSpec, result, answers: dict) -> CriterionLine:
    criterion_result = result.criteria[criterion_spec.code] if result else None
    described = [
        (
            rule,
            translate(pt.describe_rule(rule)),
            criterion_result.contributions.get(rule.code) if criterion_result else None,
        )
        for rule in criterion_spec.rules
    ]
    return CriterionLine(
        score=score,
        spec=criterion_spec,
        result=criterion_result,
        answered=is_answered_spec(criterion_spec, answers[criterion_spec.code]),
        rules=described,
        method_text=translate(pt.describe_base(criterion_spec)),
    )


def _nodes(groups: list[CriterionGroup], lines: dict[int, list[CriterionLine]], result) -> list[GroupNode]:
    children: dict[int | None, list[CriterionGroup]] = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    nodes: list[GroupNode] = []

    def walk(parent_id, depth):
        for group in children.get(parent_id, []):
            code = group.code or str(group.pk)
            subtotal = result.groups.get(code, Decimal(0)) if result else Decimal(0)
            nodes.append(GroupNode(group=group, depth=depth, subtotal=subtotal, lines=lines.get(group.pk, [])))
            walk(group.pk, depth + 1)

    walk(None, 0)
    return nodes


def running_total(submission: Submission, scores: list[Score]) -> Breakdown:
    """The self-assessed total and predicted tier (or not classified) with every group's subtotal."""
    return submission_breakdown(submission, scores)


@dataclass(frozen=True)
class MyPhase:
    participant: Participant
    phase: Phase
    submission: Submission | None

    @property
    def deadline(self) -> date:
        """The last day this participant may hand in: the phase's deadline, or its extension when later."""
        closes = self.phase.window_closes
        extended = self.submission.reopened_until if self.submission is not None else None
        return extended if extended is not None and extended > closes else closes

    @property
    def is_extension(self) -> bool:
        """Open for this participant only, through an officer's extension."""
        return self.deadline != self.phase.window_closes

    @property
    def needs_registration(self) -> bool:
        return registration_missing(self.participant)


def _my_participants(user, *, statuses=(CampaignStatus.LAUNCHED,)) -> QuerySet[Participant]:
    return Participant.objects.filter(participant_scored_by_q(user), campaign__status__in=statuses).annotate(
        is_registered=Exists(Registration.objects.filter(participant=OuterRef("pk")))
    )


def submission_list_for_user(user, *, today: date | None = None) -> list[MyPhase]:
    """Phases open for the participants the user scores for: inside their submission window, or extended for the
    participant by an officer (three queries)."""
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
    open_phases = Phase.objects.filter(window_open_q(today), campaign_id__in=campaign_ids)
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
        for key, s in sorted(submissions.items())
        if key not in shown and extension_is_open(s, today=today)
    ]
    return rows


def submission_list_past_for_user(user, *, today: date | None = None) -> list[Submission]:
    """The user's participants' submissions no longer open (window over, campaign closed, finalised or archived),
    newest phase first: they stay listed with a link to their results (one query)."""
    today = today or timezone.localdate()
    statuses = [s for s in CampaignStatus.values if s != CampaignStatus.DRAFT]
    submissions = (
        Submission.objects.filter(participant__in=_my_participants(user, statuses=statuses).values("pk"))
        .select_related("participant__organization", "participant__person", "phase__campaign")
        .order_by("-phase__end_date", "-pk")
    )
    return [s for s in submissions if not submission_is_open(s, today=today)]


def my_participant_get(user, *, pk: int) -> Participant | None:
    """A participant the user scores for, in a launched campaign."""
    return _my_participants(user).select_related("organization", "person", "campaign").filter(pk=pk).first()


def participant_get_for_officer(user, *, pk: int) -> Participant | None:
    """A participant of a launched (or later) campaign whose launching organisation ``user`` is an officer of."""
    participant = (
        Participant.objects.select_related("campaign__launching_organization", "organization", "person")
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .filter(pk=pk)
        .first()
    )
    if participant is None or not is_officer_of(user, participant.campaign.launching_organization):
        return None
    return participant


def extension_list(*, participant: Participant) -> QuerySet[Submission]:
    """The participant's submissions an officer extended (``reopened_until`` set), by phase."""
    return (
        participant.submissions.filter(reopened_until__isnull=False).select_related("phase").order_by("phase__position")
    )
