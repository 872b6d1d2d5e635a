"""Writes for nominations: generate them from the ranking, add one by hand, withdraw one.

Generating is idempotent: it rewrites only nominations that came from the ranking and are still proposed; manual
ones and those the council or a decision already touched are left alone. The plan row is locked while generating,
so two officers clicking at once produce one set of nominations.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import notices
from awards.enums import NominationEventKind, NominationSource, NominationStatus, RecipientKind
from awards.models import AwardPlan, Nomination, NominationEvent
from awards.nominations.candidates import Judged, Nominee, judge
from awards.nominations.quota import Quota, select_nominations
from awards.nominations.reasons import NOT_CLASSIFIED, NOT_IN_RANKING, NOT_SUBMITTED, reasons_json
from awards.nominations.selectors import ranking_overall_current
from campaigns.models import Campaign, Participant
from organizations.audit import audit_record
from scoring.enums import EntryStatus
from scoring.models import RankingEntry

# Enqueued by name when a ranking run finishes (scoring/ranking/services.py, ``_finish``): awards/nominations/tasks.py.
NOMINATIONS_RECHECK_TASK = "awards.nominations_recheck"

SNAPSHOT_FIELDS = [
    "participant", "ranking_run", "rank", "total", "tier_name", "is_eligible", "eligibility", "position", "updated_at",
]  # fmt: skip


def _entries(run, kind: str) -> list[RankingEntry]:
    """The run's ranked entries of one recipient kind: a participant that did not submit, or that a rule left not
    classified, is never nominated from the ranking (it has no rank)."""
    qs = run.entries.filter(status=EntryStatus.RANKED).select_related(
        "participant__organization", "participant__person"
    )
    if kind == RecipientKind.COLLECTIVE:
        qs = qs.filter(participant__organization__isnull=False)
    else:
        qs = qs.filter(participant__person__isnull=False)
    return list(qs.order_by("rank", "participant_id"))


def _nominee(entry: RankingEntry) -> Nominee:
    participant = entry.participant
    return Nominee(
        person=participant.person, organization=participant.organization, participant=participant, entry=entry
    )


def _snapshot(nomination: Nomination, judged: Judged, notes, run, position: int, eligible: bool) -> None:
    entry = judged.nominee.entry
    nomination.participant = judged.nominee.participant
    nomination.ranking_run = run
    nomination.rank, nomination.total, nomination.tier_name = entry.rank, entry.total, entry.tier_name
    nomination.is_eligible = eligible
    nomination.eligibility = reasons_json([*judged.verdict.reasons, *notes])
    nomination.position = position


def _recipient_key(nomination: Nomination) -> tuple[str, int]:
    return ("person", nomination.person_id) if nomination.person_id else ("organization", nomination.organization_id)


def _lock_plan(plan: AwardPlan) -> AwardPlan:
    locked = AwardPlan.objects.select_for_update().get(pk=plan.pk)
    return AwardPlan.objects.select_related("award_type", "campaign", "minimum_tier").get(pk=locked.pk)


@transaction.atomic
def nominations_generate(*, plan: AwardPlan, actor) -> list[Nomination]:
    """Nominate from the current overall ranking: eligible candidates of the plan's kind, by quota and rank order.

    Returns the nominations the ranking selects (plus a tie straddling the quota, for the council), in order.
    Ranking-sourced nominations that are still proposed but no longer selected stay, marked not eligible with why.
    """
    plan = _lock_plan(plan)
    run = ranking_overall_current(campaign=plan.campaign)
    if run is None:
        raise ValidationError(
            _("This campaign has no current overall ranking yet: compute and publish the ranking first.")
        )
    judged = {
        j.nominee.key: j for j in judge(plan, [_nominee(e) for e in _entries(run, plan.award_type.recipient_kind)])
    }
    selection = select_nominations([j.ranked for j in judged.values()], Quota(plan.quota))
    chosen = [*selection.selected, *selection.tied]
    existing = {_recipient_key(n): n for n in Nomination.objects.select_for_update().filter(plan=plan)}
    created, updated, result = [], [], []
    for position, key in enumerate(chosen, start=1):
        nomination = existing.get(key)
        if nomination is not None and (
            nomination.source != NominationSource.RANKING or nomination.status != NominationStatus.PROPOSED
        ):
            continue  # decided, withdrawn or added by hand: never rewritten
        if nomination is None:
            nominee = judged[key].nominee
            nomination = Nomination(
                plan=plan, person=nominee.person, organization=nominee.organization, source=NominationSource.RANKING,
                created_by=actor,
            )  # fmt: skip
            created.append(nomination)
        else:
            updated.append(nomination)
        _snapshot(nomination, judged[key], selection.notes[key], run, position, eligible=True)
        result.append(nomination)
    _mark_dropped(existing, set(chosen), judged, selection, run, start=len(chosen) + 1, updated=updated)
    Nomination.objects.bulk_create(created)
    now = timezone.now()
    for nomination in updated:
        nomination.updated_at = now  # bulk_update does not touch auto_now fields
    Nomination.objects.bulk_update(updated, SNAPSHOT_FIELDS)
    audit_record(
        actor=actor,
        action="nomination.generate",
        obj=plan,
        organization=plan.campaign.launching_organization,
        after={"created": len(created), "updated": len(updated), "selected": len(result), "ranking_run": run.pk},
    )
    notices.nominations_made(nominations=created)
    return result


def _mark_dropped(existing, chosen: set, judged, selection, run, *, start: int, updated: list) -> None:
    """Proposed ranking-sourced nominations the ranking no longer selects: not eligible, with the reasons."""
    dropped = [
        n
        for key, n in existing.items()
        if key not in chosen and n.source == NominationSource.RANKING and n.status == NominationStatus.PROPOSED
    ]
    for position, nomination in enumerate(dropped, start=start):
        key = _recipient_key(nomination)
        if key in judged:
            _snapshot(nomination, judged[key], selection.notes[key], run, position, eligible=False)
        else:
            nomination.is_eligible, nomination.position = False, position
            nomination.ranking_run, nomination.rank, nomination.total, nomination.tier_name = run, None, None, ""
            nomination.eligibility = [{"code": NOT_IN_RANKING, "params": {}}]
        updated.append(nomination)


def _manual_nominee(plan: AwardPlan, *, participant, organization, person) -> Nominee:
    if participant is not None:
        if participant.campaign_id != plan.campaign_id:
            raise ValidationError({"participant": [_("Choose one of this campaign's participants.")]})
        organization, person = participant.organization, participant.person
    elif organization is None and person is None:
        raise ValidationError(_("Choose a participant, or give the code of an organisation or a person."))
    else:
        recipient = Participant.objects.filter(campaign=plan.campaign, organization=organization, person=person)
        participant = recipient.first()
    nominee = Nominee(person=person, organization=organization, participant=participant)
    if nominee.kind != plan.award_type.recipient_kind:
        raise ValidationError(
            _("%(award)s is for: %(kind)s.")
            % {"award": plan.award_type.name, "kind": RecipientKind(plan.award_type.recipient_kind).label}
        )
    return nominee


def _entry_for(run, participant) -> RankingEntry | None:
    if run is None or participant is None:
        return None
    return RankingEntry.objects.filter(run=run, participant=participant).first()


ENTRY_BARS = {EntryStatus.NOT_SUBMITTED: NOT_SUBMITTED, EntryStatus.NOT_CLASSIFIED: NOT_CLASSIFIED}


def _judge_one(plan: AwardPlan, nomination: Nomination, participant, run) -> None:
    """Judge one nomination on the current overall ranking and store the snapshot (not saved).

    A participant that did not submit or that a rule left not classified is never eligible, whatever the plan's
    bars (a plan without a threshold would otherwise accept its 0 points).
    """
    entry = _entry_for(run, participant)
    ranked = entry if entry is not None and entry.status == EntryStatus.RANKED else None
    nominee = Nominee(nomination.person, nomination.organization, participant, ranked)
    verdict = judge(plan, [nominee])[0].verdict
    bar = ENTRY_BARS.get(entry.status) if entry is not None else None
    notes = [{"code": bar or NOT_IN_RANKING, "params": {}}] if ranked is None else []
    nomination.participant = participant
    nomination.ranking_run = run if entry is not None else None
    nomination.rank = ranked.rank if ranked else None
    nomination.total = entry.total if entry is not None else None
    nomination.tier_name = ranked.tier_name if ranked else ""
    nomination.is_eligible = verdict.eligible and bar is None
    nomination.eligibility = reasons_json(verdict.reasons) + notes


def _event(nomination: Nomination, kind: str, *, actor, reason: str = "") -> None:
    NominationEvent.objects.create(nomination=nomination, kind=kind, reason=reason, actor=actor)


@transaction.atomic
def nomination_add(*, plan: AwardPlan, actor, participant=None, organization=None, person=None) -> Nomination:
    """Nominate one participant, organisation or person by hand; eligibility is judged and stored (no quota).

    A withdrawn nomination of the same recipient is nominated again (judged afresh, its history kept); any other
    existing nomination refuses a second one (one achievement is rewarded once).
    """
    plan = _lock_plan(plan)
    nominee = _manual_nominee(plan, participant=participant, organization=organization, person=person)
    existing = (
        Nomination.objects.select_for_update()
        .filter(plan=plan, person=nominee.person, organization=nominee.organization)
        .first()
    )
    if existing is not None and existing.status != NominationStatus.WITHDRAWN:
        raise ValidationError(_("This recipient is already nominated for this award."))
    nomination = existing or Nomination(
        plan=plan, person=nominee.person, organization=nominee.organization, created_by=actor
    )
    _judge_one(plan, nomination, nominee.participant, ranking_overall_current(campaign=plan.campaign))
    last = Nomination.objects.filter(plan=plan).aggregate(last=Max("position"))["last"] or 0
    nomination.source, nomination.status, nomination.withdrawal_reason = (
        NominationSource.MANUAL,
        NominationStatus.PROPOSED,
        "",
    )
    nomination.position = nomination.position if existing else last + 1
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:
        raise ValidationError(_("This recipient is already nominated for this award.")) from error
    audit_record(
        actor=actor,
        action="nomination.add",
        obj=nomination,
        organization=plan.campaign.launching_organization,
        after={"status": nomination.status, "is_eligible": nomination.is_eligible},
    )
    _event(nomination, NominationEventKind.RESTORED if existing else NominationEventKind.ADDED, actor=actor)
    notices.nominations_made(nominations=[nomination])
    return nomination


def nominations_recheck(*, campaign_id: int) -> int:
    """Judge every open (proposed) nomination of the campaign again on its current overall ranking; how many.

    Called after a ranking run finishes (the task ``awards.nominations_recheck``): plans generated from the ranking
    are generated again (quota and ties included; what the council or a decision touched is left alone), and the
    nominations added by hand get a fresh snapshot and verdict. Safe to run twice.
    """
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or ranking_overall_current(campaign=campaign) is None:
        return 0
    count = 0
    plans = AwardPlan.objects.filter(campaign=campaign, nominations__status=NominationStatus.PROPOSED).distinct()
    for plan in plans.order_by("pk"):
        with transaction.atomic():
            if plan.nominations.filter(source=NominationSource.RANKING).exists():
                nominations_generate(plan=plan, actor=None)
            plan = _lock_plan(plan)
            run = ranking_overall_current(campaign=campaign)
            manual = Nomination.objects.select_for_update(of=("self",)).filter(  # the nomination rows only
                plan=plan, status=NominationStatus.PROPOSED, source=NominationSource.MANUAL
            )
            for nomination in manual.select_related("participant", "person", "organization"):
                participant = nomination.participant or _participant_of(plan, nomination)
                _judge_one(plan, nomination, participant, run)
                nomination.save(update_fields=[f for f in SNAPSHOT_FIELDS if f != "position"])
            count += plan.nominations.filter(status=NominationStatus.PROPOSED).count()
    return count


def _participant_of(plan: AwardPlan, nomination: Nomination):
    return Participant.objects.filter(
        campaign=plan.campaign, organization=nomination.organization, person=nomination.person
    ).first()


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, reason: str, actor) -> Nomination:
    """Withdraw a proposed nomination with a reason (a conditional UPDATE: a decided one cannot be withdrawn)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for the withdrawal.")]})
    changed = Nomination.objects.filter(pk=nomination.pk, status=NominationStatus.PROPOSED).update(
        status=NominationStatus.WITHDRAWN, withdrawal_reason=reason
    )
    if not changed:
        raise ValidationError(_("Only a proposed nomination can be withdrawn."))
    nomination.refresh_from_db()
    audit_record(
        actor=actor,
        action="nomination.withdraw",
        obj=nomination,
        organization=nomination.plan.campaign.launching_organization,
        before={"status": NominationStatus.PROPOSED},
        after={"status": NominationStatus.WITHDRAWN},
        reason=reason,
    )
    _event(nomination, NominationEventKind.WITHDRAWN, actor=actor, reason=reason)
    return nomination
