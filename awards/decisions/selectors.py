"""Reads of the decision part: decisions a user may see, their lines and certificates, progress, verification."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from awards.enums import RenderStatus
from awards.models import AwardDecision, Certificate, CertificateTemplate, DecisionRecipient
from organizations.enums import Role
from organizations.reach import reach_for

DECISION_ROLES = (Role.OFFICER, Role.ADMIN, Role.SIGNER)


def _visible(user, prefix: str = "issuing_organization__") -> Q:
    """Decisions of organisations at or below the user's officer, admin or signer memberships."""
    return reach_for(user).below_q(*DECISION_ROLES, prefix=prefix)


def decision_list_for_user(user, *, search: str = "", status: str = "") -> QuerySet[AwardDecision]:
    """Decisions the user may see, newest first, with their recipient counts; search by number, title, name."""
    qs = AwardDecision.objects.filter(_visible(user))
    if search:
        lines = DecisionRecipient.objects.filter(recipient_name__icontains=search).values("decision_id")
        qs = qs.filter(Q(number_text__icontains=search) | Q(title__icontains=search) | Q(pk__in=lines))
    if status:
        qs = qs.filter(status=status)
    return (
        qs.select_related("issuing_organization", "refers_to")
        .annotate(recipient_count=Count("recipients"))
        .order_by("status", "-decision_date", "-number", "-pk")
    )


def decision_get_for_user(user, *, pk: int) -> AwardDecision | None:
    return (
        AwardDecision.objects.filter(_visible(user), pk=pk)
        .select_related(
            "issuing_organization__parent", "campaign", "refers_to__issuing_organization", "register", "signer"
        )
        .first()
    )


def decision_recipient_list(*, decision: AwardDecision) -> QuerySet[DecisionRecipient]:
    return decision.recipients.select_related("award_type", "certificate", "record__revoked_by").order_by(
        "position", "pk"
    )


def certificate_progress(*, decision: AwardDecision) -> dict:
    """Counts of the decision's certificates by render status: total, done, failed, waiting."""
    counts = Certificate.objects.filter(recipient__decision=decision).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=RenderStatus.DONE)),
        failed=Count("pk", filter=Q(status=RenderStatus.FAILED)),
    )
    counts["waiting"] = counts["total"] - counts["done"] - counts["failed"]
    counts["is_complete"] = counts["total"] > 0 and counts["done"] == counts["total"]
    counts["percent"] = round(100 * counts["done"] / counts["total"]) if counts["total"] else 0
    return counts


def certificate_failed_list(*, decision: AwardDecision) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(recipient__decision=decision, status=RenderStatus.FAILED)
        .select_related("recipient")
        .order_by("recipient__position", "pk")
    )


def certificate_done_list(*, decision: AwardDecision) -> QuerySet[Certificate]:
    """The decision's rendered certificates in the order of its lines (for the print file and the ZIP)."""
    return Certificate.objects.filter(recipient__decision=decision, status=RenderStatus.DONE).order_by(
        "recipient__position", "recipient_id"
    )


def _certificates_with_lines() -> QuerySet[Certificate]:
    return Certificate.objects.select_related(
        "recipient__decision__issuing_organization",
        "recipient__award_type",
        "recipient__organization",
        "recipient__person__organization",
    )


def certificate_get(*, pk: int) -> Certificate | None:
    """A certificate with what the download permission and the renderer read."""
    return _certificates_with_lines().filter(pk=pk).first()


VERIFY_RELATED = ("recipient__decision", "recipient__award_type", "recipient__record__revoked_by")


def certificate_get_by_code(*, code: str) -> Certificate | None:
    """For the public verify page: the certificate, its line, decision and ledger row (for revocation)."""
    return Certificate.objects.select_related(*VERIFY_RELATED).filter(verify_code=code).first()


def certificate_get_by_serial(*, serial: str) -> Certificate | None:
    """For the public verify page: the certificate whose printed serial is ``serial`` (spaces and case ignored)."""
    cleaned = "".join(serial.split()).upper()
    if not cleaned:
        return None
    return Certificate.objects.select_related(*VERIFY_RELATED).filter(serial=cleaned).first()


def template_list_for_user(user) -> QuerySet[CertificateTemplate]:
    """Blank-certificate templates of organisations the user is an officer of (or below)."""
    return (
        CertificateTemplate.objects.filter(_visible_officer(user))
        .select_related("organization")
        .order_by("organization__path", "name")
    )


def template_list_for_decision(*, decision: AwardDecision) -> QuerySet[CertificateTemplate]:
    """Templates usable for a decision: those of the issuing organisation and the organisations above it."""
    ids = decision.issuing_organization.ancestor_ids()
    return CertificateTemplate.objects.filter(organization_id__in=ids).order_by("name")


def _visible_officer(user) -> Q:
    return reach_for(user).below_q(Role.OFFICER, Role.ADMIN, prefix="organization__")
