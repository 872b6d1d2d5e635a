"""Rankings: an officer (or the campaign closing its scoring) asks for a run; a Celery task computes it.

Invariants: a run is computed at most once (claimed pending → running with a conditional UPDATE); its entries
are written once and never changed afterwards; when it finishes, it becomes the current run of its campaign and
phase and the older runs stop being current in the same transaction — unless a newer run already finished.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

import outbox
from campaigns import points as pt
from campaigns.enums import CriterionMethod, PhaseCombination
from campaigns.models import Campaign, Criterion, Phase, ScoringTable
from organizations.models import BlocMember
from scoring.enums import RankingStatus, SubmissionStatus, TieBreak
from scoring.models import RankingRun, Score
from scoring.ranking import sql as ranking_sql

logger = logging.getLogger(__name__)

ACTIVE = (RankingStatus.PENDING, RankingStatus.RUNNING)


RANKING_COMPUTE_TASK = "scoring.ranking_compute"  # scoring/ranking/tasks.py


def _enqueue(run_id: int) -> None:
    outbox.enqueue(RANKING_COMPUTE_TASK, run_id=run_id)  # in this transaction; published after commit


def ranking_request(
    *, campaign: Campaign, phase: Phase | None, actor=None, tie_break: str = TieBreak.SHARED
) -> RankingRun:
    """Record a pending run (``phase`` None: the whole campaign) and enqueue its computation after commit.

    One run per campaign and phase at a time: while one is waiting or computing (and not older than the task time
    limit), that run is returned and nothing new is recorded. The campaign row is locked so two requests queue.
    """
    if phase is not None and phase.campaign_id != campaign.pk:
        raise ValueError("The phase belongs to another campaign.")
    if tie_break not in TieBreak.values:
        raise ValueError(f"Unknown tie-break rule: {tie_break}")
    with transaction.atomic():
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
        alive = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
        running = RankingRun.objects.filter(campaign=campaign, phase=phase).filter(
            Q(status=RankingStatus.PENDING) | Q(status=RankingStatus.RUNNING, started_at__gte=alive)
        )
        existing = running.order_by("-created_at", "-pk").first()
        if existing is not None:
            return existing
        run = RankingRun.objects.create(campaign=campaign, phase=phase, requested_by=actor, tie_break=tie_break)
        _enqueue(run.pk)
    return run


def ranking_request_for_phase_close(*, campaign: Campaign, actor=None) -> list[RankingRun]:
    """When scoring closes: a run for every phase and one for the whole campaign, each with its last tie-break."""
    runs = []
    for phase in [*campaign.phases.order_by("position"), None]:
        last = RankingRun.objects.filter(campaign=campaign, phase=phase).order_by("-created_at", "-pk").first()
        tie_break = last.tie_break if last else TieBreak.SHARED
        runs.append(ranking_request(campaign=campaign, phase=phase, actor=actor, tie_break=tie_break))
    return runs


def _kind_inputs(campaign: Campaign) -> dict[str, ranking_sql.KindInputs]:
    tables = ScoringTable.objects.filter(campaign=campaign).prefetch_related("tiers")
    return {
        t.participant_kind: ranking_sql.KindInputs(
            bonus_cap=t.bonus_cap,
            penalty_cap=t.penalty_cap,
            tiers=tuple((tier.name, tier.lower_bound) for tier in sorted(t.tiers.all(), key=_tier_order)),
        )
        for t in tables
    }


def _tier_order(tier):
    return (tier.position, -tier.lower_bound)


def ranking_inputs(run: RankingRun) -> ranking_sql.RankingInputs:
    """The phases (with their weights), the tables' caps and tiers a run computes with."""
    campaign = run.campaign
    if run.phase_id is not None:
        weights = ((run.phase_id, Decimal(1)),)
    else:
        phases = list(campaign.phases.order_by("position").values_list("pk", "weight"))
        if campaign.phase_combination == PhaseCombination.LAST_PHASE:
            phases = phases[-1:]
            weights = tuple((pk, Decimal(1)) for pk, _w in phases)
        else:
            weights = tuple(phases)
    has_relative = Criterion.objects.filter(
        table__campaign=campaign, method=CriterionMethod.RELATIVE_TO_LEADER
    ).exists()
    return ranking_sql.RankingInputs(
        campaign_id=campaign.pk, phase_weights=weights, kinds=_kind_inputs(campaign), has_relative=has_relative
    )


def _bloc_of(campaign: Campaign) -> dict[int, int]:
    """Each organisation's bloc for relative-to-leader criteria: its bloc of the campaign's year (the smallest id
    when several), else any bloc it belongs to; organisations in no bloc compete campaign-wide."""
    year = campaign.start_date.year
    rows = BlocMember.objects.order_by("bloc_id").values_list("organization_id", "bloc_id", "bloc__year")
    chosen: dict[int, tuple[bool, int]] = {}
    for organization_id, bloc_id, bloc_year in rows:
        key = (bloc_year != year, bloc_id)
        if organization_id not in chosen or key < chosen[organization_id]:
            chosen[organization_id] = key
    return {organization_id: key[1] for organization_id, key in chosen.items()}


def relative_rows(campaign: Campaign, phase_ids: list[int]) -> list[tuple[int, Decimal]]:
    """The final relative-to-leader points of every sent submission of these phases (submission id, points),
    computed with the engine over each bloc (or the whole campaign) and phase."""
    criteria = {
        c.pk: c for c in Criterion.objects.filter(table__campaign=campaign, method=CriterionMethod.RELATIVE_TO_LEADER)
    }
    blocs = _bloc_of(campaign)
    rows = (
        Score.objects.filter(submission__phase_id__in=phase_ids, criterion_id__in=list(criteria))
        .exclude(submission__status=SubmissionStatus.DRAFT)
        .values_list(
            "submission_id",
            "submission__phase_id",
            "criterion_id",
            "value",
            "target",
            "deduction",
            "submission__participant__organization_id",
        )
    )
    groups: dict[tuple, dict[int, tuple[Decimal, Decimal]]] = {}
    deductions: dict[tuple[int, int], Decimal] = {}
    for sid, phase_id, criterion_id, value, target, deduction, organization_id in rows:
        scope = (criteria[criterion_id].params or {}).get("scope", pt.Scope.BLOC)
        group = blocs.get(organization_id, 0) if scope == pt.Scope.BLOC and organization_id else 0
        bucket = groups.setdefault((phase_id, criterion_id, group), {})
        deductions[(sid, criterion_id)] = deduction
        if value is not None and target is not None and target > 0:
            bucket[sid] = (value, target)
    totals: dict[int, Decimal] = {}
    for (_phase_id, criterion_id, _group), entries in groups.items():
        standard = criteria[criterion_id].max_points
        for sid, base in pt.relative_points(standard, entries).items():
            net = pt.round_points(max(Decimal(0), base - deductions[(sid, criterion_id)]))
            totals[sid] = totals.get(sid, Decimal(0)) + net
    for sid, _criterion_id in deductions:
        totals.setdefault(sid, Decimal(0))
    return sorted(totals.items())


def _finish(run: RankingRun, *, count: int, inputs: ranking_sql.RankingInputs) -> None:
    """Mark ``run`` done and make it current unless a newer run of the same scope already is."""
    scope = RankingRun.objects.select_for_update().filter(campaign_id=run.campaign_id, phase_id=run.phase_id)
    newer_current = [r for r in scope.order_by("pk") if r.is_current and r.pk > run.pk]
    is_current = not newer_current
    if is_current:
        scope.filter(is_current=True).exclude(pk=run.pk).update(is_current=False)
    run.status, run.finished_at, run.participant_count = RankingStatus.DONE, timezone.now(), count
    run.is_current = is_current
    run.inputs = {**inputs.as_json(), "combination": run.campaign.phase_combination, "tie_break": run.tie_break}
    run.save(update_fields=["status", "finished_at", "participant_count", "is_current", "inputs", "updated_at"])
    outbox.enqueue("awards.nominations_recheck", campaign_id=run.campaign_id)  # #13: open nominations judged again


def ranking_compute(*, run_id: int) -> RankingRun | None:
    """Compute a pending run set-based (entries, bloc ranks) and publish it; None when someone else claimed it.

    Side effects: the run goes running → done (current) or → failed with the error; entries are all or nothing.
    """
    claimed = RankingRun.objects.filter(pk=run_id, status=RankingStatus.PENDING).update(
        status=RankingStatus.RUNNING, started_at=timezone.now()
    )
    if claimed != 1:
        return None
    run = RankingRun.objects.select_related("campaign").get(pk=run_id)
    try:
        with transaction.atomic():
            inputs = ranking_inputs(run)
            if inputs.has_relative:
                phase_ids = [pk for pk, _w in inputs.phase_weights]
                ranking_sql.relative_write(relative_rows(run.campaign, phase_ids))
            count = ranking_sql.ranking_write(run_id=run.pk, inputs=inputs)
            if inputs.has_relative:
                ranking_sql.relative_drop()
            _finish(run, count=count, inputs=inputs)
    except Exception as exc:  # any failure is recorded on the run for the officer; the task does not retry
        logger.exception("Ranking run %s failed", run_id)
        RankingRun.objects.filter(pk=run_id).update(
            status=RankingStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run
