"""Ranking pages: leaderboard per phase and overall (filters, progress, charts), a participant's breakdown,
SVG charts and the .xlsx export. Campaigns whose rankings the user may not see are 404; asking for a run
needs to be an officer or reviewer of the campaign (403)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from campaigns.models import Phase
from common.converters import query_id
from scoring.enums import TieBreak
from scoring.ranking import charts
from scoring.ranking import selectors as sel
from scoring.ranking import services as svc
from scoring.ranking.workbook import ranking_workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = "scoring/ranking_list.html"
PER_PAGE = 100
CHARTS = ("distribution", "tiers")


class RankingRequestForm(forms.Form):
    phase = forms.ModelChoiceField(queryset=Phase.objects.none(), required=False)
    tie_break = forms.ChoiceField(
        choices=TieBreak.choices,
        initial=TieBreak.SHARED,
        label=gettext_lazy("Tie-break rule"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = campaign.phases.all()


def _campaign(request, pk: int):
    campaign = sel.ranking_campaign_get_for_user(request.user, pk=pk)
    if campaign is None:
        raise Http404
    return campaign


def _filters(request) -> sel.EntryFilters:
    kind = request.GET.get("kind", "")
    return sel.EntryFilters(
        bloc=query_id(request.GET, "bloc"),
        tier=request.GET.get("tier", "")[:100],
        kind=kind if kind in ("collective", "individual") else "",
    )


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _chart_svgs(run) -> dict:
    return {
        "distribution": charts.column_chart(
            _("Distribution of totals"), sel.ranking_distribution(run=run), empty_text=_("No results yet.")
        ),
        "tiers": charts.bar_chart(
            _("Participants per tier"), sel.ranking_tier_counts(run=run), empty_text=_("No results yet.")
        ),
    }


def _status_context(request, campaign, phase) -> dict:
    runs = sel.ranking_run_list(campaign=campaign, phase=phase)
    latest = runs[0] if runs else None
    return {
        "campaign": campaign,
        "phase": phase,
        "runs": runs,
        "latest": latest,
        "is_active": latest is not None and latest.status in svc.ACTIVE,
    }


@login_required
@require_GET
def ranking_list(request, pk: int, phase_pk: int | None = None):
    campaign = _campaign(request, pk)
    phase = get_object_or_404(Phase, pk=phase_pk, campaign=campaign) if phase_pk else None
    context = _status_context(request, campaign, phase)
    if request.htmx:
        watched = request.GET.get("watch", "")
        if not context["is_active"] and watched.isdigit() and context["latest"].pk == int(watched):
            return HttpResponseClientRefresh()  # the run finished: show its results
        return render(request, f"{PAGE}#status", context)
    run = sel.ranking_current(campaign=campaign, phase=phase)
    filters = _filters(request)
    page, kinds, counts = None, [], {}
    if run is not None:
        # Collectives and individuals are separate lists: the page shows one kind at a time (collectives first).
        kinds = sel.ranking_kinds(run=run)
        if kinds and filters.kind not in kinds:
            filters = sel.EntryFilters(bloc=filters.bloc, tier=filters.tier, kind=kinds[0])
        counts = sel.ranking_status_counts(run=run, kind=filters.kind) if kinds else {}
        page = Paginator(sel.ranking_entry_list(run=run, filters=filters), PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
    context.update(
        run=run,
        page=page,
        filters=filters,
        phases=list(campaign.phases.order_by("position")),
        blocs=sel.ranking_bloc_list(run=run) if run else [],
        tiers=sel.ranking_tier_names(campaign=campaign),
        kinds=kinds,
        counts=counts,
        charts=_chart_svgs(run) if run else None,
        can_request=sel.ranking_can_request(request.user, campaign),
        form=RankingRequestForm(campaign=campaign, initial={"phase": phase}),
        query_string=_query_string(request),
    )
    return render(request, PAGE, context)


@login_required
@require_POST
def ranking_request(request, pk: int):
    campaign = _campaign(request, pk)
    if not sel.ranking_can_request(request.user, campaign):
        raise PermissionDenied
    form = RankingRequestForm(request.POST, campaign=campaign)
    if not form.is_valid():
        raise Http404  # only a tampered form gets here: the choices come from the page
    phase = form.cleaned_data["phase"]
    svc.ranking_request(campaign=campaign, phase=phase, actor=request.user, tie_break=form.cleaned_data["tie_break"])
    if phase is None:
        return redirect("scoring:ranking-list", pk=campaign.pk)
    return redirect("scoring:ranking-list-phase", pk=campaign.pk, phase_pk=phase.pk)


def _run(campaign, run_pk: int):
    run = sel.ranking_run_get(campaign=campaign, pk=run_pk)
    if run is None:
        raise Http404
    return run


@login_required
@require_GET
def rankingentry_detail(request, pk: int, run_pk: int, participant_pk: int):
    campaign = _campaign(request, pk)
    run = _run(campaign, run_pk)
    entry = sel.ranking_entry_get(run=run, participant_pk=participant_pk)
    if entry is None:
        raise Http404
    scores = list(sel.ranking_points(run=run, participant_ids=[participant_pk]))
    context = {"campaign": campaign, "run": run, "entry": entry, "scores": scores}
    return render(request, "scoring/ranking_entry.html", context)


@login_required
@require_GET
def ranking_chart(request, pk: int, run_pk: int, chart: str):
    if chart not in CHARTS:
        raise Http404
    run = _run(_campaign(request, pk), run_pk)
    svg = _chart_svgs(run)[chart]
    return HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml")


@login_required
@require_GET
def ranking_export(request, pk: int, run_pk: int):
    run = _run(_campaign(request, pk), run_pk)
    response = HttpResponse(ranking_workbook(run=run), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ranking-{run.campaign_id}-{run.pk}.xlsx"'
    return response
