"""The audit log page: lines within the viewer's reach, filtered by organisation, object, user and dates."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from organizations import selectors
from organizations.enums import Role
from organizations.forms import AuditFilterForm
from organizations.models import Organization
from organizations.reach import reach_for
from organizations.views.common import paginate

FILTERS = ("organization", "object_type", "object_id", "actor", "since", "until")


@login_required
@require_GET
def audit_list(request):
    if not selectors.audit_may_view(request.user):
        raise Http404
    reach = reach_for(request.user)
    organizations = Organization.objects.filter(reach.below_q(Role.ADMIN, Role.OFFICER)).order_by("path")
    in_reach = selectors.audit_list_for_user(request.user)
    object_types = in_reach.order_by("object_type").values_list("object_type", flat=True).distinct()
    form = AuditFilterForm(request.GET or None, organizations=organizations, object_types=list(object_types))
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {name: form.cleaned_data[name] for name in FILTERS if form.cleaned_data.get(name)}
    queryset = selectors.audit_list_for_user(request.user, **filters)
    context = paginate(request, queryset) | {"form": form, "filtered": bool(filters)}
    return render(request, "organizations/auditentry_list.html", context)
