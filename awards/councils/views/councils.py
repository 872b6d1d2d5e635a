"""Council pages: the list, create and edit a council, its members (add, edit, deactivate) and its sessions.

A council outside the user's reach is 404; a visible council the user may not manage is 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awards.councils import selectors as sel
from awards.councils.forms import CouncilForm, MemberForm
from awards.councils.permissions import seats_forget
from awards.councils.services import councils as svc
from common.forms import add_service_errors
from organizations.selectors import organization_choices_for_officer
from organizations.views.common import paginate, search_term

FORM = "awards/councils/council_form.html"


def council_for(request, pk: int, *, perm: str | None = None):
    """The council ``pk`` if the user may see it (else 404), and holds ``perm`` on it when given (else 403)."""
    council = sel.council_get_for_user(request.user, pk=pk)
    if council is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, council):
        raise PermissionDenied
    return council


@login_required
@require_GET
def council_list(request):
    query = search_term(request)
    context = paginate(request, sel.council_list_for_user(request.user, search=query)) | {
        "q": query,
        "can_create": organization_choices_for_officer(request.user).exists(),
    }
    return render(request, "awards/councils/council_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request):
    choices = organization_choices_for_officer(request.user)
    if not choices.exists():
        raise PermissionDenied
    form = CouncilForm(request.POST or None, organization_choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            council = svc.council_create(
                organization=form.cleaned_data["organization"], name=form.cleaned_data["name"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The council was created. Add its members next."))
            return redirect("awards:council-detail", pk=council.pk)
    return render(request, FORM, {"form": form, "council": None})


@login_required
@require_http_methods(["GET", "POST"])
def council_update(request, pk: int):
    council = council_for(request, pk, perm="awards.change_council")
    form = CouncilForm(request.POST or None, instance=council)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            svc.council_update(council=council, name=data["name"], is_active=data["is_active"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The council was saved."))
            return redirect("awards:council-detail", pk=council.pk)
    return render(request, FORM, {"form": form, "council": council})


@login_required
@require_GET
def council_detail(request, pk: int):
    """Members and sessions (paginated) of one council."""
    council = council_for(request, pk, perm="awards.view_council")
    context = paginate(request, sel.session_list(council)) | {
        "council": council,
        "members": list(sel.council_member_list(council)),
        "can_manage": request.user.has_perm("awards.change_council", council),
        "can_add_session": request.user.has_perm("awards.add_councilsession", council),
    }
    return render(request, "awards/councils/council_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk: int):
    council = council_for(request, pk, perm="awards.change_council")
    form = MemberForm(request.POST or None, user_choices=sel.member_user_choices(council))
    if request.method == "POST" and form.is_valid():
        try:
            member = svc.member_add(council=council, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            seats_forget(request.user)
            messages.success(request, _("%(name)s now sits on the council.") % {"name": member.full_name})
            return redirect("awards:council-detail", pk=council.pk)
    return render(request, "awards/councils/member_form.html", {"form": form, "council": council, "member": None})


def _member(council, member_pk: int):
    return get_object_or_404(council.members.select_related("user"), pk=member_pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_update(request, pk: int, member_pk: int):
    council = council_for(request, pk, perm="awards.change_council")
    member = _member(council, member_pk)
    form = MemberForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            svc.member_update(member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The member was saved."))
            return redirect("awards:council-detail", pk=council.pk)
    return render(request, "awards/councils/member_form.html", {"form": form, "council": council, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def member_deactivate(request, pk: int, member_pk: int):
    """Confirmation page, then the member leaves the council."""
    council = council_for(request, pk, perm="awards.change_council")
    member = _member(council, member_pk)
    if request.method == "POST":
        try:
            svc.member_deactivate(member=member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s no longer sits on the council.") % {"name": member.full_name})
        return redirect("awards:council-detail", pk=council.pk)
    return render(request, "awards/councils/member_confirm_deactivate.html", {"council": council, "member": member})
