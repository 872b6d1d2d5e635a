"""Award plan pages: a campaign's plan lines (award, quota, minimum tier / points), add, edit, remove."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awards.nominations import selectors as sel
from awards.nominations.access import officer_campaign
from awards.nominations.forms import PlanForm
from awards.nominations.selectors import ranking_overall_current
from awards.nominations.services import plans as svc
from campaigns.models import Tier
from common.forms import add_service_errors


@login_required
@require_GET
def plan_list(request, campaign_pk: int):
    """The plan lines with their nomination counts, and what to do next."""
    campaign = officer_campaign(request, campaign_pk)
    context = {
        "campaign": campaign,
        "plans": list(sel.plan_list(campaign=campaign)),
        "ranking": ranking_overall_current(campaign=campaign),
    }
    return render(request, "awards/plans/plan_list.html", context)


def _form(request, campaign, *, plan=None):
    action = (
        reverse("awards:plan-edit", args=[campaign.pk, plan.pk])
        if plan
        else reverse("awards:plan-create", args=[campaign.pk])
    )
    initial = None
    if plan is not None:
        initial = {
            "award_type": plan.award_type,
            "quota": plan.quota,
            "minimum_tier": plan.minimum_tier,
            "minimum_points": plan.minimum_points,
            "note": plan.note,
        }
    return PlanForm(
        request.POST or None,
        initial=initial,
        award_types=sel.award_type_choices(campaign=campaign),
        tiers=Tier.objects.filter(table__campaign=campaign).order_by("table__participant_kind", "position"),
        action=action,
    )


def _save(request, campaign, *, plan=None):
    form = _form(request, campaign, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            svc.plan_save(campaign=campaign, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The award plan was saved."))
            return redirect("awards:plan-list", campaign_pk=campaign.pk)
    return render(request, "awards/plans/plan_form.html", {"campaign": campaign, "plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, campaign_pk: int):
    return _save(request, officer_campaign(request, campaign_pk))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, campaign_pk: int, pk: int):
    campaign = officer_campaign(request, campaign_pk)
    plan = sel.plan_get(campaign=campaign, pk=pk)
    if plan is None:
        raise Http404
    return _save(request, campaign, plan=plan)


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request, campaign_pk: int, pk: int):
    """GET: the confirmation; POST: remove the line (refused while it has nominations)."""
    campaign = officer_campaign(request, campaign_pk)
    plan = sel.plan_get(campaign=campaign, pk=pk)
    if plan is None:
        raise Http404
    if request.method == "POST":
        try:
            svc.plan_delete(plan=plan)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The plan line was removed."))
        return redirect("awards:plan-list", campaign_pk=campaign.pk)
    return render(request, "awards/plans/plan_confirm_delete.html", {"campaign": campaign, "plan": plan})
