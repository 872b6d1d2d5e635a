"""Downloads of a decision's files (permission-checked), overlay printing, blank templates (the public verify page is
in ``verify``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awards.decisions import selectors as sel
from awards.decisions.forms import CertificateTemplateForm, OverlayForm
from awards.decisions.services import printing as files
from awards.decisions.services.certificates import decision_draft_pdf
from awards.decisions.views.decisions import _officer_organizations, decision_for
from awards.enums import DecisionKind, RenderStatus
from common.files import private_file_response
from common.forms import add_service_errors
from organizations.views.common import paginate

PDF = "application/pdf"


def _stored(name: str, filename: str) -> FileResponse:
    return private_file_response(name, filename=filename, content_type=PDF)


def _ascii(text: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in text)


@login_required
@require_GET
def decision_pdf(request, pk: int):
    """The decision's PDF: the stored one once issued; while a draft, the draft marked DỰ THẢO (rendered now, in
    ~0.2 s) for the signer and the officers to read before it is signed."""
    decision = decision_for(request, pk, "awards.view_awarddecision")
    if not decision.is_issued:
        response = HttpResponse(decision_draft_pdf(decision=decision), content_type=PDF)
        response["Content-Disposition"] = f'inline; filename="QD-du-thao-{decision.pk}.pdf"'
        return response
    document = getattr(decision, "document", None)
    if document is None or document.status != RenderStatus.DONE:
        raise Http404
    return _stored(document.file.name, f"QD-{_ascii(decision.number_text)}.pdf")


@login_required
@require_GET
def certificate_download(request, pk: int):
    """One certificate's PDF: the issuing organisation's officers and signers, or the recipient's unit."""
    certificate = sel.certificate_get(pk=pk)
    if certificate is None or not request.user.has_perm("awards.download_certificate", certificate):
        raise Http404
    if certificate.status != RenderStatus.DONE:
        raise Http404
    return _stored(certificate.file.name, f"{certificate.serial}.pdf")


def _bundle_certificates(request, pk: int):
    decision = decision_for(request, pk, "awards.view_awarddecision")
    progress = sel.certificate_progress(decision=decision)
    if not files.decision_can_bundle(decision, progress):
        messages.warning(request, _("The files can be downloaded when every certificate has been generated."))
        return decision, None
    return decision, list(sel.certificate_done_list(decision=decision))


@login_required
@require_GET
def decision_certificates_pdf(request, pk: int):
    """All certificates in one PDF for printing (the stored files concatenated)."""
    decision, certificates = _bundle_certificates(request, pk)
    if certificates is None:
        return redirect("awards:decision-detail", pk=decision.pk)
    output, _pages = files.certificates_merged(certificates=certificates)
    name = f"GCN-{_ascii(decision.number_text)}.pdf"
    return FileResponse(output, as_attachment=True, filename=name, content_type=PDF)


@login_required
@require_GET
def decision_certificates_zip(request, pk: int):
    decision, certificates = _bundle_certificates(request, pk)
    if certificates is None:
        return redirect("awards:decision-detail", pk=decision.pk)
    output = files.certificates_zip(certificates=certificates)
    name = f"GCN-{_ascii(decision.number_text)}.zip"
    return FileResponse(output, as_attachment=True, filename=name, content_type="application/zip")


@login_required
@require_GET
def certificate_overlay(request, pk: int):
    """One certificate's text only, positioned by a blank template's calibration (for pre-printed blanks)."""
    decision = decision_for(request, pk, "awards.view_awarddecision")
    if not decision.is_issued or decision.kind == DecisionKind.REVOCATION:
        raise Http404
    lines = sel.decision_recipient_list(decision=decision)
    choices = [(line.certificate.pk, line.recipient_name) for line in lines if hasattr(line, "certificate")]
    templates = sel.template_list_for_decision(decision=decision)
    form = OverlayForm(request.GET or None, certificates=choices, templates=templates)
    if not form.is_valid():
        messages.error(request, _("Choose a certificate and a blank template."))
        return redirect("awards:decision-detail", pk=decision.pk)
    certificate = sel.certificate_get(pk=form.cleaned_data["certificate"])
    template = form.cleaned_data["template"]
    try:
        pdf = files.certificate_overlay_pdf(certificate=certificate, template=template)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("awards:decision-detail", pk=decision.pk)
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}-phoi.pdf"'
    return response


@login_required
@require_GET
def certificatetemplate_list(request):
    context = paginate(request, sel.template_list_for_user(request.user))
    context["can_create"] = _officer_organizations(request.user).exists()
    return render(request, "awards/decisions/certificatetemplate_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def certificatetemplate_edit(request, pk: int | None = None):
    """Create or calibrate a blank template (field positions in millimetres, validated)."""
    organizations = _officer_organizations(request.user)
    template = None
    if pk is not None:
        template = get_object_or_404(sel.template_list_for_user(request.user), pk=pk)
        if not request.user.has_perm("awards.change_certificatetemplate", template):
            raise PermissionDenied
    elif not organizations.exists():
        raise PermissionDenied
    form = CertificateTemplateForm(request.POST or None, instance=template, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            files.certificate_template_save(
                template=template,
                organization=data.get("organization"),
                name=data["name"],
                calibration=data["calibration"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The blank template was saved."))
            return redirect("awards:certificatetemplate-list")
    return render(request, "awards/decisions/certificatetemplate_form.html", {"form": form, "template": template})
