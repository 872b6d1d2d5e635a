"""A person's login managed by the administrators of their organisation: create it, give and remove roles with
their scope, deactivate or reactivate it, require a new password at the next login. Every change is journalled.

A person the user cannot see is 404; one they see but do not administer is 403 (organizations.manage_account).
Roles are given only within the administrator's own reach.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import add_service_errors
from organizations import selectors, services
from organizations.enums import Role
from organizations.forms import AccountCreateForm, RoleGrantForm
from organizations.models import Membership
from organizations.reach import reach_forget


def _person_managed(request, pk: int, *, with_login: bool = True):
    person = selectors.person_get_for_user(request.user, pk=pk)
    if person is None or (with_login and person.user is None):
        raise Http404
    if not request.user.has_perm("organizations.manage_account", person):
        raise PermissionDenied
    return person


def _role_form(request, person, data=None) -> RoleGrantForm:
    choices = selectors.organizations_below(request.user, Role.ADMIN)
    form = RoleGrantForm(data, organization_choices=choices)
    form.helper.form_action = reverse("organizations:person-role-add", kwargs={"pk": person.pk})
    return form


def _account_page(request, person, role_form=None, status: int = 200):
    context = {
        "person": person,
        "account": person.user,
        "settings": selectors.account_settings_get(person.user),
        "roles": selectors.account_roles(person.user),
        "events": selectors.account_events(person.user),
        "role_form": role_form or _role_form(request, person),
        "is_self": person.user_id == request.user.pk,
    }
    return render(request, "organizations/person_account.html", context, status=status)


def _back(person):
    return redirect("organizations:person-account", pk=person.pk)


@login_required
@require_GET
def person_account(request, pk: int):
    person = _person_managed(request, pk)
    return _account_page(request, person)


@login_required
@require_http_methods(["GET", "POST"])
def person_account_create(request, pk: int):
    person = _person_managed(request, pk, with_login=False)
    if person.user is not None:
        messages.info(request, _("This person already has a login."))
        return _back(person)
    form = AccountCreateForm(request.POST or None, initial={"username": (person.email or "").split("@")[0]})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_create(
                person=person,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The login “%(name)s” was created; the person must choose a new password at the first login.")
                % {"name": user.username},
            )
            return _back(person)
    return render(request, "organizations/person_account_form.html", {"person": person, "form": form})


@login_required
@require_POST
def person_role_add(request, pk: int):
    person = _person_managed(request, pk)
    form = _role_form(request, person, request.POST)
    if form.is_valid():
        try:
            services.account_role_grant(
                user=person.user,
                organization=form.cleaned_data["organization"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            reach_forget(request.user)
            messages.success(request, _("The role was given."))
            return _back(person)
    return _account_page(request, person, role_form=form)


@login_required
@require_POST
def person_role_remove(request, pk: int, membership_pk: int):
    person = _person_managed(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("organization", "user"), pk=membership_pk, user=person.user
    )
    if not selectors.organizations_below(request.user, Role.ADMIN).filter(pk=membership.organization_id).exists():
        raise PermissionDenied
    try:
        services.account_role_revoke(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role was removed."))
    return _back(person)


@login_required
@require_POST
def person_account_active(request, pk: int):
    person = _person_managed(request, pk)
    action = request.POST.get("action", "")
    if action not in {"activate", "deactivate"}:
        messages.error(request, _("Choose whether to deactivate or reactivate the login."))
        return _back(person)
    try:
        services.account_set_active(user=person.user, is_active=action == "activate", actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The login was reactivated.") if action == "activate" else _("The login was deactivated.")
        )
    return _back(person)


@login_required
@require_POST
def person_account_password(request, pk: int):
    person = _person_managed(request, pk)
    services.account_require_password_change(user=person.user, actor=request.user)
    messages.success(request, _("The person must choose a new password at the next login."))
    return _back(person)
