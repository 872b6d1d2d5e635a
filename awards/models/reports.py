"""Campaign reports (báo cáo sơ kết / tổng kết): the figures computed from the data, and the files made of them.

A report is requested (pending), computed by the Celery task ``awards.report_generate`` (running, with its
progress in per cent) and done with three files: the editable .docx, the PDF in the organisation's document
style and the .xlsx annex; or failed with the error. ``figures`` keeps what was computed (JSON), so the page
shows the same numbers as the files.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.db import TimeStampedModel, choices_check


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Interim review (sơ kết)")
    FINAL = "final", _("Final review (tổng kết)")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class CampaignReport(TimeStampedModel):
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), related_name="reports", on_delete=models.CASCADE
    )
    phase = models.ForeignKey(
        "campaigns.Phase",
        verbose_name=_("phase"),
        related_name="reports",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty for the whole campaign."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    docx = models.FileField(_("Word document"), upload_to="awards/reports/", blank=True)
    pdf = models.FileField(_("PDF"), upload_to="awards/reports/", blank=True)
    xlsx = models.FileField(_("data annex (.xlsx)"), upload_to="awards/reports/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign report")
        verbose_name_plural = _("campaign reports")
        ordering = ["-created_at"]
        constraints = [
            choices_check("kind", ReportKind, "awards_campaignreport_kind_valid"),
            choices_check("status", ReportStatus, "awards_campaignreport_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.campaign}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)
