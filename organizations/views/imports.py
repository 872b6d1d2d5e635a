"""Import pages: upload a file, follow its job (htmx polling), download a blank template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from organizations import selectors
from organizations.enums import ImportKind
from organizations.forms_imports import ImportForm
from organizations.imports import import_job_create, import_template_build
from organizations.views.common import paginate

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "POST"])
def import_create(request):
    if not request.user.has_perm("organizations.import_data"):
        raise PermissionDenied
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_job_create(
            kind=form.cleaned_data["kind"], file_name=upload.name, content=upload.read(), created_by=request.user
        )
        messages.success(request, _("The file was uploaded and is being checked."))
        return redirect("organizations:import-detail", pk=job.pk)
    context = {"form": form, "template_kinds": ImportKind.choices}
    context |= paginate(request, selectors.import_job_list_for_user(request.user), per_page=10)
    status = 400 if request.method == "POST" else 200  # the file was refused
    return render(request, "organizations/importjob_form.html", context, status=status)


@login_required
@require_GET
def import_detail(request, pk: int):
    job = selectors.import_job_list_for_user(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404
    template = "organizations/importjob_detail.html"
    # htmx polls this same URL while the job runs and swaps in only the status fragment.
    return render(request, f"{template}#status" if request.htmx else template, {"job": job})


@login_required
@require_GET
def import_template(request, kind: str):
    if kind not in ImportKind.values:
        raise Http404
    response = HttpResponse(import_template_build(kind=kind), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="import-template-{kind}.xlsx"'
    return response
