"""People pages: list with search, detail, create, edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.converters import query_id
from common.search import results_template
from organizations import selectors, services
from organizations.forms import PersonForm
from organizations.profile import PERSON, profile_sections
from organizations.views.common import paginate, search_term


def _get_visible(request, pk: int):
    person = selectors.person_get_for_user(request.user, pk=pk)
    if person is None:
        raise Http404
    return person


@login_required
def person_list(request):
    query = search_term(request)
    organization = None
    organization_pk = query_id(request.GET, "organization")
    if organization_pk is not None:
        organization = selectors.organization_get_for_user(request.user, pk=organization_pk)
    queryset = selectors.person_list_for_user(request.user, search=query, organization=organization)
    context = paginate(request, queryset) | {"q": query, "organization": organization}
    return render(request, results_template(request, "organizations/person_list.html"), context)


@login_required
def person_detail(request, pk: int):
    person = _get_visible(request, pk)
    context = {
        "person": person,
        "can_edit": request.user.has_perm("organizations.change_person", person),
        "can_manage_account": request.user.has_perm("organizations.manage_account", person),
        "profile_sections": profile_sections(request, PERSON, person),
    }
    return render(request, "organizations/person_detail.html", context)


def _save(request, form, person=None):
    person = services.person_save(person=person, **form.cleaned_data)
    messages.success(request, _("“%(name)s” was saved.") % {"name": person.full_name})
    return redirect("organizations:person-detail", pk=person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    choices = selectors.organization_choices_for_officer(request.user)
    if not choices.exists():
        raise PermissionDenied
    initial = {"organization": request.GET.get("organization")} if request.GET.get("organization") else {}
    form = PersonForm(request.POST or None, initial=initial, organization_choices=choices)
    if request.method == "POST" and form.is_valid():
        return _save(request, form)
    return render(request, "organizations/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_update(request, pk: int):
    person = _get_visible(request, pk)
    if not request.user.has_perm("organizations.change_person", person):
        raise PermissionDenied
    choices = selectors.organization_choices_for_officer(request.user)
    form = PersonForm(request.POST or None, instance=person, organization_choices=choices)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, person)
    return render(request, "organizations/person_form.html", {"form": form, "person": person})
