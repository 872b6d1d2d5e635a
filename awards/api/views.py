"""Administrators' pages for API tokens: the list with a create form, and revoking a token.

An organisation's administrators (Membership role admin) manage the tokens of their organisation and of those
below it. The clear token is shown once, on the page that answers its creation, and never again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awards.api import selectors
from awards.api.forms import ApiTokenForm
from awards.api.tokens import api_token_create, api_token_revoke


def _organizations(user):
    organizations = selectors.administered_organizations(user)
    if not organizations.exists():
        raise PermissionDenied
    return organizations


@login_required
@require_http_methods(["GET", "POST"])
def apitoken_list(request):
    organizations = _organizations(request.user)
    form = ApiTokenForm(request.POST if request.method == "POST" else None, organizations=organizations)
    created = None
    if request.method == "POST" and form.is_valid():
        token, raw = api_token_create(
            organization=form.cleaned_data["organization"], name=form.cleaned_data["name"], actor=request.user
        )
        created = {"token": token, "raw": raw}
        form = ApiTokenForm(organizations=organizations)
    context = {"tokens": selectors.tokens_for(request.user), "form": form, "created": created}
    return render(request, "awards/api/apitoken_list.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def apitoken_revoke(request, pk: int):
    token = get_object_or_404(selectors.tokens_for(request.user), pk=pk)
    if api_token_revoke(token=token, actor=request.user):
        message = _("The token “%(name)s” is revoked: it no longer opens the API.") % {"name": token.name}
        messages.success(request, message)
    else:
        messages.info(request, _("This token was already revoked."))
    return redirect("awards:apitoken-list")
