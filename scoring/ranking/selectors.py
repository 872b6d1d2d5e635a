"""Reads for rankings: who may see them, the current and latest runs, entries with filters, chart data.

Visibility: officers, admins, reviewers and signers of the launching organisation (or above it) see the
rankings of a campaign; everyone else gets None (a 404 in the views). Officers, admins and reviewers may ask
for a new run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, CharField, Count, F, Max, Min, Prefetch, QuerySet, Value, When

from campaigns.enums import ParticipantKind as EntryKind
from campaigns.models import Campaign, Phase, ScoringTable, Tier
from campaigns.selectors import campaign_get_for_user
from organizations.enums import Role
from organizations.models import EmulationBloc
from organizations.reach import reach_for
from scoring.enums import TieBreak
from scoring.models import RankingBlocRank, RankingEntry, RankingRun, Score

VIEW_ROLES = (Role.OFFICER, Role.ADMIN, Role.REVIEWER, Role.SIGNER)
REQUEST_ROLES = (Role.OFFICER, Role.ADMIN, Role.REVIEWER)
BANDS = 10


def _covers(user, campaign: Campaign, roles) -> bool:
    reach = reach_for(user)
    return reach.is_superuser or reach.covers(campaign.launching_organization.path, *roles)


def ranking_can_view(user, campaign: Campaign) -> bool:
    return campaign is not None and _covers(user, campaign, VIEW_ROLES)


def ranking_can_request(user, campaign: Campaign) -> bool:
    return campaign is not None and _covers(user, campaign, REQUEST_ROLES)


def ranking_campaign_get_for_user(user, *, pk: int) -> Campaign | None:
    """The campaign ``pk`` when the user may see its rankings, else None."""
    campaign = campaign_get_for_user(user, pk=pk)
    return campaign if campaign is not None and ranking_can_view(user, campaign) else None


def ranking_current(*, campaign: Campaign, phase: Phase | None) -> RankingRun | None:
    """The published (current) run of a campaign's phase, or of the whole campaign when ``phase`` is None."""
    return (
        RankingRun.objects.filter(campaign=campaign, phase=phase, is_current=True)
        .select_related("requested_by", "phase")
        .first()
    )


def ranking_run_list(*, campaign: Campaign, phase: Phase | None, limit: int = 10) -> list[RankingRun]:
    """The latest runs of the scope, newest first (the first one drives the progress fragment)."""
    qs = RankingRun.objects.filter(campaign=campaign, phase=phase).select_related("requested_by")
    return list(qs.order_by("-created_at", "-pk")[:limit])


def ranking_run_get(*, campaign: Campaign, pk: int) -> RankingRun | None:
    return RankingRun.objects.filter(campaign=campaign, pk=pk).select_related("phase", "requested_by").first()


@dataclass(frozen=True)
class EntryFilters:
    bloc: int | None = None
    tier: str = ""
    kind: str = ""  # "collective" or "individual"


def ranking_entry_list(*, run: RankingRun, filters: EntryFilters = EntryFilters()) -> QuerySet[RankingEntry]:
    """A run's entries in rank order (fully verified first among equals under that tie-break) with blocs."""
    bloc_ranks = RankingBlocRank.objects.select_related("bloc").order_by("bloc__name")
    qs = run.entries.select_related("participant__organization", "participant__person").prefetch_related(
        Prefetch("bloc_ranks", bloc_ranks)
    )
    if filters.bloc:
        qs = qs.filter(bloc_ranks__bloc_id=filters.bloc)
    if filters.tier:
        qs = qs.filter(tier_name=filters.tier)
    if filters.kind in (EntryKind.COLLECTIVE, EntryKind.INDIVIDUAL):
        qs = qs.filter(kind=filters.kind)
    rank = F("rank").asc(nulls_last=True)  # not classified and not submitted come after the ranked
    order = [rank, "-is_fully_verified"] if run.tie_break == TieBreak.VERIFIED_FIRST else [rank]
    return qs.order_by(*order, "status", "-total", "participant_id")


def ranking_kinds(*, run: RankingRun) -> list[str]:
    """The participant kinds present in ``run`` (collectives first): each is a separate list."""
    present = set(run.entries.values_list("kind", flat=True).distinct())
    return [kind for kind in (EntryKind.COLLECTIVE, EntryKind.INDIVIDUAL) if kind in present]


def ranking_status_counts(*, run: RankingRun, kind: str) -> dict[str, int]:
    """How many entries of ``kind`` are ranked, not classified, not submitted."""
    rows = run.entries.filter(kind=kind).values("status").annotate(n=Count("pk")).values_list("status", "n")
    return dict(rows)


def ranking_tier_names(*, campaign: Campaign) -> list[str]:
    """Every tier name of the campaign's tables, best first, once each (the filter's choices)."""
    names: list[str] = []
    for name in (
        Tier.objects.filter(table__campaign=campaign)
        .order_by("position", "-lower_bound")
        .values_list("name", flat=True)
    ):
        if name not in names:
            names.append(name)
    return names


def ranking_entry_get(*, run: RankingRun, participant_pk: int) -> RankingEntry | None:
    return ranking_entry_list(run=run).filter(participant_id=participant_pk).first()


def ranking_bloc_list(*, run: RankingRun) -> list[EmulationBloc]:
    """The blocs that have members in the run (for the filter)."""
    ids = RankingBlocRank.objects.filter(entry__run=run).values("bloc_id")
    return list(EmulationBloc.objects.filter(pk__in=ids).order_by("name"))


def ranking_tier_counts(*, run: RankingRun) -> list[tuple[str, int]]:
    """(tier, participants) best tier first."""
    rows = (
        run.entries.exclude(tier_name="").values("tier_name").annotate(n=Count("pk"), best=Min("rank")).order_by("best")
    )
    return [(row["tier_name"], row["n"]) for row in rows]


def _band_width(campaign_id: int) -> Decimal:
    top = ScoringTable.objects.filter(campaign_id=campaign_id).aggregate(top=Max("declared_total"))["top"]
    return (top or Decimal(100)) / BANDS


def ranking_distribution(*, run: RankingRun) -> list[tuple[str, int]]:
    """(band of points, participants) in ten bands of a tenth of the declared total; the last band is open."""
    width = _band_width(run.campaign_id)
    bounds = [width * i for i in range(BANDS)]
    labels = [f"{b.normalize():f}–{(b + width).normalize():f}" for b in bounds[:-1]] + [f"≥ {bounds[-1].normalize():f}"]
    band = Case(
        *(When(total__gte=bounds[i], then=Value(labels[i])) for i in reversed(range(BANDS))),
        default=Value(labels[0]),
        output_field=CharField(),
    )
    counts = dict(run.entries.annotate(band=band).values("band").annotate(n=Count("pk")).values_list("band", "n"))
    return [(label, counts.get(label, 0)) for label in labels]


def ranking_points(*, run: RankingRun, participant_ids=None) -> QuerySet[Score]:
    """The scores behind a run (its phases), as they are now: participant, phase, criterion, points."""
    phase_ids = [row["id"] for row in run.inputs.get("phases", [])] or ([run.phase_id] if run.phase_id else [])
    qs = Score.objects.filter(submission__phase_id__in=phase_ids, submission__participant__campaign_id=run.campaign_id)
    if participant_ids is not None:
        qs = qs.filter(submission__participant_id__in=participant_ids)
    return qs.select_related("criterion", "submission__phase").order_by(
        "submission__phase__position", "criterion__group__position", "criterion__position", "criterion_id"
    )
