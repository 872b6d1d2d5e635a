"""Catalogue pages: list with filters, detail with every version, create, edit, new version, prerequisites,
delete-or-deactivate. Everyone logged in reads; managing follows ``awards.catalogue.permissions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.catalogue import selectors as sel
from awards.catalogue import services as svc
from awards.catalogue.forms import AwardTypeForm, CatalogueFilterForm, PrerequisiteForm
from common.forms import add_service_errors
from organizations.views.common import paginate

CHANGE = "awards.change_awardtype"


def _get(pk: int):
    award_type = sel.award_type_get(pk=pk)
    if award_type is None:
        raise Http404
    return award_type


def _get_managed(request, pk: int):
    award_type = _get(pk)
    if not request.user.has_perm(CHANGE, award_type):
        raise PermissionDenied
    return award_type


@login_required
@require_GET
def catalogue_list(request):
    """The catalogue valid on a day (today by default), searchable and filtered, paginated."""
    today = timezone.localdate()
    form = CatalogueFilterForm(request.GET or None, initial={"valid_on": today})
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = sel.award_type_list(
        search=(filters.get("q") or "").strip(),
        recipient_kind=filters.get("recipient_kind", ""),
        level=filters.get("level", ""),
        category=filters.get("category", ""),
        valid_on=filters.get("valid_on") or today,
        include_closed=filters.get("include_closed", False),
    )
    context = {
        "form": form,
        "valid_on": filters.get("valid_on") or today,
        "can_add": request.user.has_perm("awards.add_awardtype"),
        **paginate(request, queryset),
    }
    return render(request, "awards/catalogue/catalogue_list.html", context)


@login_required
@require_GET
def catalogue_detail(request, pk: int):
    award_type = _get(pk)
    prerequisites = list(sel.award_type_prerequisites(award_type))
    names = sel.award_type_names_by_code(p.required_code for p in prerequisites)
    for prerequisite in prerequisites:
        prerequisite.required_name = names.get(prerequisite.required_code, "")
    can_manage = request.user.has_perm(CHANGE, award_type)
    action = reverse("awards:catalogue-prerequisite-add", args=[award_type.pk])
    context = {
        "award_type": award_type,
        "prerequisites": prerequisites,
        "versions": sel.award_type_versions(award_type),
        "can_manage": can_manage,
        "prerequisite_form": PrerequisiteForm(action=action) if can_manage else None,
    }
    return render(request, "awards/catalogue/catalogue_detail.html", context)


def _form_page(request, form, award_type, mode):
    return render(
        request, "awards/catalogue/catalogue_form.html", {"form": form, "award_type": award_type, "mode": mode}
    )


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_create(request):
    if not request.user.has_perm("awards.add_awardtype"):
        raise PermissionDenied
    form = AwardTypeForm(
        request.POST or None,
        mode="create",
        owner_choices=sel.owner_choices_for(request.user),
        allow_national=request.user.is_superuser,
        initial={"valid_from": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = data.pop("owner")
        if not request.user.has_perm("awards.add_awardtype", owner) or (
            owner is None and not request.user.is_superuser
        ):
            raise PermissionDenied
        try:
            award_type = svc.award_type_create(**data, owner=owner)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” was added to the catalogue.") % {"name": award_type.name})
            return redirect("awards:catalogue-detail", pk=award_type.pk)
    return _form_page(request, form, None, "create")


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_update(request, pk: int):
    award_type = _get_managed(request, pk)
    form = AwardTypeForm(request.POST or None, mode="update", award_type=award_type)
    if request.method == "POST" and form.is_valid():
        try:
            svc.award_type_update(award_type=award_type, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes were saved."))
            return redirect("awards:catalogue-detail", pk=award_type.pk)
    return _form_page(request, form, award_type, "update")


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_version(request, pk: int):
    """A new dated version: the current row closes the day before the new one starts."""
    award_type = _get_managed(request, pk)
    form = AwardTypeForm(request.POST or None, mode="version", award_type=award_type)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            new = svc.award_type_new_version(award_type=award_type, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The new version is valid from %(date)s; the previous one was closed the day before.")
                % {"date": new.valid_from.strftime("%d/%m/%Y")},
            )
            return redirect("awards:catalogue-detail", pk=new.pk)
    return _form_page(request, form, award_type, "version")


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_delete(request, pk: int):
    """Confirm, then delete a row nothing uses, or deactivate a used one."""
    award_type = _get_managed(request, pk)
    if request.method == "POST":
        outcome = svc.award_type_remove(award_type=award_type)
        if outcome == svc.DELETED:
            messages.success(request, _("“%(name)s” was deleted.") % {"name": award_type.name})
            return redirect("awards:catalogue-list")
        messages.warning(
            request, _("“%(name)s” is in use, so it was deactivated instead of deleted.") % {"name": award_type.name}
        )
        return redirect("awards:catalogue-detail", pk=award_type.pk)
    return render(request, "awards/catalogue/catalogue_confirm_delete.html", {"award_type": award_type})


@login_required
@require_POST
def catalogue_activate(request, pk: int):
    award_type = _get_managed(request, pk)
    svc.award_type_set_active(award_type=award_type, is_active=True)
    messages.success(request, _("“%(name)s” is active again.") % {"name": award_type.name})
    return redirect("awards:catalogue-detail", pk=award_type.pk)


@login_required
@require_POST
def catalogue_prerequisite_add(request, pk: int):
    award_type = _get_managed(request, pk)
    form = PrerequisiteForm(request.POST, action=request.path)
    if form.is_valid():
        try:
            svc.prerequisite_add(award_type=award_type, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The prerequisite was added."))
            return redirect("awards:catalogue-detail", pk=award_type.pk)
    return render(request, "awards/catalogue/prerequisite_form.html", {"award_type": award_type, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_prerequisite_remove(request, pk: int, prerequisite_pk: int):
    award_type = _get_managed(request, pk)
    prerequisite = get_object_or_404(award_type.prerequisites, pk=prerequisite_pk)
    if request.method == "POST":
        svc.prerequisite_remove(prerequisite=prerequisite)
        messages.success(request, _("The prerequisite was removed."))
        return redirect("awards:catalogue-detail", pk=award_type.pk)
    context = {"award_type": award_type, "prerequisite": prerequisite}
    return render(request, "awards/catalogue/prerequisite_confirm_remove.html", context)
