"""Officers' pages of the public part: moderating the public's comments (with their private contact details) and
an organisation's choice of what its public page shows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.public import selectors as sel
from awards.public.forms import PublicationForm
from awards.public.services import public_comment_moderate, publication_save
from organizations.models import Organization
from organizations.rules import can_see_organization, is_officer_of
from organizations.views.common import paginate


@login_required
@require_GET
def comment_queue(request):
    comments = sel.comments_to_moderate(request.user)
    return render(request, "awards/public/comment_queue.html", paginate(request, comments))


@login_required
@require_POST
def comment_moderate(request, pk: int):
    comment = get_object_or_404(sel.comments_to_moderate(request.user), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        messages.error(request, _("Choose to accept or reject the comment."))
        return redirect("awards:public-comment-queue")
    if public_comment_moderate(comment=comment, accept=decision == "accept", actor=request.user):
        messages.success(
            request, _("The comment is accepted.") if decision == "accept" else _("The comment is rejected.")
        )
    else:
        messages.info(request, _("This comment was already moderated."))
    return redirect("awards:public-comment-queue")


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request, pk: int):
    organization = get_object_or_404(Organization, pk=pk)
    if not can_see_organization(request.user, organization):
        raise Http404
    if not is_officer_of(request.user, organization):
        raise PermissionDenied
    form = PublicationForm(
        request.POST if request.method == "POST" else None, instance=sel.publication_of(organization)
    )
    if request.method == "POST" and form.is_valid():
        publication_save(
            organization=organization,
            publish_rankings=form.cleaned_data["publish_rankings"],
            publish_decisions=form.cleaned_data["publish_decisions"],
            actor=request.user,
        )
        messages.success(request, _("Saved: the public page shows what you chose."))
        return redirect("awards:publication-edit", pk=organization.pk)
    return render(request, "awards/public/publication_form.html", {"organization": organization, "form": form})
