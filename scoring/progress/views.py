"""The progress dashboard of a campaign's phase: figures, per bloc and per unit, the .xlsx export, reminders.

Only the launching organisation's (or a higher one's) officers, admins and reviewers see it: anyone else gets 404,
even when they see the campaign. Reminding is the officers' and admins' (a reviewer gets 403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from campaigns.access import campaign_for
from campaigns.models import Campaign, Phase
from scoring.progress import selectors as sel
from scoring.progress import services
from scoring.progress.forms import ProgressFilterForm, RemindForm
from scoring.progress.workbook import progress_workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 100


def _campaign(request, pk: int) -> Campaign:
    campaign = campaign_for(request, pk)
    if not sel.may_view_progress(request.user, campaign):
        raise Http404
    return campaign


def _phase(campaign: Campaign, phase_id: int | None) -> tuple[Phase | None, list[Phase]]:
    phases = list(campaign.phases.order_by("position", "pk"))
    chosen = next((p for p in phases if p.pk == phase_id), None)
    return chosen or sel.current_phase(campaign, phases), phases


def _filtered(request, campaign: Campaign):
    filters = ProgressFilterForm(request.GET).filters()
    phase, phases = _phase(campaign, filters.get("phase"))
    rows = sel.progress_rows(campaign=campaign, phase=phase) if phase is not None else []
    shown = sel.progress_filter(rows, state=filters.get("state") or "", bloc=filters.get("bloc"),
                                search=filters.get("q") or "")  # fmt: skip
    return filters, phase, phases, rows, shown


@login_required
@require_GET
def progress_dashboard(request, pk: int):
    campaign = _campaign(request, pk)
    filters, phase, phases, rows, shown = _filtered(request, campaign)
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "campaign": campaign,
        "phase": phase,
        "phases": phases,
        "filters": filters,
        "states": sel.FILTERS,
        "counts": sel.progress_counts(rows),
        "blocs": sel.progress_by_bloc(rows),
        "bloc_choices": sorted({(r.bloc_id, r.bloc_name) for r in rows if r.bloc_id}, key=lambda b: b[1]),
        "page_obj": page,
        "query_string": urlencode(query),
        "export_url": reverse("scoring:progress-export", args=[campaign.pk])
        + (f"?{urlencode(query)}" if query else ""),
        "can_remind": sel.may_remind(request.user, campaign),
        "remind_form": RemindForm(),
    }
    return render(request, "scoring/progress_dashboard.html", context)


@login_required
@require_GET
def progress_export(request, pk: int):
    campaign = _campaign(request, pk)
    _filters, phase, _phases, _rows, shown = _filtered(request, campaign)
    if phase is None:
        raise Http404
    response = HttpResponse(
        progress_workbook(campaign=campaign, phase=phase, rows=shown), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="progress-{campaign.pk}-{phase.pk}.xlsx"'
    return response


@login_required
@require_POST
def progress_remind(request, pk: int):
    """Remind one participant, or every late one; back to the dashboard with how many were reminded."""
    campaign = _campaign(request, pk)
    if not sel.may_remind(request.user, campaign):
        raise PermissionDenied
    url = reverse("scoring:progress-dashboard", args=[campaign.pk])
    form = RemindForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a phase and a participant to remind."))
        return redirect(url)
    phase = campaign.phases.filter(pk=form.cleaned_data["phase"]).first()
    if phase is None:
        raise Http404
    one = form.cleaned_data.get("participant")
    try:
        reminders = services.progress_remind(
            campaign=campaign, phase=phase, actor=request.user, participant_ids=[one] if one else None,
            note=form.cleaned_data["note"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{url}?phase={phase.pk}")
    if reminders:
        messages.success(request, _("Reminder sent to %(count)d participants.") % {"count": len(reminders)})
    else:
        messages.warning(request, _("Nobody to remind: every chosen participant has already handed in."))
    return redirect(f"{url}?phase={phase.pk}")
