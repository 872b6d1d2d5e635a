"""The figures of a campaign report, computed from the data (JSON-ready: numbers, strings, lists, dicts).

For a campaign, or one of its phases: participation (participants, registered, submitted, on time, never
submitted), results by tier and by bloc (the current finished ranking run: scoring/models.py ``RankingEntry``),
the comparison with the organisation's previous campaign, emulation products, the best and weakest criteria
(average share of the standard points reached), and awards proposed (nominations) and granted (issued decisions).
"""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Avg, Count
from django.utils import timezone, translation

from awards.enums import DecisionStatus, NominationStatus
from awards.models import DecisionRecipient, ExemplaryModel, Nomination
from campaigns.enums import CriterionKind, ProductStatus
from campaigns.models import Campaign, EmulationProduct, Participant
from scoring.enums import EntryStatus, RankingStatus, SubmissionStatus
from scoring.models import RankingBlocRank, RankingEntry, RankingRun, Score, Submission

NOT_SUBMITTED_SHOWN = 200  # names listed in the report; the count is always complete
CRITERIA_SHOWN = 3


def _run(campaign, phase):
    return (
        RankingRun.objects.filter(campaign=campaign, phase=phase, is_current=True, status=RankingStatus.DONE)
        .order_by("-finished_at")
        .first()
    )


def _participant_name(participant) -> str:
    return participant.organization.name if participant.organization_id else participant.person.full_name


def _tiers(run) -> list[dict]:
    """Counts per tier, in the order of the best total first; 'not classified' and 'not submitted' apart."""
    if run is None:
        return []
    rows = (
        RankingEntry.objects.filter(run=run)
        .values("kind", "status", "tier_name")
        .annotate(count=Count("participant_id"))
    )
    order = {
        (e["kind"], e["tier_name"]): e["best"]
        for e in RankingEntry.objects.filter(run=run, status=EntryStatus.RANKED)
        .values("kind", "tier_name")
        .annotate(best=Avg("total"))
    }
    result = []
    for row in rows:
        label = row["tier_name"] if row["status"] == EntryStatus.RANKED else str(EntryStatus(row["status"]).label)
        result.append(
            {
                "kind": row["kind"],
                "tier": label,
                "status": row["status"],
                "count": row["count"],
                "_order": -(order.get((row["kind"], row["tier_name"])) or Decimal(-1)),
            }
        )
    result.sort(key=lambda r: (r["kind"], r["status"] != EntryStatus.RANKED, r["_order"], r["tier"]))
    for row in result:
        row.pop("_order")
    return result


def _blocs(run) -> list[dict]:
    if run is None:
        return []
    counts: dict[str, Counter] = defaultdict(Counter)
    for bloc_name, tier in RankingBlocRank.objects.filter(entry__run=run).values_list("bloc__name", "entry__tier_name"):
        counts[bloc_name][tier or "—"] += 1
    return [{"bloc": name, "members": sum(c.values()), "tiers": dict(c)} for name, c in sorted(counts.items())]


def _previous(campaign) -> dict | None:
    previous = (
        Campaign.objects.filter(
            launching_organization=campaign.launching_organization, start_date__lt=campaign.start_date
        )
        .exclude(pk=campaign.pk)
        .order_by("-start_date", "-pk")
        .first()
    )
    if previous is None:
        return None
    return {
        "name": previous.name,
        "plan_number": previous.plan_number,
        "year": previous.end_date.year,
        "participants": Participant.objects.filter(campaign=previous).count(),
        "tiers": _tiers(_run(previous, None)),
    }


def _participation(campaign, phases) -> dict:
    participants = list(
        Participant.objects.filter(campaign=campaign).select_related("organization", "person").order_by("pk")
    )
    sent = Submission.objects.filter(participant__campaign=campaign, phase__in=phases, submitted_at__isnull=False)
    sent = sent.exclude(status=SubmissionStatus.DRAFT)
    deadlines = {phase.pk: phase.submission_deadline or phase.end_date for phase in phases}
    by_phase: dict[int, dict[str, int]] = {phase.pk: {"submitted": 0, "on_time": 0} for phase in phases}
    submitters = set()
    for participant_id, phase_id, submitted_at in sent.values_list("participant_id", "phase_id", "submitted_at"):
        submitters.add(participant_id)
        by_phase[phase_id]["submitted"] += 1
        if timezone.localdate(submitted_at) <= deadlines[phase_id]:
            by_phase[phase_id]["on_time"] += 1
    never = [_participant_name(p) for p in participants if p.pk not in submitters]
    return {
        "participants": len(participants),
        "registered": Participant.objects.filter(campaign=campaign, registration__isnull=False).count(),
        "submitted": len(submitters),
        "on_time": sum(row["on_time"] for row in by_phase.values()),
        "submissions": sum(row["submitted"] for row in by_phase.values()),
        "phases": [
            {
                "name": phase.name,
                "deadline": deadlines[phase.pk].isoformat(),
                "submitted": by_phase[phase.pk]["submitted"],
                "on_time": by_phase[phase.pk]["on_time"],
            }
            for phase in phases
        ],
        "never_submitted_count": len(never),
        "never_submitted": never[:NOT_SUBMITTED_SHOWN],
    }


def _criteria(campaign, phases) -> dict:
    rows = (
        Score.objects.filter(
            submission__participant__campaign=campaign,
            submission__phase__in=phases,
            submission__submitted_at__isnull=False,
            criterion__kind=CriterionKind.REGULAR,
            max_points__gt=0,
        )
        .values("criterion__code", "criterion__text", "criterion__table__participant_kind")
        .annotate(points=Avg("net"), standard=Avg("max_points"), answers=Count("pk"))
    )
    scored = []
    for row in rows:
        share = (row["points"] or Decimal(0)) / row["standard"] * 100
        scored.append(
            {
                "code": row["criterion__code"],
                "text": row["criterion__text"][:300],
                "kind": row["criterion__table__participant_kind"],
                "average": f"{row['points'] or 0:.2f}",
                "standard": f"{row['standard']:.2f}",
                "share": f"{share:.1f}",
                "answers": row["answers"],
            }
        )
    scored.sort(key=lambda r: (-Decimal(r["share"]), r["code"]))
    weakest = sorted(scored, key=lambda r: (Decimal(r["share"]), r["code"]))
    return {"all": scored, "best": scored[:CRITERIA_SHOWN], "weakest": weakest[:CRITERIA_SHOWN]}


def _products(campaign) -> dict:
    products = EmulationProduct.objects.filter(registration__participant__campaign=campaign)
    by_status = dict(products.values_list("status").annotate(count=Count("pk")))
    return {
        "total": sum(by_status.values()),
        "done": by_status.get(ProductStatus.DONE, 0),
        "by_status": {str(ProductStatus(k).label): v for k, v in sorted(by_status.items())},
        "items": [
            {"title": title, "owner": owner, "status": str(ProductStatus(status).label)}
            for title, owner, status in products.order_by("pk").values_list(
                "title", "registration__participant__organization__name", "status"
            )[:200]
        ],
    }


def _awards(campaign) -> dict:
    nominations = Nomination.objects.filter(plan__campaign=campaign).exclude(status=NominationStatus.WITHDRAWN)
    proposed = Counter(nominations.values_list("plan__award_type__name", flat=True))
    approved = Counter(
        nominations.filter(status__in=[NominationStatus.APPROVED, NominationStatus.DECIDED]).values_list(
            "plan__award_type__name", flat=True
        )
    )
    granted = Counter(
        DecisionRecipient.objects.filter(
            decision__campaign=campaign, decision__status=DecisionStatus.ISSUED
        ).values_list("award_type__name", flat=True)
    )
    names = sorted(set(proposed) | set(approved) | set(granted))
    return {
        "rows": [
            {"award": name, "proposed": proposed[name], "approved": approved[name], "granted": granted[name]}
            for name in names
        ],
        "proposed": sum(proposed.values()),
        "approved": sum(approved.values()),
        "granted": sum(granted.values()),
    }


def report_figures(campaign, phase=None) -> dict:
    """Every figure of the report of ``campaign`` (or of one ``phase``), JSON-ready; labels in Vietnamese (the
    report is a Vietnamese document whoever asks for it)."""
    with translation.override("vi"):
        return _figures(campaign, phase)


def _figures(campaign, phase) -> dict:
    phases = [phase] if phase is not None else list(campaign.phases.order_by("position"))
    run = _run(campaign, phase)
    organization = campaign.launching_organization
    return {
        "campaign": {
            "id": campaign.pk,
            "name": campaign.name,
            "plan_number": campaign.plan_number,
            "plan_date": campaign.plan_date.isoformat(),
            "start_date": campaign.start_date.isoformat(),
            "end_date": campaign.end_date.isoformat(),
            "theme": campaign.theme,
        },
        "phase": {"id": phase.pk, "name": phase.name} if phase is not None else None,
        "organization": {
            "name": organization.name,
            "parent": organization.parent.name if organization.parent_id else "",
            "style": organization.document_style,
        },
        "participation": _participation(campaign, phases),
        "ranking": {"run_id": run.pk if run else None, "tiers": _tiers(run), "blocs": _blocs(run)},
        "previous": _previous(campaign),
        "products": _products(campaign),
        "criteria": _criteria(campaign, phases),
        "awards": _awards(campaign),
        "exemplary": [
            {"name": m.name, "organization": m.organization.name, "stage": str(m.get_stage_display())}
            for m in ExemplaryModel.objects.filter(campaign=campaign).select_related("organization").order_by("pk")
        ],
    }


def never_submitted(campaign) -> tuple[list[str], int]:
    """Names (the first 200) and number of the participants with no self-scoring sent in any phase."""
    sent = Submission.objects.filter(participant__campaign=campaign, submitted_at__isnull=False).exclude(
        status=SubmissionStatus.DRAFT
    )
    missing = (
        Participant.objects.filter(campaign=campaign)
        .exclude(pk__in=sent.values("participant_id"))
        .select_related("organization", "person")
        .order_by("pk")
    )
    return [_participant_name(p) for p in missing[:NOT_SUBMITTED_SHOWN]], missing.count()
