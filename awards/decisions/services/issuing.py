"""Issuing a decision: the number from the organisation's register, certificates, ledger rows, all in one transaction.

Invariants: numbers come from ``Register`` rows locked with SELECT … FOR UPDATE inside the issuing transaction, so
decision numbers, certificate serials and golden-book numbers have no gaps and no duplicates even when several
signers issue at once; the decision flips draft → issued in ONE UPDATE (after which the database refuses any
change to it or its lines); rendering is enqueued only after commit.
"""

from __future__ import annotations

import secrets
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

import outbox
from awards.decisions.numbering import format_decision_number, golden_book_number, next_serial
from awards.decisions.services.certificates import CERTIFICATE_RENDER_TASK, DECISION_DOCUMENT_RENDER_TASK
from awards.enums import DecisionKind, DecisionStatus, NominationStatus, RecordSource, RegisterKind
from awards.models import (
    AwardDecision,
    AwardRecord,
    Certificate,
    DecisionDocument,
    DecisionRecipient,
    Nomination,
    Register,
)
from organizations.models import Organization

VERIFY_CODE_BYTES = 18  # 24 URL-safe characters: unguessable


def organization_prefix(organization: Organization) -> str:
    """Upper-case ASCII letters and digits of the organisation's code (Đ → D), e.g. ``BTG``."""
    text = unicodedata.normalize("NFKD", organization.code.replace("Đ", "D").replace("đ", "d")).upper()
    prefix = "".join(ch for ch in text if ch.isascii() and ch.isalnum())
    return prefix or f"ORG{organization.pk}"


def default_symbol(organization: Organization) -> str:
    """The decision register's default symbol: ``QĐ-`` and the organisation's short code."""
    return f"QĐ-{organization_prefix(organization)}"


def register_symbol(*, organization: Organization, year: int) -> str | None:
    """The symbol of the organisation's decision register for ``year``; None before its first decision."""
    return (
        Register.objects.filter(organization=organization, kind=RegisterKind.DECISION, year=year)
        .values_list("symbol", flat=True)
        .first()
    )


def register_take(*, organization: Organization, kind: str, year: int, symbol: str, count: int = 1):
    """Lock the register (creating it on first use with ``symbol``) and take ``count`` numbers: (register, first).

    Must run inside the issuing transaction: the row lock is held until it commits, so concurrent issuers queue.
    """
    Register.objects.get_or_create(organization=organization, kind=kind, year=year, defaults={"symbol": symbol})
    register = Register.objects.select_for_update().get(organization=organization, kind=kind, year=year)
    first = register.last_number + 1
    Register.objects.filter(pk=register.pk).update(last_number=F("last_number") + count, updated_at=timezone.now())
    return register, first


def _validate(decision: AwardDecision, lines: list[DecisionRecipient], decision_date: date, symbol: str) -> None:
    errors: dict[str, list[str]] = {}
    if decision.status != DecisionStatus.DRAFT:
        raise ValidationError(_("This decision has already been issued."), code="issued")
    if not lines:
        errors.setdefault("__all__", []).append(_("A decision needs at least one recipient."))
    if decision.kind != DecisionKind.AWARD and not decision.reason.strip():
        errors.setdefault("__all__", []).append(_("A correction or revocation needs its reason."))
    if not (decision.signer_name.strip() and decision.signer_title.strip() and decision.legal_basis.strip()):
        errors.setdefault("__all__", []).append(_("Fill in the signer's name and title and the legal basis first."))
    keys = [(line.person_id, line.organization_id, line.award_type_id) for line in lines]
    if len(set(keys)) != len(keys):
        errors.setdefault("__all__", []).append(_("A recipient appears twice with the same award."))
    referred = decision.refers_to
    if referred is not None and decision_date < referred.decision_date:
        errors.setdefault("decision_date", []).append(_("The date cannot be before the decision it refers to."))
    if symbol:
        try:
            format_decision_number(1, symbol)
        except ValueError as exc:
            errors.setdefault("symbol", []).append(str(exc))
    if errors:
        raise ValidationError(errors)


def _award_year(decision: AwardDecision, decision_date: date) -> int:
    """The year the awards count for: the campaign's year, else the year of the (first) decision."""
    root = decision.refers_to or decision
    if root.campaign_id:
        return root.campaign.end_date.year
    return (root.decision_date or decision_date).year


def _create_certificates(decision: AwardDecision, lines: list[DecisionRecipient], year: int) -> list[int]:
    org = decision.issuing_organization
    prefix = organization_prefix(org)
    serials, first_serial = register_take(
        organization=org, kind=RegisterKind.CERTIFICATE, year=year, symbol=prefix, count=len(lines)
    )
    book, first_book = register_take(
        organization=org, kind=RegisterKind.GOLDEN_BOOK, year=year, symbol=f"SV{prefix}", count=len(lines)
    )
    certificates = Certificate.objects.bulk_create(
        Certificate(
            recipient=line,
            serial=next_serial(serials.symbol, year, first_serial + index),
            golden_book_number=golden_book_number(book.symbol, year, first_book + index),
            verify_code=secrets.token_urlsafe(VERIFY_CODE_BYTES),
        )
        for index, line in enumerate(lines)
    )
    return [c.pk for c in certificates]


def _line_key(line) -> Q:
    return Q(person_id=line.person_id, organization_id=line.organization_id, award_type_id=line.award_type_id)


def _supersede(decision: AwardDecision, lines: list[DecisionRecipient]) -> int:
    """Mark the referred decision's ledger rows named by ``lines`` as revoked (or replaced) by ``decision``."""
    condition = Q(pk__in=[])
    for line in lines:
        condition |= _line_key(line)
    return AwardRecord.objects.filter(
        condition, decision_recipient__decision_id=decision.refers_to_id, revoked_by__isnull=True
    ).update(revoked_by=decision, updated_at=timezone.now())


def _write_records(decision: AwardDecision, lines: list[DecisionRecipient], actor, award_year: int) -> None:
    AwardRecord.objects.bulk_create(
        AwardRecord(
            person_id=line.person_id,
            organization_id=line.organization_id,
            award_type=line.award_type,
            award_code=line.award_type.code,
            award_name=line.award_type.name,
            year=award_year,
            decision_number=decision.number_text,
            decision_date=decision.decision_date,
            issuer=decision.issuing_organization.name,
            achievement=line.achievement,
            source=RecordSource.DECISION,
            decision_recipient=line,
            created_by=actor,
        )
        for line in lines
    )


def _enqueue(decision_id: int, certificate_ids: list[int]) -> None:
    outbox.enqueue(DECISION_DOCUMENT_RENDER_TASK, decision_id=decision_id)
    outbox.enqueue_many(CERTIFICATE_RENDER_TASK, [{"certificate_id": pk} for pk in certificate_ids])


def decision_issue(
    *, decision: AwardDecision, actor, decision_date: date, symbol: str = "", enqueue: bool = True
) -> AwardDecision:
    """Issue a draft: number, certificates (serial, golden-book number, verify code), ledger rows, document.

    Side effects: nominations on its lines become decided; a revocation revokes (a correction replaces) the
    referred decision's ledger rows its lines name; rendering tasks are enqueued after commit (``enqueue=False``
    leaves that to the caller: the benchmark times the certificate tasks on their own).
    """
    with transaction.atomic():
        locked = (
            AwardDecision.objects.select_for_update(of=("self",))
            .select_related("issuing_organization", "campaign", "refers_to")
            .filter(pk=decision.pk)
            .first()
        )
        if locked is None:
            raise ValidationError(_("This decision no longer exists."))
        lines = list(locked.recipients.select_related("award_type").order_by("position", "pk"))
        _validate(locked, lines, decision_date, symbol)
        org = locked.issuing_organization
        register, number = register_take(
            organization=org,
            kind=RegisterKind.DECISION,
            year=decision_date.year,
            symbol=symbol or default_symbol(org),
        )
        now = timezone.now()
        locked.status, locked.register, locked.number = DecisionStatus.ISSUED, register, number
        locked.number_text = format_decision_number(number, register.symbol)
        locked.decision_date, locked.issued_at, locked.signer = decision_date, now, actor
        # One UPDATE flips draft → issued with everything the CHECK constraint asks of an issued decision.
        AwardDecision.objects.filter(pk=locked.pk, status=DecisionStatus.DRAFT).update(
            status=locked.status,
            register=register,
            number=number,
            number_text=locked.number_text,
            decision_date=decision_date,
            issued_at=now,
            signer=actor,
            updated_at=now,
        )
        if locked.kind != DecisionKind.AWARD:
            _supersede(locked, lines)
        certificate_ids: list[int] = []
        if locked.kind != DecisionKind.REVOCATION:
            award_year = _award_year(locked, decision_date)
            certificate_ids = _create_certificates(locked, lines, decision_date.year)
            _write_records(locked, lines, actor, award_year)
            _mark_decided([line.nomination_id for line in lines if line.nomination_id], now)
        DecisionDocument.objects.create(decision=locked)
        if enqueue:
            _enqueue(locked.pk, certificate_ids)  # outbox rows in this transaction, published after commit
    return locked


def _mark_decided(nomination_ids: list[int], now) -> None:
    Nomination.objects.filter(pk__in=nomination_ids, status=NominationStatus.APPROVED).update(
        status=NominationStatus.DECIDED, updated_at=now
    )
