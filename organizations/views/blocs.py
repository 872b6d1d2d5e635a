"""Emulation blocs and clusters (khối / cụm thi đua): list and detail with member roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.converters import bounded_id
from common.search import results_template
from organizations import selectors, services
from organizations.enums import BlocRole
from organizations.forms import BlocMemberForm
from organizations.models import Organization
from organizations.views.common import paginate, search_term

MAX_YEAR = 9999  # the year column is a small integer


@login_required
def bloc_list(request):
    query = search_term(request)
    year = request.GET.get("year", "")
    number = bounded_id(year)
    queryset = selectors.bloc_list_for_user(
        request.user, search=query, year=number if number is not None and number <= MAX_YEAR else None
    )
    context = paginate(request, queryset) | {"q": query, "year": year}
    return render(request, results_template(request, "organizations/emulationbloc_list.html"), context)


@login_required
def bloc_detail(request, pk: int):
    bloc = selectors.bloc_get_for_user(request.user, pk=pk)
    if bloc is None:
        raise Http404
    can_edit = request.user.has_perm("organizations.change_emulationbloc", bloc)
    form = None
    if can_edit:
        form = BlocMemberForm(
            request.POST or None, organization_choices=Organization.objects.filter(is_active=True).order_by("path")
        )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            return _save_member(request, bloc, form)
    context = {
        "bloc": bloc,
        "members": selectors.bloc_members(bloc),
        "can_edit": can_edit,
        "form": form,
        "roles": BlocRole,
    }
    return render(request, "organizations/emulationbloc_detail.html", context)


def _save_member(request, bloc, form):
    data = form.cleaned_data
    if data.get("remove"):
        services.bloc_member_remove(bloc=bloc, organization=data["organization"])
        messages.success(request, _("“%(name)s” was removed from the bloc.") % {"name": data["organization"].name})
    else:
        try:
            services.bloc_member_set(bloc=bloc, organization=data["organization"], role=data["role"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("organizations:bloc-detail", pk=bloc.pk)
        messages.success(request, _("“%(name)s” is now in the bloc.") % {"name": data["organization"].name})
    return redirect("organizations:bloc-detail", pk=bloc.pk)
