"""The yearly statistics forms of an organisation's subtree: the page, the .xlsx and PDF files, the input page.

Officers and administrators of the organisation (or above it) see and enter them; an organisation the user cannot
see is 404, one they see without that role 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awards.models import StatisticsInput
from awards.statistics.compute import statistics_forms
from awards.statistics.files import statistics_pdf, statistics_xlsx
from awards.statistics.forms import StatisticsInputForm
from organizations.enums import Role
from organizations.models import Organization
from organizations.reach import reach_for
from organizations.rules import can_see_organization, is_officer_of

MIN_YEAR, MAX_YEAR = 1945, 2200


def _organization_for(request, pk: int, year: int) -> Organization:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    organization = get_object_or_404(Organization, pk=pk)
    if not can_see_organization(request.user, organization):
        raise Http404
    if not is_officer_of(request.user, organization):
        raise PermissionDenied
    return organization


@login_required
@require_GET
def statistics_index(request):
    reach = reach_for(request.user)
    if reach.is_superuser:
        organizations = Organization.objects.filter(is_active=True, depth=0)
    else:
        organizations = Organization.objects.filter(pk__in=reach.ids(Role.OFFICER, Role.ADMIN))
    year = timezone.localdate().year
    context = {"organizations": organizations.order_by("path")[:100], "years": [year, year - 1, year - 2]}
    return render(request, "awards/statistics/index.html", context)


@login_required
@require_GET
def statistics_detail(request, pk: int, year: int):
    organization = _organization_for(request, pk, year)
    context = {"organization": organization, "data": statistics_forms(organization, year)}
    return render(request, "awards/statistics/detail.html", context)


@login_required
@require_GET
def statistics_download(request, pk: int, year: int, fmt: str):
    organization = _organization_for(request, pk, year)
    if fmt == "xlsx":
        content, content_type = (
            statistics_xlsx(statistics_forms(organization, year)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "pdf":
        content, content_type = statistics_pdf(statistics_forms(organization, year)), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="bieu-thong-ke-tdkt-{organization.code}-{year}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def statistics_input(request, pk: int, year: int):
    organization = _organization_for(request, pk, year)
    entered = StatisticsInput.objects.filter(organization=organization, year=year).first()
    form = StatisticsInputForm(request.POST if request.method == "POST" else None, instance=entered)
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        row.organization, row.year, row.updated_by = organization, year, request.user
        row.save()
        messages.success(request, _("The numbers of %(year)s are saved.") % {"year": year})
        return redirect("awards:statistics-detail", pk=organization.pk, year=year)
    context = {"organization": organization, "year": year, "form": form}
    return render(request, "awards/statistics/input.html", context, status=400 if form.errors else 200)
