"""The dossier forms for officers to download, fill in, sign and upload back: the campaign's tờ trình (Mẫu số 01)
and each nomination's báo cáo thành tích, as an editable .docx or a PDF in the organisation's style.

The signed PDF goes back into the nomination's dossier through the ordinary upload (checked by content).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from awards.documents import dossier as forms
from awards.documents.render import render_achievement_report, render_cover_request
from awards.nominations import dossier_forms
from awards.nominations.access import MANAGE, nomination_for, officer_campaign

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {"docx": DOCX, "pdf": "application/pdf"}


def _response(content: bytes, *, fmt: str, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


@login_required
@require_GET
def cover_request(request, campaign_pk: int, fmt: str):
    """The tờ trình asking for the campaign's eligible, live nominations, grouped by award."""
    campaign = officer_campaign(request, campaign_pk)
    fmt = _format(fmt)
    data = dossier_forms.cover_request_data(campaign)
    content = forms.cover_request_docx(data) if fmt == "docx" else render_cover_request(data)
    return _response(content, fmt=fmt, stem=f"to-trinh-{campaign.pk}")


@login_required
@require_GET
def achievement_report(request, campaign_pk: int, pk: int, fmt: str):
    """One nominee's báo cáo thành tích, prefilled; for the campaign's officers (others who see it: 403)."""
    nomination = nomination_for(request, campaign_pk, pk, perm="awards.view_nomination")
    if not request.user.has_perm(MANAGE, nomination.plan.campaign):
        raise PermissionDenied
    fmt = _format(fmt)
    data = dossier_forms.achievement_report_data(nomination)
    content = forms.achievement_report_docx(data) if fmt == "docx" else render_achievement_report(data)
    return _response(content, fmt=fmt, stem=f"bao-cao-thanh-tich-{nomination.pk}")
