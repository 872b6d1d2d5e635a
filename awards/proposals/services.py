"""Writes for proposals to the level above: create from a council session, submit, recall, receive, assign, check,
return, put to the council, decide, draft the upper decision and close with the results flowing back.

Every state change is ONE conditional UPDATE on the proposal's status (``_move``): two specialists acting on the
same proposal at once, or a recall racing the desk's receipt, change it once; the loser gets a clear error and
nothing is written. Each step writes a ``ProposalEvent`` in the same transaction.

Hooks left for #12: the tờ trình and the achievement reports are the nominations' dossier files (listed with each
nominee); the statutory minimum conditions of a title are for the specialist's check (``item_check``) to record.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue.authority import deciding_organization, may_decide
from awards.decisions.services import drafts
from awards.enums import (
    CheckResult,
    DecisionStatus,
    ItemDecision,
    NominationStatus,
    ProposalAction,
    ProposalStatus,
    SessionStatus,
)
from awards.models import (
    AwardDecision,
    CouncilSession,
    DecisionRecipient,
    Nomination,
    Proposal,
    ProposalEvent,
    ProposalItem,
)

S = ProposalStatus


def _event(proposal: Proposal, action: str, *, actor, reason: str = "") -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal, action=action, status=proposal.status, reason=reason, actor=actor
    )


def _move(proposal: Proposal, sources, target: str, action: str, *, actor, reason: str = "", **fields) -> Proposal:
    """sources → target in one conditional UPDATE, then the event; refused if someone changed it first."""
    now = timezone.now()
    changed = Proposal.objects.filter(pk=proposal.pk, status__in=list(sources)).update(
        status=target, updated_at=now, status_changed_at=now, **fields
    )
    if changed != 1:
        current = Proposal.objects.filter(pk=proposal.pk).values_list("status", flat=True).first()
        label = S(current).label if current else ""
        raise ValidationError(
            _("This proposal is now “%(status)s”: this step is not possible (someone may have just acted on it).")
            % {"status": label},
            code="status",
        )
    proposal.refresh_from_db()
    _event(proposal, action, actor=actor, reason=reason)
    return proposal


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason.")]}, code="reason")
    return reason


def proposable_nominations(session: CouncilSession) -> list[Nomination]:
    """The session's approved nominations its organisation may not decide and that no proposal carries yet."""
    organization = session.council.organization
    approved = Nomination.objects.filter(
        agenda_items__session=session, status=NominationStatus.APPROVED, proposal_items__isnull=True
    ).select_related("plan__award_type", "person", "organization")
    return [n for n in approved.order_by("pk") if not may_decide(organization, n.plan.award_type)]


@transaction.atomic
def proposal_create(*, session: CouncilSession, actor, cover_note: str = "") -> Proposal:
    """A draft proposal of the session's organisation to the nearest level above that may decide the awards.

    The nominations going to one upper organisation travel together; others need another proposal (made next).
    """
    if session.status != SessionStatus.CLOSED:
        raise ValidationError(_("Only the results of a closed council session can be proposed."), code="open")
    CouncilSession.objects.select_for_update().filter(pk=session.pk).first()  # one proposal at a time per session
    proposer = session.council.organization
    nominations = proposable_nominations(session)
    targets = {
        n.pk: deciding_organization(proposer.parent, n.plan.award_type) if proposer.parent else None
        for n in nominations
    }
    recipient = next((org for org in targets.values() if org is not None), None)
    if recipient is None:
        raise ValidationError(
            _("No approved nomination of this session needs a decision of a level above."), code="nothing"
        )
    proposal = Proposal.objects.create(
        proposer=proposer,
        recipient=recipient,
        session=session,
        title=f"Đề nghị khen thưởng – {session.title}",
        cover_note=(cover_note or "").strip(),
        status_changed_at=timezone.now(),
        created_by=actor,
    )
    ProposalItem.objects.bulk_create(
        ProposalItem(proposal=proposal, nomination=n) for n in nominations if targets[n.pk] == recipient
    )
    _event(proposal, ProposalAction.CREATED, actor=actor)
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor) -> Proposal:
    """Draft (or returned, once amended) → submitted to the upper organisation's desk."""
    return _move(
        proposal, [S.DRAFT, S.RETURNED], S.SUBMITTED, ProposalAction.SUBMITTED, actor=actor, submitted_at=timezone.now()
    )


@transaction.atomic
def proposal_recall(*, proposal: Proposal, actor, reason: str) -> Proposal:
    """Submitted → draft again, only before the desk received it."""
    return _move(proposal, [S.SUBMITTED], S.DRAFT, ProposalAction.RECALLED, actor=actor, reason=_reason(reason))


@transaction.atomic
def proposal_receive(*, proposal: Proposal, actor) -> Proposal:
    """The upper desk receives it (submitted → received)."""
    return _move(proposal, [S.SUBMITTED], S.RECEIVED, ProposalAction.RECEIVED, actor=actor, received_at=timezone.now())


@transaction.atomic
def proposal_assign(*, proposal: Proposal, specialist, actor) -> Proposal:
    """Received → assigned to a specialist of the upper organisation."""
    if specialist is None:
        raise ValidationError({"specialist": [_("Choose the specialist.")]}, code="specialist")
    name = specialist.get_full_name() or specialist.get_username()
    return _move(
        proposal, [S.RECEIVED], S.ASSIGNED, ProposalAction.ASSIGNED, actor=actor, reason=name, assigned_to=specialist
    )


@transaction.atomic
def item_check(*, item: ProposalItem, result: str, reason: str, actor) -> ProposalItem:
    """The specialist's verdict on one nominee (đủ / không đủ điều kiện); a "not eligible" needs its reason."""
    locked = Proposal.objects.select_for_update().get(pk=item.proposal_id)
    if locked.status != S.ASSIGNED:
        raise ValidationError(_("Nominees are checked while the proposal is with its specialist."), code="status")
    if result not in CheckResult.values:
        raise ValidationError({"result": [_("Choose whether the nominee meets the conditions.")]}, code="result")
    reason = (reason or "").strip()
    if result == CheckResult.NOT_ELIGIBLE and not reason:
        raise ValidationError({"reason": [_("Give the reason.")]}, code="reason")
    ProposalItem.objects.filter(pk=item.pk).update(check_result=result, check_reason=reason, updated_at=timezone.now())
    item.refresh_from_db()
    text = f"{item.nomination.recipient}: {CheckResult(result).label}" + (f" – {reason}" if reason else "")
    _event(locked, ProposalAction.ITEM_CHECKED, actor=actor, reason=text)
    return item


@transaction.atomic
def proposal_checked(*, proposal: Proposal, actor) -> Proposal:
    """Assigned → checked, once every nominee has the specialist's verdict."""
    if proposal.items.filter(check_result="").exists():
        raise ValidationError(_("Check every nominee first."), code="unchecked")
    return _move(proposal, [S.ASSIGNED], S.CHECKED, ProposalAction.CHECKED, actor=actor)


@transaction.atomic
def proposal_return(*, proposal: Proposal, actor, reason: str) -> Proposal:
    """Checked → returned to the proposer for completion, with the reasons; the proposer amends and submits again."""
    return _move(proposal, [S.CHECKED], S.RETURNED, ProposalAction.RETURNED, actor=actor, reason=_reason(reason))


@transaction.atomic
def proposal_to_council(*, proposal: Proposal, actor) -> Proposal:
    """Checked → put to the upper council (its nominees that meet the conditions)."""
    if not proposal.items.filter(check_result=CheckResult.ELIGIBLE).exists():
        raise ValidationError(_("No nominee meets the conditions: return the proposal instead."), code="none")
    return _move(proposal, [S.CHECKED], S.TO_COUNCIL, ProposalAction.TO_COUNCIL, actor=actor)


@transaction.atomic
def item_decide(*, item: ProposalItem, decision: str, reason: str, actor) -> ProposalItem:
    """The upper council's result on one nominee that met the conditions."""
    locked = Proposal.objects.select_for_update().get(pk=item.proposal_id)
    if locked.status != S.TO_COUNCIL:
        raise ValidationError(_("Nominees are decided while the proposal is before the council."), code="status")
    if item.check_result != CheckResult.ELIGIBLE and decision == ItemDecision.APPROVED:
        raise ValidationError(_("A nominee who does not meet the conditions cannot be approved."), code="not_eligible")
    if decision not in ItemDecision.values:
        raise ValidationError({"decision": [_("Choose approved or not approved.")]}, code="decision")
    reason = (reason or "").strip()
    ProposalItem.objects.filter(pk=item.pk).update(decision=decision, decision_reason=reason, updated_at=timezone.now())
    item.refresh_from_db()
    text = f"{item.nomination.recipient}: {ItemDecision(decision).label}" + (f" – {reason}" if reason else "")
    _event(locked, ProposalAction.ITEM_DECIDED, actor=actor, reason=text)
    return item


@transaction.atomic
def proposal_decided(*, proposal: Proposal, actor) -> Proposal:
    """Before the council → decided: nominees not approved (or not eligible) are recorded as not approved."""
    proposal.items.filter(decision="").update(decision=ItemDecision.REJECTED, updated_at=timezone.now())
    return _move(proposal, [S.TO_COUNCIL], S.DECIDED, ProposalAction.DECIDED, actor=actor)


@transaction.atomic
def proposal_decision_create(*, proposal: Proposal, actor) -> AwardDecision:
    """The upper organisation's draft decision with one line per approved nominee (issued by its signer)."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != S.DECIDED or locked.upper_decision_id:
        raise ValidationError(_("The decision is drafted once the proposal is decided."), code="status")
    decision = drafts.decision_create(organization=locked.recipient, actor=actor)
    approved = locked.items.filter(decision=ItemDecision.APPROVED).select_related(
        "nomination__plan__award_type", "nomination__plan__campaign", "nomination__person__organization",
        "nomination__organization",
    )  # fmt: skip
    lines = [
        drafts._line_from_nomination(decision, item.nomination, item.nomination.plan.campaign, position)
        for position, item in enumerate(approved, start=1)
    ]
    DecisionRecipient.objects.bulk_create(lines)
    decision.proposal = f"Xét đề nghị của {locked.proposer.name}"
    decision.save(update_fields=["proposal", "updated_at"])
    Proposal.objects.filter(pk=locked.pk).update(upper_decision=decision, updated_at=timezone.now())
    locked.refresh_from_db()
    _event(locked, ProposalAction.DECISION_DRAFTED, actor=actor)
    return decision


@transaction.atomic
def proposal_close(*, proposal: Proposal, actor) -> Proposal:
    """Decided → issued once the upper decision is issued: its nominations are decided; the ledger rows and
    certificates come from the upper decision itself (issuing writes them), so the proposer's pages show them."""
    decision = proposal.upper_decision
    if decision is None or decision.status != DecisionStatus.ISSUED:
        raise ValidationError(_("The upper decision has not been issued yet."), code="not_issued")
    approved = proposal.items.filter(decision=ItemDecision.APPROVED).values("nomination_id")
    Nomination.objects.filter(pk__in=approved, status=NominationStatus.APPROVED).update(
        status=NominationStatus.DECIDED, updated_at=timezone.now()
    )
    return _move(proposal, [S.DECIDED], S.ISSUED, ProposalAction.ISSUED, actor=actor, reason=decision.number_text)
