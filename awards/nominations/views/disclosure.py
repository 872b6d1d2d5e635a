"""Public disclosure pages (công khai): a campaign's windows, publishing one, reading it and commenting.

Everyone who can see the campaign (its officers, the participating units' users) reads a disclosure and may comment
while it is open; the officers publish and record comments received on paper.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.nominations import selectors as sel
from awards.nominations.access import MANAGE, officer_campaign
from awards.nominations.forms import CommentForm, PublishForm
from awards.nominations.services import disclosure as svc
from campaigns.access import campaign_for
from common.forms import add_service_errors
from organizations.views.common import paginate

PUBLISH = "awards.publish_publicdisclosure"


@login_required
@require_GET
def disclosure_list(request, campaign_pk: int):
    campaign = campaign_for(request, campaign_pk)
    context = {
        "campaign": campaign,
        "can_publish": request.user.has_perm(PUBLISH, campaign),
        "now": timezone.now(),
        **paginate(request, sel.disclosure_list(campaign=campaign)),
    }
    return render(request, "awards/disclosures/disclosure_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_create(request, campaign_pk: int):
    """GET: what would be published and for how long; POST: publish."""
    campaign = officer_campaign(request, campaign_pk)
    candidates = list(sel.disclosure_candidates(campaign=campaign))
    days = max((n.plan.award_type.disclosure_days for n in candidates), default=0) or 1
    action = reverse("awards:disclosure-create", args=[campaign.pk])
    form = PublishForm(request.POST or None, initial={"days": days}, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = svc.disclosure_publish(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The nominations were published for comments."))
            return redirect("awards:disclosure-detail", campaign_pk=campaign.pk, pk=disclosure.pk)
    context = {"campaign": campaign, "candidates": candidates, "form": form}
    return render(request, "awards/disclosures/disclosure_form.html", context)


def _disclosure(request, campaign_pk: int, pk: int):
    campaign = campaign_for(request, campaign_pk)
    disclosure = sel.disclosure_get(campaign=campaign, pk=pk)
    if disclosure is None:
        raise Http404
    return campaign, disclosure


def _forms(request, campaign, disclosure, *, own=None, paper=None) -> dict:
    now = timezone.now()
    is_open = disclosure.starts_at <= now < disclosure.ends_at
    is_officer = request.user.has_perm(MANAGE, campaign)
    nominations = disclosure.nominations.all()
    args = [campaign.pk, disclosure.pk]
    if is_open and own is None:
        own = CommentForm(
            nominations=nominations, on_paper=False, action=reverse("awards:disclosure-comment", args=args)
        )
    if is_officer and disclosure.starts_at <= now and paper is None:
        paper = CommentForm(
            nominations=nominations, on_paper=True, action=reverse("awards:disclosure-comment-paper", args=args)
        )
    return {
        "campaign": campaign,
        "disclosure": disclosure,
        "is_open": is_open,
        "has_started": disclosure.starts_at <= now,
        "own_form": own if is_open else None,
        "paper_form": paper if is_officer else None,
        # Who commented is for the officers running the disclosure only, never for the nominees or other readers.
        "show_authors": is_officer,
    }


@login_required
@require_GET
def disclosure_detail(request, campaign_pk: int, pk: int):
    campaign, disclosure = _disclosure(request, campaign_pk, pk)
    return render(request, "awards/disclosures/disclosure_detail.html", _forms(request, campaign, disclosure))


def _comment(request, campaign_pk: int, pk: int, *, on_paper: bool):
    campaign, disclosure = _disclosure(request, campaign_pk, pk)
    if on_paper and not request.user.has_perm(MANAGE, campaign):
        raise PermissionDenied
    name = "awards:disclosure-comment-paper" if on_paper else "awards:disclosure-comment"
    form = CommentForm(
        request.POST,
        nominations=disclosure.nominations.all(),
        on_paper=on_paper,
        action=reverse(name, args=[campaign.pk, disclosure.pk]),
    )
    if form.is_valid():
        data = form.cleaned_data
        author = data.get("author_name") or request.user.get_full_name() or request.user.get_username()
        try:
            svc.disclosure_comment_add(
                disclosure=disclosure,
                body=data["body"],
                author_name=author,
                actor=request.user,
                nomination=data["nomination"],
                on_paper=on_paper,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The comment was recorded."))
            return redirect("awards:disclosure-detail", campaign_pk=campaign.pk, pk=disclosure.pk)
    forms = {"paper": form} if on_paper else {"own": form}
    context = _forms(request, campaign, disclosure, **forms)
    if not on_paper and context["own_form"] is None:
        context["closed_form"] = form  # the window closed meanwhile: show why
    return render(request, "awards/disclosures/disclosure_detail.html", context, status=400)


@login_required
@require_POST
def disclosure_comment(request, campaign_pk: int, pk: int):
    """A viewer's own comment, while the window is open."""
    return _comment(request, campaign_pk, pk, on_paper=False)


@login_required
@require_POST
def disclosure_comment_paper(request, campaign_pk: int, pk: int):
    """An officer records a comment received on paper, with its author's name."""
    return _comment(request, campaign_pk, pk, on_paper=True)
