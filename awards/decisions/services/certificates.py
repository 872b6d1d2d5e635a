"""Rendering the PDFs of an issued decision: the decision itself and one certificate per recipient line.

Both go through ``common.pdf.once.render_pdf_once`` (claimed by a conditional UPDATE, written atomically, left
alone when the file is there with its hash): running a task twice changes nothing, a killed worker's claim is
taken over after the task time limit.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

import outbox
from awards import registers
from awards.decisions.services import wording
from awards.documents import CertificateData, DecisionData, render_certificate, render_decision
from awards.documents import DecisionRecipient as Row
from awards.enums import RegisterKind, RenderStatus
from awards.models import AwardDecision, Certificate, DecisionDocument
from common import documents
from common.pdf.once import PdfSlot, render_pdf_once, stale_after
from common.pdf.signing import SignatureInfo, sign_pdf, signature_info

# Registered names of this part's tasks (awards/decisions/tasks.py): services enqueue by name, never importing tasks.
CERTIFICATE_RENDER_TASK = "awards.certificate_render"
DECISION_DOCUMENT_RENDER_TASK = "awards.decision_document_render"
CERTIFICATE_SWEEP_TASK = "awards.certificate_sweep"

logger = logging.getLogger(__name__)


def verify_url(code: str) -> str:
    return settings.SITE_URL + reverse("verify", kwargs={"code": code})


def certificate_data(certificate: Certificate):
    """What the certificate prints, from its decision line (snapshots) and the issued decision."""
    line = certificate.recipient
    decision = line.decision
    style = decision_style(decision)
    return CertificateData(
        authority=decision.decider or decision.authority_name,  # who awards: "TRƯỞNG BAN TUYÊN GIÁO THÀNH ỦY …"
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
        signer_title="\n".join(
            documents.signature_lines(
                title=decision.signer_title,
                prefix=decision.signer_prefix,
                on_behalf_of=decision.signer_on_behalf_of,
                style=style,
            )
        ),
        signer_name=decision.signer_name,
        style=style,
    )


def certificate_file_name(certificate: Certificate) -> str:
    return f"awards/certificates/{certificate.recipient.decision_id}/{certificate.serial}.pdf"


CERTIFICATE_SLOT = PdfSlot(attempts="attempts", rendered_at="rendered_at")


def certificate_render(*, certificate_id: int) -> Certificate | None:
    """Render one certificate's PDF (full design, Vietnamese) unless it is done; None when not ours to render.

    Side effects: the PDF under awards/certificates/<decision>/<serial>.pdf; the row done with its hash, or failed
    with the error (a failure is recorded, not retried: the decision page offers a retry).
    """
    return render_pdf_once(
        Certificate.objects.select_related("recipient__decision__issuing_organization", "recipient__award_type"),
        pk=certificate_id,
        slot=CERTIFICATE_SLOT,
        name=certificate_file_name,
        render=lambda certificate: sign_pdf(
            render_certificate(certificate_data(certificate)),
            reason=f"Giấy chứng nhận số {certificate.serial}",
            location=certificate.recipient.decision.place,
        ),
    )


def decision_style(decision: AwardDecision) -> str:
    """The layout of the decision: the style it was issued in, or (a draft) its organisation's current style."""
    return decision.document_style if decision.is_issued else decision.issuing_organization.document_style


def _draft_number(decision: AwardDecision, style: str) -> str:
    """A draft's number: a gap, then the symbol of the register it will be numbered from."""
    day = decision.decision_date or timezone.localdate()
    organization = decision.issuing_organization
    symbol = registers.symbol_in_use(
        organization=organization,
        kind=RegisterKind.DECISION,
        year=day.year,
        default=registers.default_decision_symbol(organization),
    )
    return documents.draft_number(symbol, style=style)


def _articles(decision: AwardDecision) -> list[str]:
    further = [part.strip() for part in decision.body.split("\n\n") if part.strip()]
    own = [text.strip() for text in (decision.article_2, decision.article_3) if text.strip()]
    return [wording.article_one(decision), *own, *further]


def decision_document_data(decision: AwardDecision) -> DecisionData:
    """What the decision PDF prints, in its style; a draft is the same document marked DỰ THẢO, without a number.

    Order: header (issuer under its superior, number, place and date), title, deciding authority, legal basis and
    "Xét đề nghị của …", Điều 1 with the list, Điều 2, Điều 3 (and further articles), Nơi nhận, signature block.
    """
    lines = list(decision.recipients.select_related("award_type").order_by("position", "pk"))
    style = decision_style(decision)
    return DecisionData(
        authority_parent=decision.authority_parent,
        authority=decision.authority_name,
        number=decision.number_text if decision.is_issued else _draft_number(decision, style),
        place=decision.place,
        date=decision.decision_date,
        title=decision.title,
        signer_authority=decision.decider or decision.authority_name,
        legal_basis=[line for line in decision.legal_basis.splitlines() if line.strip()],
        proposal_line=decision.proposal,
        articles=_articles(decision),
        recipients=[
            Row(order=i, name=line.recipient_name, unit=line.recipient_detail, award=line.award_type.name)
            for i, line in enumerate(lines, start=1)
        ],
        recipients_to=[line for line in decision.recipients_of_copies.splitlines() if line.strip()],
        signer_title=decision.signer_title,
        signer_name=decision.signer_name,
        signer_prefix=decision.signer_prefix,
        signer_on_behalf_of=decision.signer_on_behalf_of,
        style=style,
        is_draft=not decision.is_issued,
    )


def decision_draft_pdf(*, decision: AwardDecision) -> bytes:
    """The draft's PDF for the signer, marked DỰ THẢO, rendered now (not stored: the draft still changes).

    Rendered synchronously: a ten-line decision takes about 0.2–0.4 s on this 2-core machine (measured by hand in
    ``manage.py shell``), short enough for a page the signer opens once.
    """
    if decision.is_issued:
        raise ValueError("An issued decision's PDF is the stored one.")
    return render_decision(decision_document_data(decision))


DECISION_DOCUMENT_SLOT = PdfSlot(claimed_at="updated_at")


def decision_document_render(*, decision_id: int) -> DecisionDocument | None:
    """Render the decision's PDF into its DecisionDocument (``updated_at`` serves as the claim time)."""
    document = DecisionDocument.objects.filter(decision_id=decision_id).only("pk").first()
    if document is None:
        return None
    return render_pdf_once(
        DecisionDocument.objects.select_related(
            "decision__refers_to__issuing_organization", "decision__issuing_organization", "decision__campaign"
        ),
        pk=document.pk,
        slot=DECISION_DOCUMENT_SLOT,
        name=lambda row: f"awards/decisions/{row.decision_id}.pdf",
        render=lambda row: sign_pdf(
            render_decision(decision_document_data(row.decision)),
            reason=f"Quyết định số {row.decision.number_text}",
            location=row.decision.place,
        ),
    )


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
    # Outbox rows in the caller's transaction, published after commit.
    if retry_document:
        outbox.enqueue(DECISION_DOCUMENT_RENDER_TASK, decision_id=decision.pk)
    outbox.enqueue_many(CERTIFICATE_RENDER_TASK, [{"certificate_id": pk} for pk in ids])
    return ids


def certificate_sweep() -> int:
    """Re-enqueue every certificate stuck in 'rendering' past the time limit (for a periodic beat task)."""
    cutoff = timezone.now() - stale_after()
    ids = list(
        Certificate.objects.filter(status=RenderStatus.RENDERING, claimed_at__lt=cutoff).values_list("pk", flat=True)
    )
    outbox.enqueue_many(CERTIFICATE_RENDER_TASK, [{"certificate_id": pk} for pk in ids])
    return len(ids)


def certificate_signature(certificate: Certificate) -> SignatureInfo | None:
    """The digital signature of the certificate's stored PDF; None while it has no PDF (or the file is missing)."""
    if certificate.status != RenderStatus.DONE or not certificate.file:
        return None
    try:
        with default_storage.open(certificate.file.name, "rb") as handle:
            content = handle.read()
    except OSError:
        return None
    return signature_info(content)
