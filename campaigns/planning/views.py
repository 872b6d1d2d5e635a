"""Campaign pages for officers: list, create, detail, edit, phases, lifecycle steps and deletion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from campaigns import selectors
from campaigns.access import campaign_for
from campaigns.enums import TRANSITIONS, CampaignStatus
from campaigns.models import Phase
from campaigns.planning import services
from campaigns.planning.forms import CampaignForm, LaunchForm, PhaseForm, TransitionForm, WindowForm
from campaigns.planning.journal import journal
from campaigns.planning.selectors import phase_list_past
from common.files import private_file_response
from common.forms import add_service_errors
from common.search import results_template
from organizations.selectors import organization_choices_for_officer
from organizations.views.common import paginate, search_term

ACTION_LABELS = {
    "launch": gettext_lazy("Launch"),
    "close_scoring": gettext_lazy("Close scoring"),
    "reopen_scoring": gettext_lazy("Reopen scoring"),
    "finalise": gettext_lazy("Finalise"),
    "archive": gettext_lazy("Archive"),
}


@login_required
def campaign_list(request):
    query, status = search_term(request), request.GET.get("status", "")
    queryset = selectors.campaign_list_for_user(request.user, search=query, status=status)
    context = paginate(request, queryset) | {"q": query, "status": status, "statuses": CampaignStatus.choices}
    return render(request, results_template(request, "campaigns/campaign_list.html"), context)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    choices = organization_choices_for_officer(request.user)
    if not choices.exists():
        raise PermissionDenied
    form = CampaignForm(request.POST or None, request.FILES or None, organization_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            campaign = services.campaign_create(created_by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft campaign was created. Add its phases next."))
            return redirect("campaigns:campaign-detail", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200  # the form was refused
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": None}, status=status)


@login_required
def campaign_detail(request, pk: int):
    campaign = campaign_for(request, pk)
    is_officer = request.user.has_perm("campaigns.transition_campaign", campaign)
    actions = [(a, ACTION_LABELS[a]) for a in TRANSITIONS.get(campaign.status, {})] if is_officer else []
    phases = list(campaign.phases.all())
    today = timezone.localdate()
    context = {
        "campaign": campaign,
        "phases": phases,
        "today": today,
        "has_past_phases": any(phase.window_closes < today for phase in phases),
        "events": journal(campaign) if is_officer else [],
        "actions": actions,
        "is_officer": is_officer,
        "can_edit": request.user.has_perm("campaigns.change_campaign", campaign),
        "can_delete": request.user.has_perm("campaigns.delete_campaign", campaign),
    }
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_update(request, pk: int):
    campaign = campaign_for(request, pk, perm="campaigns.change_campaign")
    form = CampaignForm(request.POST or None, request.FILES or None, instance=campaign, organization_choices=None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note", "")
        try:
            services.campaign_update(campaign=campaign, actor=request.user, note=note, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes were saved."))
            return redirect("campaigns:campaign-detail", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200  # the form was refused
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_transition(request, pk: int, action: str):
    """GET shows what will happen and asks for confirmation; POST performs the step.

    Launching a campaign whose phases are already over warns about them and offers to open a submission window.
    """
    campaign = campaign_for(request, pk, perm="campaigns.transition_campaign")
    if action not in ACTION_LABELS:
        raise Http404
    data = request.POST if request.method == "POST" else None
    is_launch = action == "launch" and campaign.is_draft
    past = list(phase_list_past(campaign=campaign)) if is_launch else []
    if past:
        form = LaunchForm(data, past_phases=campaign.phases.filter(pk__in=[p.pk for p in past]))
    else:
        form = TransitionForm(data)
    if data is not None and form.is_valid():
        try:
            if is_launch:
                services.campaign_launch(
                    campaign=campaign,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    open_phases=form.cleaned_data.get("open_phases") or (),
                    window_until=form.cleaned_data.get("window_until"),
                )
            else:
                services.campaign_transition(
                    campaign=campaign, action=action, actor=request.user, note=form.cleaned_data["note"]
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": ACTION_LABELS[action]})
        return redirect("campaigns:campaign-detail", pk=campaign.pk)
    context = {
        "campaign": campaign,
        "action": action,
        "action_label": ACTION_LABELS[action],
        "form": form,
        "past_phases": past,
        "warnings": services.transition_warnings(campaign=campaign, action=action),
    }
    return render(request, "campaigns/campaign_transition.html", context, status=400 if data is not None else 200)


@login_required
@require_http_methods(["GET", "POST"])
def phase_window(request, pk: int):
    """Open a submission window (today … a chosen date) for phases whose own window is already over."""
    campaign = campaign_for(request, pk, perm="campaigns.change_campaign")
    past = phase_list_past(campaign=campaign)
    form = WindowForm(request.POST or None, past_phases=past)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_windows_open(
                campaign=campaign,
                phases=form.cleaned_data["open_phases"],
                until=form.cleaned_data["window_until"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Units can hand in for these phases until the chosen date."))
            return redirect("campaigns:campaign-detail", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200  # the form was refused
    context = {"campaign": campaign, "form": form, "has_past_phases": past.exists()}
    return render(request, "campaigns/phase_window.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_delete(request, pk: int):
    campaign = campaign_for(request, pk, perm="campaigns.delete_campaign")
    if request.method == "POST":
        services.campaign_delete(campaign=campaign)
        messages.success(request, _("The draft campaign was deleted."))
        return redirect("campaigns:campaign-list")
    return render(request, "campaigns/campaign_confirm_delete.html", {"campaign": campaign})


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, pk: int, phase_pk: int | None = None):
    campaign = campaign_for(request, pk, perm="campaigns.change_campaign")
    phase = get_object_or_404(Phase, pk=phase_pk, campaign=campaign) if phase_pk else None
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_save(campaign=campaign, phase=phase, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The phase was saved."))
            return redirect("campaigns:campaign-detail", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200  # the form was refused
    context = {"form": form, "campaign": campaign, "phase": phase}
    return render(request, "campaigns/phase_form.html", context, status=status)


@login_required
def campaign_plan_document(request, pk: int):
    """The attached plan (PDF), only for those who may see the campaign; stored outside the web root."""
    campaign = campaign_for(request, pk)
    filename = f"{campaign.plan_number.replace('/', '-')}.pdf"
    return private_file_response(
        campaign.plan_document.name, filename=filename, content_type="application/pdf", as_attachment=False
    )
