"""Award decisions: drafts (prefilled from a campaign's approved nominations), their lines, and follow-ups.

Invariants: only a draft can be edited or deleted (the database refuses anything else, see migration 0002);
a nomination is on at most one decision line; a correction or revocation refers to an issued decision and
states its reason. Issuing lives in ``decision_issue_services``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import DecisionKind, DecisionStatus, NominationStatus
from awards.models import AwardDecision, AwardType, DecisionRecipient, Nomination
from campaigns.models import Campaign
from organizations.models import Organization

LAW_BASIS = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
HEADER_FIELDS = (
    "place",
    "authority_parent",
    "authority_name",
    "title",
    "legal_basis",
    "body",
    "recipients_of_copies",
    "reason",
    "signer_name",
    "signer_title",
)
LINE_FIELDS = ("award_type", "recipient_name", "recipient_detail", "achievement", "position")


def _check_draft(decision: AwardDecision) -> None:
    if decision.status != DecisionStatus.DRAFT:
        raise ValidationError(_("This decision has been issued and can no longer be changed."), code="issued")


def _basis_lines(text: str) -> list[str]:
    """ "Căn cứ …;" lines from a catalogue legal-basis text (pieces separated by semicolons or new lines)."""
    lines = []
    for piece in re.split(r"[;\n]", text):
        piece = piece.strip().rstrip(".;").strip()
        if piece:
            lines.append(piece if piece.lower().startswith("căn cứ") else f"Căn cứ {piece};")
    return [line if line.endswith(";") else f"{line};" for line in lines]


def legal_basis_text(*, award_types, campaign: Campaign | None) -> str:
    """The prefilled legal basis: the law, each award's basis (once), then the campaign's plan."""
    lines = [LAW_BASIS]
    for award in award_types:
        for line in _basis_lines(award.legal_basis):
            if line not in lines and "06/2022/QH15" not in line:
                lines.append(line)
    if campaign is not None:
        org = campaign.launching_organization
        lines.append(
            f"Căn cứ Kế hoạch số {campaign.plan_number} ngày {campaign.plan_date:%d/%m/%Y} của {org.name} "
            f"về {campaign.name};"
        )
    return "\n".join(lines)


def _line_from_nomination(
    decision: AwardDecision, nomination: Nomination, campaign: Campaign, position: int
) -> DecisionRecipient:
    person, org = nomination.person, nomination.organization
    if person is not None:
        name = person.full_name
        detail = ", ".join(part for part in (person.position, person.organization.name) if part)
    else:
        name = org.name
        detail = org.parent.name if org.parent_id else ""
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


def approved_nominations(campaign: Campaign):
    """Approved nominations of ``campaign`` that are not on any decision line yet, in plan order."""
    return (
        Nomination.objects.filter(plan__campaign=campaign, status=NominationStatus.APPROVED)
        .exclude(decision_lines__isnull=False)
        .select_related("plan__award_type", "person__organization", "organization__parent")
        .order_by("plan__award_type__name", "position", "pk")
    )


def decision_create(*, organization: Organization, actor, campaign: Campaign | None = None) -> AwardDecision:
    """A draft award decision, prefilled; with a campaign, one line per approved nomination not decided yet."""
    if campaign is not None and not campaign.launching_organization.path.startswith(organization.path):
        raise ValidationError({"campaign": _("The campaign is not run by this organisation or one below it.")})
    with transaction.atomic():
        nominations = list(approved_nominations(campaign)) if campaign is not None else []
        awards = {n.plan.award_type_id: n.plan.award_type for n in nominations}.values()
        parent = organization.parent
        decision = AwardDecision.objects.create(
            issuing_organization=organization,
            campaign=campaign,
            authority_parent=(parent.name.upper() if parent else ""),
            authority_name=organization.name.upper(),
            title=(
                f"Về việc khen thưởng thành tích trong {campaign.name}"
                if campaign
                else "Về việc khen thưởng thành tích xuất sắc"
            ),
            legal_basis=legal_basis_text(award_types=awards, campaign=campaign),
            signer_name=campaign.signer_name if campaign else "",
            signer_title=campaign.signer_title.upper() if campaign else "",
            recipients_of_copies="Như Điều 3;\nLưu: VT.",
            created_by=actor,
        )
        DecisionRecipient.objects.bulk_create(
            [_line_from_nomination(decision, n, campaign, i) for i, n in enumerate(nominations, start=1)]
        )
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
    with transaction.atomic():
        followup = AwardDecision.objects.create(
            issuing_organization=decision.issuing_organization,
            campaign=decision.campaign,
            kind=kind,
            refers_to=decision,
            place=decision.place,
            authority_parent=decision.authority_parent,
            authority_name=decision.authority_name,
            title=f"{verb} Quyết định số {decision.number_text} ngày {decision.decision_date:%d/%m/%Y}",
            legal_basis=decision.legal_basis,
            recipients_of_copies=decision.recipients_of_copies,
            reason=reason.strip(),
            signer_name=decision.signer_name,
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


def decision_update(*, decision: AwardDecision, data: dict) -> AwardDecision:
    """Change a draft's header fields (``data`` keys from HEADER_FIELDS)."""
    _check_draft(decision)
    if decision.kind != DecisionKind.AWARD and not (data.get("reason") or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    fields = [name for name in HEADER_FIELDS if name in data]
    for name in fields:
        setattr(decision, name, data[name])
    with transaction.atomic():
        decision.save(update_fields=[*fields, "updated_at"])
    return decision


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
    with transaction.atomic():
        recipient.save()
    return recipient


def recipient_delete(*, recipient: DecisionRecipient) -> None:
    """Remove a line from a draft decision."""
    _check_draft(recipient.decision)
    with transaction.atomic():
        recipient.delete()
