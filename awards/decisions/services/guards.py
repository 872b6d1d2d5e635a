"""What a decision line must rest on: the rules that keep a decision from bypassing the council.

A line of an award decision whose award needs a secret ballot or a public disclosure must come from a nomination
the council approved for that very award (or, later, from an upper level's result); a line typed by hand may only
name an award that needs neither. Corrections and revocations copy the lines of an issued decision and are not
judged again here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from awards.catalogue.authority import authorities_of
from awards.enums import DecisionKind, NominationStatus
from awards.models import AwardDecision, AwardType, DecisionRecipient


def needs_council(award: AwardType) -> bool:
    """The award may only be given on a council's vote: a secret ballot or a public disclosure is required."""
    return bool(award.secret_ballot or award.requires_disclosure)


def _rests_on_council(line: DecisionRecipient) -> bool:
    nomination = line.nomination
    return (
        nomination is not None
        and nomination.status == NominationStatus.APPROVED
        and nomination.plan.award_type.code == line.award_type.code
        and nomination.person_id == line.person_id
        and nomination.organization_id == line.organization_id
    )


def line_basis_errors(decision: AwardDecision, lines) -> list[str]:
    """One message per line of an award decision that names a council-only award without an approved nomination."""
    if decision.kind != DecisionKind.AWARD:
        return []
    errors = []
    for line in lines:
        if needs_council(line.award_type) and not _rests_on_council(line):
            errors.append(
                _(
                    "%(recipient)s: %(award)s needs the council's vote (secret ballot or public disclosure); a "
                    "decision can only give it from a nomination the council approved."
                )
                % {"recipient": line.recipient_name or line.recipient, "award": line.award_type.name}
            )
    return errors


def authority_errors(decision: AwardDecision, lines) -> list[str]:
    """One message per line of an award decision whose award is beyond the issuing organisation's authority (another
    organisation's own title, or an award a higher authority decides: that one is proposed upward)."""
    if decision.kind != DecisionKind.AWARD:
        return []
    organization = decision.issuing_organization
    held = authorities_of(organization)
    errors = []
    for line in lines:
        award = line.award_type
        allowed = award.owner_id == organization.pk if award.owner_id else award.decided_by in held
        if not allowed:
            errors.append(
                _(
                    "%(recipient)s: %(organization)s may not decide %(award)s (%(authority)s); propose it to the "
                    "level above instead."
                )
                % {
                    "recipient": line.recipient_name or line.recipient,
                    "organization": organization.name,
                    "award": award.name,
                    "authority": award.owner.name if award.owner_id else award.get_decided_by_display(),
                }
            )
    return errors


def check_hand_line(decision: AwardDecision, line: DecisionRecipient) -> None:
    """Refuse a line typed (or changed) by hand that names an award beyond the organisation's authority, or a
    council-only award it does not rest on."""
    errors = authority_errors(decision, [line]) + line_basis_errors(decision, [line])
    if errors:
        raise ValidationError({"award_type": errors}, code="not_allowed")
