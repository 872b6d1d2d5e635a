"""Campaign report pages: the list with a request form, one report's progress and figures, its three files.

Reports are the campaign officers' (``campaigns.transition_campaign``, like "Sơ kết"/"Tổng kết" themselves):
another organisation's campaign is 404, a visible campaign for someone else 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awards.models import CampaignReport, ReportStatus
from awards.reports.forms import ReportRequestForm
from awards.reports.services import report_request
from campaigns.access import campaign_for
from common.files import private_file_response
from organizations.views.common import paginate

PERM = "campaigns.transition_campaign"
FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request, campaign_pk: int):
    campaign = campaign_for(request, campaign_pk, perm=PERM)
    form = ReportRequestForm(request.POST if request.method == "POST" else None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            report = report_request(
                campaign=campaign, kind=form.cleaned_data["kind"], phase=form.cleaned_data["phase"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report is being prepared."))
            return redirect("awards:report-detail", campaign_pk=campaign.pk, pk=report.pk)
    reports = CampaignReport.objects.filter(campaign=campaign).select_related("phase", "requested_by")
    context = {"campaign": campaign, "form": form, **paginate(request, reports)}
    return render(request, "awards/reports/report_list.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def report_detail(request, campaign_pk: int, pk: int):
    campaign = campaign_for(request, campaign_pk, perm=PERM)
    report = get_object_or_404(CampaignReport.objects.select_related("phase"), campaign=campaign, pk=pk)
    context = {"campaign": campaign, "report": report, "running": not report.is_finished}
    template = "awards/reports/_progress.html" if request.htmx else "awards/reports/report_detail.html"
    return render(request, template, context)


@login_required
@require_GET
def report_download(request, campaign_pk: int, pk: int, fmt: str):
    campaign = campaign_for(request, campaign_pk, perm=PERM)
    report = get_object_or_404(CampaignReport, campaign=campaign, pk=pk, status=ReportStatus.DONE)
    if fmt not in FORMATS:
        raise Http404
    content_type, extension = FORMATS[fmt]
    name = getattr(report, fmt).name
    word = "tong-ket" if report.kind == "final" else "so-ket"
    return private_file_response(name, filename=f"bao-cao-{word}-{report.pk}.{extension}", content_type=content_type)
