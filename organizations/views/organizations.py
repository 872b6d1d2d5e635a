"""Organisation tree pages: list with search, detail, create, edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.forms import add_service_errors
from common.search import results_template
from organizations import selectors, services
from organizations.enums import OrganizationKind, Role
from organizations.forms import OrganizationForm
from organizations.models import Organization
from organizations.profile import ORGANIZATION, profile_sections
from organizations.reach import reach_for
from organizations.views.common import paginate, search_term


def _get_visible(request, pk: int):
    organization = selectors.organization_get_for_user(request.user, pk=pk)
    if organization is None:
        raise Http404
    return organization


@login_required
def organization_list(request):
    query = search_term(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in OrganizationKind.values else ""
    queryset = selectors.organization_list_for_user(request.user, search=query, kind=kind)
    context = paginate(request, queryset) | {"q": query, "kind": kind, "kinds": OrganizationKind.choices}
    objects = list(context["object_list"])
    top = min((org.depth for org in objects), default=0)
    for org in objects:
        org.indent = min(org.depth - top, 5)  # indentation relative to the highest unit shown
    context["object_list"] = objects
    return render(request, results_template(request, "organizations/organization_list.html"), context)


@login_required
def organization_detail(request, pk: int):
    organization = _get_visible(request, pk)
    context = {
        "organization": organization,
        "ancestors": selectors.organization_ancestors(organization),
        "children": selectors.organization_children(organization),
        "people": selectors.person_list_for_user(request.user).filter(organization=organization)[:50],
        "blocs": organization.bloc_memberships.select_related("bloc").order_by("-bloc__year"),
        "history": organization.changes.select_related("changed_by")[:20],
        "can_edit": request.user.has_perm("organizations.change_organization", organization),
        "profile_sections": profile_sections(request, ORGANIZATION, organization),
    }
    return render(request, "organizations/organization_detail.html", context)


def _can_set_style(user, organization=None) -> bool:
    """Administrators (of the organisation, or of any when creating) and superusers choose the document style."""
    reach = reach_for(user)
    if reach.is_superuser:
        return True
    if organization is None:
        return bool(reach.ids(Role.ADMIN))
    return reach.covers(organization.path, Role.ADMIN)


def _apply_form(request, form, organization=None):
    """Hand cleaned data to the service; map service validation errors back onto the form."""
    data = dict(form.cleaned_data)
    note = data.pop("note", "")
    parent = data.pop("parent")
    try:
        if organization is None:
            return services.organization_create(parent=parent, **data)
        return services.organization_update(
            organization=organization, parent=parent, changed_by=request.user, note=note, **data
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    reach = reach_for(request.user)
    choices = selectors.organization_choices_for_officer(request.user)
    if not reach.is_superuser and not choices.exists():
        raise PermissionDenied
    initial = {"parent": request.GET.get("parent")} if request.GET.get("parent") else {}
    form = OrganizationForm(
        request.POST or None,
        initial=initial,
        parent_choices=choices,
        allow_root=reach.is_superuser,
        is_update=False,
        can_set_style=_can_set_style(request.user),
    )
    if request.method == "POST" and form.is_valid():
        organization = _apply_form(request, form)
        if organization is not None:
            messages.success(request, _("Organisation “%(name)s” was created.") % {"name": organization.name})
            return redirect("organizations:organization-detail", pk=organization.pk)
    return render(request, "organizations/organization_form.html", {"form": form, "organization": None})


@login_required
@require_http_methods(["GET", "POST"])
def organization_update(request, pk: int):
    organization = _get_visible(request, pk)
    if not request.user.has_perm("organizations.change_organization", organization):
        raise PermissionDenied
    # The current parent stays selectable even when it lies above the officer's reach.
    choices = (
        selectors.organization_choices_for_officer(request.user)
        | Organization.objects.filter(pk=organization.parent_id)
    ).exclude(path__startswith=organization.path)
    form = OrganizationForm(
        request.POST or None,
        instance=organization,
        parent_choices=choices,
        allow_root=reach_for(request.user).is_superuser or organization.parent_id is None,
        is_update=True,
        can_set_style=_can_set_style(request.user, organization),
    )
    # The ModelForm writes the new values onto the instance; the service reloads the row itself.
    if request.method == "POST" and form.is_valid() and _apply_form(request, form, organization) is not None:
        messages.success(request, _("Changes were saved."))
        return redirect("organizations:organization-detail", pk=organization.pk)
    return render(request, "organizations/organization_form.html", {"form": form, "organization": organization})
