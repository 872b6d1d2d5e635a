"""Issuing a decision: the number from the organisation's register, certificates, ledger rows, all in one transaction.

Invariants: numbers come from ``Register`` rows locked with SELECT … FOR UPDATE inside the issuing transaction, so
decision numbers, certificate serials and golden-book numbers have no gaps and no duplicates even when several
signers issue at once; the decision flips draft → issued in ONE UPDATE (after which the database refuses any
change to it or its lines); rendering is enqueued only after commit.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

import outbox
from awards import notices, registers
from awards.decisions.numbering import format_decision_number, golden_book_number, next_serial
from awards.decisions.services import guards, wording
from awards.decisions.services.certificates import CERTIFICATE_RENDER_TASK, DECISION_DOCUMENT_RENDER_TASK
from awards.enums import DecisionKind, DecisionStatus, NominationStatus, RecordSource, RegisterKind
from awards.models import (
    AwardDecision,
    AwardRecord,
    Certificate,
    CouncilSession,
    DecisionDocument,
    DecisionRecipient,
    Nomination,
)
from awards.registers import organization_prefix, register_take
from common.documents import NUMBER_DIGITS, short_date
from organizations.audit import audit_record
from organizations.models import Organization

VERIFY_CODE_BYTES = 18  # 24 URL-safe characters: unguessable


def default_symbol(organization: Organization) -> str:
    """The decision register's default symbol: ``QĐ-`` and the organisation's short code."""
    return registers.default_decision_symbol(organization)


def symbol_for_new_year(organization: Organization, year: int) -> str:
    """The symbol proposed for the first decision of ``year``: last year's, else the default one."""
    return registers.symbol_in_use(
        organization=organization, kind=RegisterKind.DECISION, year=year, default=default_symbol(organization)
    )


def register_symbol(*, organization: Organization, year: int) -> str | None:
    """The symbol of the organisation's decision register for ``year``; None before its first decision."""
    return registers.register_symbol(organization=organization, kind=RegisterKind.DECISION, year=year)


def _text_errors(decision: AwardDecision) -> list[str]:
    """What the decision's text lacks: a place name, Articles 2 and 3, a "Nơi nhận" matching its articles."""
    errors = []
    if not decision.place.strip():
        errors.append(
            _("Enter the place name of the decision (e.g. Sóc Trăng): it is dated “Place, ngày … tháng … năm …”.")
        )
    if not (decision.article_2.strip() and decision.article_3.strip()):
        errors.append(_("Write Articles 2 and 3 of the decision before issuing it."))
    articles = 3 + len([part for part in decision.body.split("\n\n") if part.strip()])
    if any(number > articles or number < 1 for number in wording.copies_articles(decision.recipients_of_copies)):
        errors.append(_("“Nơi nhận” refers to an article the decision does not have."))
    return errors


def council_closed_on(lines: list[DecisionRecipient]) -> tuple[date, CouncilSession] | None:
    """The day the last council session that voted on the lines' nominations closed, and that session."""
    sessions = [s for s in wording.council_sessions(line.nomination_id for line in lines) if s.closed_at]
    if not sessions:
        return None
    last = max(sessions, key=lambda session: session.closed_at)
    return timezone.localdate(last.closed_at), last


def _date_errors(decision: AwardDecision, lines: list[DecisionRecipient], decision_date: date) -> list[str]:
    """Dates cross-checked: not before the decision referred to, nor before the council's result; the legal texts
    in force on the date of issue are those the legal basis was generated for (the planned date)."""
    errors = []
    referred = decision.refers_to
    if referred is not None and decision_date < referred.decision_date:
        errors.append(_("The date cannot be before the decision it refers to."))
    closed = council_closed_on(lines)
    if closed is not None and decision_date < closed[0]:
        errors.append(
            _(
                "The decision cannot be dated %(date)s: it rests on the result of the council session “%(session)s”, "
                "which closed on %(closed)s."
            )
            % {"date": short_date(decision_date), "session": closed[1].title, "closed": short_date(closed[0])}
        )
    planned = decision.decision_date
    if planned and planned != decision_date and decision.kind == DecisionKind.AWARD:
        awards = [line.award_type for line in lines]
        if wording.catalogue_basis(awards, planned) != wording.catalogue_basis(awards, decision_date):
            errors.append(
                _(
                    "The legal texts in force on %(date)s are not those of the planned date %(planned)s. Set the "
                    "planned date of the draft to %(date)s and generate its legal basis again."
                )
                % {"date": short_date(decision_date), "planned": short_date(planned)}
            )
    return errors


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
    errors.setdefault("__all__", []).extend(_text_errors(decision))
    errors["__all__"].extend(guards.authority_errors(decision, lines))
    errors["__all__"].extend(guards.line_basis_errors(decision, lines))
    keys = [(line.person_id, line.organization_id, line.award_type_id) for line in lines]
    if len(set(keys)) != len(keys):
        errors.setdefault("__all__", []).append(_("A recipient appears twice with the same award."))
    errors.setdefault("decision_date", []).extend(_date_errors(decision, lines, decision_date))
    if symbol:
        try:
            format_decision_number(1, symbol)
        except ValueError as exc:
            errors.setdefault("symbol", []).append(str(exc))
    errors = {field: messages for field, messages in errors.items() if messages}
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
        related = ("award_type__owner", "nomination__plan__award_type")
        lines = list(locked.recipients.select_related(*related).order_by("position", "pk"))
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
        # The organisation's style at issue: "01/QĐ-SVHMH" (State) or "01-QĐ/BTGTU" (Party), zero-padded.
        locked.document_style = org.document_style
        locked.number_text = format_decision_number(
            number, register.symbol, min_digits=NUMBER_DIGITS, style=locked.document_style
        )
        locked.decision_date, locked.issued_at, locked.signer = decision_date, now, actor
        # One UPDATE flips draft → issued with everything the CHECK constraint asks of an issued decision.
        AwardDecision.objects.filter(pk=locked.pk, status=DecisionStatus.DRAFT).update(
            status=locked.status,
            register=register,
            number=number,
            number_text=locked.number_text,
            document_style=locked.document_style,
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
        audit_record(
            actor=actor,
            action=f"decision.issue.{locked.kind}",
            obj=locked,
            organization=org,
            object_label=locked.number_text,
            before={"status": DecisionStatus.DRAFT},
            after={"status": DecisionStatus.ISSUED, "number": locked.number_text, "lines": len(lines),
                   "refers_to": locked.refers_to_id, "decision_date": decision_date},
            reason=locked.reason,
        )  # fmt: skip
        notices.decision_issued(decision=locked)
        if enqueue:
            _enqueue(locked.pk, certificate_ids)  # outbox rows in this transaction, published after commit
    return locked


def _mark_decided(nomination_ids: list[int], now) -> None:
    Nomination.objects.filter(pk__in=nomination_ids, status=NominationStatus.APPROVED).update(
        status=NominationStatus.DECIDED, updated_at=now
    )
