"""Requesting and generating campaign reports.

``report_request`` records a pending report and enqueues ``awards.report_generate`` through the outbox (in the
caller's transaction). The task claims the report (pending → running, a conditional UPDATE: safe to run twice),
computes the figures, writes the .xlsx, .docx and PDF one after the other with the progress in per cent, and ends
done, or failed with the error (the page offers to ask again).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import outbox
from awards.models import CampaignReport, ReportKind, ReportStatus
from awards.reports import files
from awards.reports.figures import never_submitted, report_figures
from common.files import write_atomically

REPORT_GENERATE_TASK = "awards.report_generate"
logger = logging.getLogger(__name__)


@transaction.atomic
def report_request(*, campaign, kind: str, actor=None, phase=None) -> CampaignReport:
    """Record a report of ``campaign`` (or of one of its ``phase``) and enqueue its generation."""
    if kind not in ReportKind.values:
        raise ValidationError(_("Choose an interim or a final review."))
    if phase is not None and phase.campaign_id != campaign.pk:
        raise ValidationError(_("This phase belongs to another campaign."))
    report = CampaignReport.objects.create(campaign=campaign, phase=phase, kind=kind, requested_by=actor)
    outbox.enqueue(REPORT_GENERATE_TASK, report_id=report.pk)
    return report


def _progress(report_id: int, progress: int, **fields) -> None:
    CampaignReport.objects.filter(pk=report_id).update(progress=progress, **fields)


def report_generate(*, report_id: int) -> bool:
    """Generate a pending report; False when it is gone or another worker claimed it."""
    claimed = CampaignReport.objects.filter(pk=report_id, status=ReportStatus.PENDING).update(
        status=ReportStatus.RUNNING, progress=5
    )
    if not claimed:
        return False
    report = CampaignReport.objects.select_related("campaign__launching_organization__parent", "phase").get(
        pk=report_id
    )
    stem = f"awards/reports/{report.pk}-{report.kind}"
    try:
        figures = report_figures(report.campaign, report.phase)
        _progress(report_id, 30, figures=figures)
        write_atomically(f"{stem}.xlsx", files.report_xlsx(figures))
        _progress(report_id, 45, xlsx=f"{stem}.xlsx")
        write_atomically(f"{stem}.docx", files.report_docx(figures, report.kind))
        _progress(report_id, 60, docx=f"{stem}.docx")
        write_atomically(f"{stem}.pdf", files.report_pdf(figures, report.kind))
        _progress(report_id, 100, pdf=f"{stem}.pdf", status=ReportStatus.DONE, finished_at=timezone.now())
    except Exception as error:  # noqa: BLE001 - any failure is recorded on the report, shown on its page
        logger.exception("campaign report %s failed", report_id)
        _progress(report_id, 0, status=ReportStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now())
    return True


def report_on_finalise(*, campaign, actor=None, **_kwargs) -> None:
    """The transition hook of "Tổng kết": the final report of the whole campaign is prepared at once."""
    report_request(campaign=campaign, kind=ReportKind.FINAL, actor=actor)


def never_submitted_warning(*, campaign) -> list[str]:
    """Before closing or finalising: the participants that never sent a self-scoring in any phase."""
    names, count = never_submitted(campaign)
    if not count:
        return []
    shown = ", ".join(names[:20]) + ("…" if count > 20 else "")
    return [
        _("%(count)d of %(total)d participants never submitted a self-scoring: %(names)s.")
        % {"count": count, "total": campaign.participants.count(), "names": shown}
    ]
