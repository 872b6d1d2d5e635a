"""Award decisions: drafts (prefilled from a campaign's approved nominations), their lines, and follow-ups.

Invariants: only a draft can be edited or deleted (the database refuses anything else, see migration 0002);
a nomination is on at most one decision line; a correction or revocation refers to an issued decision and
states its reason. Issuing lives in awards/decisions/services/issuing.py.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import notices
from awards.catalogue.authority import awards_within_authority
from awards.decisions.services import guards, wording
from awards.enums import DecisionKind, DecisionStatus, NominationStatus
from awards.models import AwardDecision, AwardType, DecisionRecipient, Nomination
from campaigns.models import Campaign
from organizations.models import Organization

# Re-exported: the legal basis is prefilled by the wording module.
LAW_BASIS = wording.LAW_BASIS
legal_basis_text = wording.legal_basis_text

HEADER_FIELDS = (
    "decision_date",
    "place",
    "authority_parent",
    "authority_name",
    "title",
    "decider",
    "legal_basis",
    "proposal",
    "article_2",
    "article_3",
    "body",
    "recipients_of_copies",
    "reason",
    "signer_prefix",
    "signer_on_behalf_of",
    "signer_title",
    "signer_name",
)
LINE_FIELDS = ("award_type", "recipient_name", "recipient_detail", "achievement", "position")


def _check_draft(decision: AwardDecision) -> None:
    if decision.status != DecisionStatus.DRAFT:
        raise ValidationError(_("This decision has been issued and can no longer be changed."), code="issued")


def _line_from_nomination(
    decision: AwardDecision, nomination: Nomination, campaign: Campaign, position: int
) -> DecisionRecipient:
    person, org = nomination.person, nomination.organization
    if person is not None:
        # The person's position and their own unit (never the body above it).
        name = person.full_name
        detail = ", ".join(part for part in (person.position, person.organization.name) if part)
    else:
        # A collective is its own unit: its name says it all (the body above it is not its unit).
        name, detail = org.name, ""
    achievement = nomination.achievement or f"Đã có thành tích xuất sắc trong {campaign.name}"
    return DecisionRecipient(
        decision=decision,
        nomination=nomination,
        person=person,
        organization=org,
        award_type=nomination.plan.award_type,
        position=position,
        recipient_name=name,
        recipient_detail=detail,
        achievement=achievement,
    )


def approved_nominations(campaign: Campaign, organization: Organization | None = None):
    """Approved nominations of ``campaign`` that are not on any decision line yet, in plan order; with
    ``organization``, only those whose award is within its authority (the others are proposed upward)."""
    qs = Nomination.objects.filter(plan__campaign=campaign, status=NominationStatus.APPROVED)
    if organization is not None:
        qs = qs.filter(plan__award_type__in=awards_within_authority(organization))
    return (
        qs.exclude(decision_lines__isnull=False)
        .select_related("plan__award_type", "person__organization", "organization")
        .order_by("plan__award_type__name", "position", "pk")
    )


def _default_place(organization: Organization, sessions) -> str:
    """The place name of the council's minutes, else of the organisation's last decision ("" when neither)."""
    for session in reversed(sessions):
        if session.place_name:
            return session.place_name
    last = AwardDecision.objects.filter(issuing_organization=organization).exclude(place="").order_by("-pk")
    return last.values_list("place", flat=True).first() or ""


def decision_create(
    *, organization: Organization, actor, campaign: Campaign | None = None, decision_date: date | None = None
) -> AwardDecision:
    """A draft award decision, prefilled; with a campaign, one line per approved nomination not decided yet.

    Prefilled from the data (all editable while draft): the header in the organisation's style, the legal basis
    (the awards' texts in force on the planned ``decision_date``, default today; the plan; the council's minutes),
    "Xét đề nghị của …", Articles 2 and 3, "Nơi nhận" and the signer from the campaign.
    """
    if campaign is not None and not campaign.launching_organization.path.startswith(organization.path):
        raise ValidationError({"campaign": _("The campaign is not run by this organisation or one below it.")})
    day = decision_date or timezone.localdate()
    with transaction.atomic():
        nominations = list(approved_nominations(campaign, organization)) if campaign is not None else []
        awards = {n.plan.award_type_id: n.plan.award_type for n in nominations}.values()
        sessions = wording.council_sessions(n.pk for n in nominations)
        parent = organization.parent
        signer_title = campaign.signer_title.upper() if campaign else ""
        decision = AwardDecision.objects.create(
            issuing_organization=organization,
            campaign=campaign,
            decision_date=day,
            place=_default_place(organization, sessions),
            document_style=organization.document_style,
            authority_parent=(parent.name.upper() if parent else ""),
            authority_name=organization.name.upper(),
            title=(
                f"Về việc khen thưởng thành tích trong {campaign.name}"
                if campaign
                else "Về việc khen thưởng thành tích xuất sắc"
            ),
            decider=signer_title or organization.name.upper(),
            legal_basis=wording.legal_basis_text(award_types=awards, campaign=campaign, day=day, sessions=sessions),
            proposal=wording.proposal_text(organization, sessions),
            article_2=wording.ARTICLE_2,
            article_3=wording.execution_text(organization),
            signer_name=campaign.signer_name if campaign else "",
            signer_title=signer_title,
            recipients_of_copies=wording.COPIES,
            created_by=actor,
        )
        DecisionRecipient.objects.bulk_create(
            [_line_from_nomination(decision, n, campaign, i) for i, n in enumerate(nominations, start=1)]
        )
        notices.decision_to_sign(decision=decision)
    return decision


def decision_followup_create(*, decision: AwardDecision, kind: str, reason: str, actor) -> AwardDecision:
    """A draft correction or revocation of the issued ``decision``, with its lines copied (edit them while draft).

    On issue a revocation revokes the referred decision's awards that its lines name; a correction replaces them.
    """
    if kind not in (DecisionKind.CORRECTION, DecisionKind.REVOCATION):
        raise ValidationError({"kind": _("Choose a correction or a revocation.")})
    if not decision.is_issued or decision.kind == DecisionKind.REVOCATION:
        raise ValidationError(_("Only an issued award or correction decision can be corrected or revoked."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    verb = "Về việc đính chính" if kind == DecisionKind.CORRECTION else "Về việc thu hồi"
    organization = decision.issuing_organization
    day = timezone.localdate()
    article_2 = wording.unchanged_text(decision) if kind == DecisionKind.CORRECTION else wording.recovery_text(decision)
    with transaction.atomic():
        followup = AwardDecision.objects.create(
            issuing_organization=organization,
            campaign=decision.campaign,
            kind=kind,
            refers_to=decision,
            decision_date=day,
            document_style=organization.document_style,
            place=decision.place,
            authority_parent=decision.authority_parent,
            authority_name=decision.authority_name,
            title=f"{verb} Quyết định số {decision.number_text} ngày {decision.decision_date:%d/%m/%Y}",
            decider=decision.decider,
            legal_basis=wording.followup_basis(decision, day=day),
            proposal=decision.proposal,
            article_2=article_2,
            article_3=wording.execution_text(organization),
            recipients_of_copies=decision.recipients_of_copies or wording.COPIES,
            reason=reason.strip(),
            signer_name=decision.signer_name,
            signer_prefix=decision.signer_prefix,
            signer_on_behalf_of=decision.signer_on_behalf_of,
            signer_title=decision.signer_title,
            created_by=actor,
        )
        DecisionRecipient.objects.bulk_create(
            DecisionRecipient(
                decision=followup,
                person_id=line.person_id,
                organization_id=line.organization_id,
                award_type_id=line.award_type_id,
                position=line.position,
                recipient_name=line.recipient_name,
                recipient_detail=line.recipient_detail,
                achievement=line.achievement,
            )
            for line in decision.recipients.all()
        )
    return followup


def decision_update(*, decision: AwardDecision, data: dict, regenerate_basis: bool = False) -> AwardDecision:
    """Change a draft's header fields (``data`` keys from HEADER_FIELDS).

    ``regenerate_basis`` writes the legal basis again from the data for the (planned) decision date, replacing
    what was typed: the awards' texts in force that day, the plan (or the decision a follow-up changes) and the
    council's minutes.
    """
    _check_draft(decision)
    if decision.kind != DecisionKind.AWARD and not (data.get("reason") or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    fields = [name for name in HEADER_FIELDS if name in data]
    for name in fields:
        setattr(decision, name, data[name])
    if regenerate_basis:
        decision.legal_basis = generated_basis(decision)
        fields = [*dict.fromkeys([*fields, "legal_basis"])]
    with transaction.atomic():
        decision.save(update_fields=[*fields, "updated_at"])
    return decision


def generated_basis(decision: AwardDecision, day: date | None = None) -> str:
    """The legal basis the data gives ``decision`` on ``day`` (default: its date, else today)."""
    day = day or decision.decision_date or timezone.localdate()
    if decision.kind != DecisionKind.AWARD and decision.refers_to_id:
        return wording.followup_basis(decision.refers_to, day=day)
    lines = list(decision.recipients.select_related("award_type"))
    sessions = wording.council_sessions(line.nomination_id for line in lines)
    awards = [line.award_type for line in lines]
    return wording.legal_basis_text(award_types=awards, campaign=decision.campaign, day=day, sessions=sessions)


def decision_delete(*, decision: AwardDecision) -> None:
    """Delete a draft and its lines (their nominations become available for another decision)."""
    _check_draft(decision)
    with transaction.atomic():
        decision.recipients.all().delete()
        decision.delete()


def recipient_save(
    *, decision: AwardDecision, data: dict, recipient: DecisionRecipient | None = None
) -> DecisionRecipient:
    """Add a line to a draft (``data`` needs ``person`` or ``organization``) or change an existing line's text."""
    _check_draft(decision)
    award: AwardType = data["award_type"]
    if recipient is None:
        recipient = DecisionRecipient(
            decision=decision, person=data.get("person"), organization=data.get("organization")
        )
        if (recipient.person is None) == (recipient.organization is None):
            raise ValidationError(_("Choose either a person or an organisation."))
    is_person = recipient.person_id is not None
    if award.recipient_kind != ("individual" if is_person else "collective"):
        raise ValidationError({"award_type": _("This award is not given to this kind of recipient.")})
    for name in LINE_FIELDS:
        if name in data:
            setattr(recipient, name, data[name])
    guards.check_hand_line(decision, recipient)
    with transaction.atomic():
        recipient.save()
    return recipient


def recipient_delete(*, recipient: DecisionRecipient) -> None:
    """Remove a line from a draft decision."""
    _check_draft(recipient.decision)
    with transaction.atomic():
        recipient.delete()
