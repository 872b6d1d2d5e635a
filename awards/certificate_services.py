"""Rendering the PDFs of an issued decision: the decision itself and one certificate per recipient line.

Crash safety: a row is claimed (pending → rendering) with a conditional UPDATE, so two workers never render the
same row; a row left in 'rendering' by a killed worker is reclaimed once it is older than the task time limit.
The PDF is written under a temporary name and moved into place (atomic rename), and only then one UPDATE points
the row at it with its SHA-256 — a row never points at a half-written file. A row already done whose file still
has its recorded hash is left alone, so running a task twice changes nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation

from emulation import outbox

from awards.enums import RenderStatus
from awards.models import AwardDecision, Certificate, DecisionDocument

logger = logging.getLogger(__name__)

ERROR_CHARS = 2000


def stale_after() -> timedelta:
    """A 'rendering' claim older than the task's hard time limit belongs to a worker that died."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def verify_url(code: str) -> str:
    return settings.SITE_URL + reverse("verify", kwargs={"code": code})


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_file_matches(name: str, sha256: str) -> bool:
    """True when the stored file ``name`` exists and its content has the hash ``sha256``."""
    if not name or not sha256:
        return False
    path = default_storage.path(name)
    return os.path.isfile(path) and sha256_of(path) == sha256


def write_atomically(name: str, content: bytes) -> str:
    """Write ``content`` to the storage path ``name`` via a temporary file and an atomic rename; its SHA-256."""
    final = Path(default_storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return hashlib.sha256(content).hexdigest()


def certificate_data(certificate: Certificate):
    """What the certificate prints, from its decision line (snapshots) and the issued decision."""
    from awards.pdf import CertificateData

    line = certificate.recipient
    decision = line.decision
    return CertificateData(
        authority=decision.authority_name,
        form_title=line.award_type.certificate_title,
        recipient_name=line.recipient_name,
        recipient_unit=line.recipient_detail,
        achievement=line.achievement,
        decision_number=decision.number_text,
        decision_date=decision.decision_date,
        golden_book_number=certificate.golden_book_number,
        serial=certificate.serial,
        verify_url=verify_url(certificate.verify_code),
        place=decision.place,
        sign_date=decision.decision_date,
        signer_title=decision.signer_title,
        signer_name=decision.signer_name,
    )


def certificate_file_name(certificate: Certificate) -> str:
    return f"awards/certificates/{certificate.recipient.decision_id}/{certificate.serial}.pdf"


def _certificate_claim(certificate: Certificate, now) -> bool:
    """pending/failed → rendering, or a stale rendering claim → ours, or a done row whose file is broken."""
    claimable = Q(status__in=(RenderStatus.PENDING, RenderStatus.FAILED)) | Q(
        status=RenderStatus.RENDERING, claimed_at__lt=now - stale_after()
    )
    if certificate.status == RenderStatus.DONE:
        claimable = Q(status=RenderStatus.DONE, sha256=certificate.sha256, rendered_at=certificate.rendered_at)
    return (
        Certificate.objects.filter(claimable, pk=certificate.pk).update(
            status=RenderStatus.RENDERING, claimed_at=now, attempts=F("attempts") + 1, error="", updated_at=now
        )
        == 1
    )


def certificate_render(*, certificate_id: int) -> Certificate | None:
    """Render one certificate's PDF (full design, Vietnamese) unless it is done; None when not ours to render.

    Side effects: the PDF under awards/certificates/<decision>/<serial>.pdf; the row done with its hash, or failed
    with the error (a failure is recorded, not retried: the decision page offers a retry).
    """
    certificate = (
        Certificate.objects.select_related("recipient__decision", "recipient__award_type")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        return None
    if certificate.status == RenderStatus.DONE and stored_file_matches(certificate.file.name, certificate.sha256):
        return certificate
    now = timezone.now()
    if not _certificate_claim(certificate, now):
        return None
    mine = Certificate.objects.filter(pk=certificate.pk, status=RenderStatus.RENDERING, claimed_at=now)
    try:
        from awards.pdf import render_certificate

        with translation.override("vi"):
            pdf = render_certificate(certificate_data(certificate))
        name = certificate_file_name(certificate)
        digest = write_atomically(name, pdf)
    except Exception as exc:  # recorded on the row for the officer; the page offers a retry
        logger.exception("Certificate %s failed to render", certificate_id)
        mine.update(status=RenderStatus.FAILED, error=str(exc)[:ERROR_CHARS], updated_at=timezone.now())
        return None
    done_at = timezone.now()
    mine.update(file=name, sha256=digest, rendered_at=done_at, status=RenderStatus.DONE, updated_at=done_at)
    certificate.refresh_from_db()
    return certificate


def decision_document_data(decision: AwardDecision):
    """What the decision PDF prints (Decree 30/2020 layout)."""
    from awards.pdf import DecisionData
    from awards.pdf import DecisionRecipient as Row

    lines = list(decision.recipients.select_related("award_type").order_by("position", "pk"))
    articles = [
        _article_one(decision),
        *[part.strip() for part in decision.body.split("\n\n") if part.strip()],
    ]
    return DecisionData(
        authority_parent=decision.authority_parent,
        authority=decision.authority_name,
        number=decision.number_text,
        place=decision.place,
        date=decision.decision_date,
        title=decision.title,
        signer_authority=decision.authority_name,
        legal_basis=[line for line in decision.legal_basis.splitlines() if line.strip()],
        articles=articles,
        recipients=[
            Row(order=i, name=line.recipient_name, unit=line.recipient_detail, award=line.award_type.name)
            for i, line in enumerate(lines, start=1)
        ],
        recipients_to=[line for line in decision.recipients_of_copies.splitlines() if line.strip()],
        signer_title=decision.signer_title,
        signer_name=decision.signer_name,
    )


def _article_one(decision: AwardDecision) -> str:
    if decision.kind == "revocation":
        return f"Thu hồi khen thưởng đối với các tập thể, cá nhân có tên sau đây. Lý do: {decision.reason}"
    if decision.kind == "correction":
        return f"Đính chính Quyết định số {decision.refers_to.number_text} như sau. Lý do: {decision.reason}"
    return "Tặng thưởng cho các tập thể, cá nhân có tên sau đây đã có thành tích xuất sắc:"


def decision_document_render(*, decision_id: int) -> DecisionDocument | None:
    """Render the decision's PDF into its DecisionDocument; claimed like certificates (``updated_at`` as claim)."""
    document = DecisionDocument.objects.select_related("decision__refers_to").filter(decision_id=decision_id).first()
    if document is None:
        return None
    if document.status == RenderStatus.DONE and stored_file_matches(document.file.name, document.sha256):
        return document
    now = timezone.now()
    claimable = Q(status__in=(RenderStatus.PENDING, RenderStatus.FAILED, RenderStatus.DONE)) | Q(
        status=RenderStatus.RENDERING, updated_at__lt=now - stale_after()
    )
    if not DecisionDocument.objects.filter(claimable, pk=document.pk).update(
        status=RenderStatus.RENDERING, updated_at=now
    ):
        return None
    mine = DecisionDocument.objects.filter(pk=document.pk, status=RenderStatus.RENDERING, updated_at=now)
    decision = document.decision
    try:
        from awards.pdf import render_decision

        with translation.override("vi"):
            pdf = render_decision(decision_document_data(decision))
        name = f"awards/decisions/{decision.pk}.pdf"
        digest = write_atomically(name, pdf)
    except Exception as exc:  # recorded for the officer; the page offers a retry
        logger.exception("Decision %s PDF failed to render", decision_id)
        mine.update(status=RenderStatus.FAILED, error=str(exc)[:ERROR_CHARS], updated_at=timezone.now())
        return None
    mine.update(file=name, sha256=digest, status=RenderStatus.DONE, error="", updated_at=timezone.now())
    document.refresh_from_db()
    return document


def certificate_retry(*, decision: AwardDecision) -> list[int]:
    """Re-enqueue the decision's failed or stuck certificates (and its failed PDF) after commit; their ids."""
    cutoff = timezone.now() - stale_after()
    ids = list(
        Certificate.objects.filter(recipient__decision=decision)
        .filter(Q(status=RenderStatus.FAILED) | Q(status=RenderStatus.RENDERING, claimed_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    retry_document = DecisionDocument.objects.filter(
        Q(status=RenderStatus.FAILED) | Q(status=RenderStatus.RENDERING, updated_at__lt=cutoff), decision=decision
    ).exists()

    from awards.decision_tasks import certificate_render_task, decision_document_render_task

    # Outbox rows in the caller's transaction, published after commit.
    if retry_document:
        outbox.enqueue(decision_document_render_task, decision_id=decision.pk)
    outbox.enqueue_many(certificate_render_task, [{"certificate_id": pk} for pk in ids])
    return ids


def certificate_sweep() -> int:
    """Re-enqueue every certificate stuck in 'rendering' past the time limit (for a periodic beat task)."""
    cutoff = timezone.now() - stale_after()
    ids = list(
        Certificate.objects.filter(status=RenderStatus.RENDERING, claimed_at__lt=cutoff).values_list("pk", flat=True)
    )
    from awards.decision_tasks import certificate_render_task

    outbox.enqueue_many(certificate_render_task, [{"certificate_id": pk} for pk in ids])
    return len(ids)
