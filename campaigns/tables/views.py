"""Scoring table and tier pages: overview, the htmx editor (groups, criteria, running total), preview,
Excel export / import, and the tier editor. Campaigns out of reach are 404; edits need
``campaigns.change_campaign`` (403), and the services refuse them once the campaign left the draft state."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from campaigns.access import campaign_for
from campaigns.models import Criterion, CriterionGroup
from campaigns.tables import selectors as sel
from campaigns.tables import services as svc
from campaigns.tables.forms import CriterionForm, GroupForm, TableForm, TableImportForm, TierFormSet
from campaigns.tables.workbook import table_export, table_import
from common.forms import add_service_errors

MANAGE = "campaigns.change_campaign"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DETAIL = "campaigns/scoringtable_detail.html"
DIRECTIONS = ("up", "down")


def _table(campaign, table_pk: int):
    return get_object_or_404(sel.table_list(campaign=campaign), pk=table_pk)


def _apply_then_editor(request, campaign, table_pk: int, action) -> HttpResponse:
    """Run one editor action; re-render the editor, with the service's refusal shown if there was one."""
    try:
        action()
    except ValidationError as error:
        return _editor(request, campaign, table_pk, error=" ".join(error.messages))
    return _editor(request, campaign, table_pk)


def _url(name: str, campaign, *args) -> str:
    return reverse(f"campaigns:{name}", args=[campaign.pk, *args])


def _editor_context(request, campaign, table, *, error: str = "") -> dict:
    return {
        "campaign": campaign,
        "table": table,
        "can_edit": campaign.is_draft,
        "group_form": GroupForm(action=_url("table-group-create", campaign, table.pk)),
        "error": error,
    }


def _editor(request, campaign, table_pk: int, *, error: str = ""):
    """After a change: the editor fragment (fresh rows and totals) for htmx, else back to the page."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("campaigns:table-detail", pk=campaign.pk, table_pk=table_pk)
    context = _editor_context(request, campaign, _table(campaign, table_pk), error=error)
    response = render(request, f"{DETAIL}#editor", context)
    return reswap(retarget(response, "#table-editor"), "outerHTML")


# --- tables -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def table_list(request, pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    tables = list(sel.table_totals(campaign=campaign))
    free = [k for k in svc.SCOPE_KINDS[campaign.participant_scope] if k not in {t.participant_kind for t in tables}]
    context = {
        "campaign": campaign,
        "tables": tables,
        "tiers": sel.tier_list(campaign=campaign),
        "problems": svc.campaign_table_problems(campaign),
        "can_edit": campaign.is_draft,
        "form": TableForm(action=_url("table-create", campaign), kinds=free) if free else None,
    }
    return render(request, "campaigns/scoringtable_list.html", context)


@login_required
@require_POST
def table_create(request, pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    form = TableForm(request.POST, kinds=svc.SCOPE_KINDS[campaign.participant_scope])
    if form.is_valid():
        try:
            table = svc.table_create(campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The scoring table was created. Add its groups and criteria."))
            return redirect("campaigns:table-detail", pk=campaign.pk, table_pk=table.pk)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("campaigns:table-list", pk=campaign.pk)


@login_required
@require_GET
def table_detail(request, pk: int, table_pk: int):
    """The editor page; with htmx only its editor fragment (used by "Cancel" in inline forms)."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = _table(campaign, table_pk)
    context = _editor_context(request, campaign, table)
    if request.htmx:
        return render(request, f"{DETAIL}#editor", context)
    context["settings_form"] = TableForm(instance=table, action=_url("table-update", campaign, table.pk))
    return render(request, DETAIL, context)


@login_required
@require_POST
def table_update(request, pk: int, table_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = _table(campaign, table_pk)
    form = TableForm(request.POST, instance=table, action=_url("table-update", campaign, table.pk))
    if form.is_valid():
        try:
            svc.table_update(table=table, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes were saved."))
            return redirect("campaigns:table-detail", pk=campaign.pk, table_pk=table.pk)
    table = _table(campaign, table_pk)  # the form changed the instance in memory
    context = _editor_context(request, campaign, table) | {"settings_form": form}
    return render(request, DETAIL, context)


@login_required
@require_POST
def table_delete(request, pk: int, table_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    try:
        svc.table_delete(table=_table(campaign, table_pk))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The scoring table was deleted."))
    return redirect("campaigns:table-list", pk=campaign.pk)


@login_required
@require_GET
def table_preview(request, pk: int, table_pk: int):
    """The table exactly as a participating unit sees it; anyone who sees the campaign may look."""
    campaign = campaign_for(request, pk)
    table = _table(campaign, table_pk)
    context = {"campaign": campaign, "preview": sel.table_preview(table), "tiers": sel.tier_list(campaign=campaign)}
    return render(request, "campaigns/scoringtable_preview.html", context)


@login_required
@require_GET
def table_export_view(request, pk: int, table_pk: int):
    campaign = campaign_for(request, pk)
    table = _table(campaign, table_pk)
    response = HttpResponse(table_export(table=table), content_type=XLSX_CONTENT_TYPE)
    name = f"bang-cham-diem-{campaign.pk}-{table.participant_kind}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def table_import_view(request, pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    kinds = svc.SCOPE_KINDS[campaign.participant_scope]
    form = TableImportForm(
        request.POST or None, request.FILES or None, action=_url("table-import", campaign), kinds=kinds
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = table_import(
                campaign=campaign, participant_kind=form.cleaned_data["participant_kind"], content=upload.read()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The scoring table was imported."))
            return redirect("campaigns:table-detail", pk=campaign.pk, table_pk=table.pk)
    status = 400 if request.method == "POST" else 200  # the file was refused
    return render(request, "campaigns/scoringtable_import.html", {"campaign": campaign, "form": form}, status=status)


# --- groups -------------------------------------------------------------------------------------------------


def _group_form_response(request, campaign, table, form, group=None):
    template = "campaigns/scoringtable_group_form.html"
    context = {"campaign": campaign, "table": table, "form": form, "group": group}
    return render(request, f"{template}#form" if request.htmx else template, context)


@login_required
@require_POST
def group_create(request, pk: int, table_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = _table(campaign, table_pk)
    form = GroupForm(request.POST, action=_url("table-group-create", campaign, table.pk))
    if form.is_valid():
        try:
            svc.group_save(table=table, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _editor(request, campaign, table.pk)
    return _group_form_response(request, campaign, table, form)


@login_required
@require_http_methods(["GET", "POST"])
def group_update(request, pk: int, table_pk: int, group_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = _table(campaign, table_pk)
    group = get_object_or_404(CriterionGroup, pk=group_pk, table=table)
    action = _url("table-group-update", campaign, table.pk, group.pk)
    form = GroupForm(request.POST or None, instance=group, action=action, key=str(group.pk))
    if request.method == "POST" and form.is_valid():
        try:
            svc.group_save(table=table, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _editor(request, campaign, table.pk)
    return _group_form_response(request, campaign, table, form, group)


@login_required
@require_POST
def group_delete(request, pk: int, table_pk: int, group_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    group = get_object_or_404(CriterionGroup, pk=group_pk, table__campaign=campaign, table_id=table_pk)
    return _apply_then_editor(request, campaign, table_pk, lambda: svc.group_delete(group=group))


@login_required
@require_POST
def group_move(request, pk: int, table_pk: int, group_pk: int, direction: str):
    campaign = campaign_for(request, pk, perm=MANAGE)
    group = get_object_or_404(CriterionGroup, pk=group_pk, table__campaign=campaign, table_id=table_pk)
    if direction not in DIRECTIONS:
        raise Http404
    return _apply_then_editor(request, campaign, table_pk, lambda: svc.group_move(group=group, direction=direction))


# --- criteria -----------------------------------------------------------------------------------------------


def _criterion_form_response(request, campaign, table, form, *, group, criterion=None):
    template = "campaigns/scoringtable_criterion_form.html"
    context = {"campaign": campaign, "table": table, "form": form, "group": group, "criterion": criterion}
    return render(request, f"{template}#form" if request.htmx else template, context)


def _save_criterion(request, campaign, table, form, *, group, criterion=None):
    if request.method == "POST" and form.is_valid():
        try:
            svc.criterion_save(table=table, group=group, criterion=criterion, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _editor(request, campaign, table.pk)
    return _criterion_form_response(request, campaign, table, form, group=group, criterion=criterion)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_create(request, pk: int, table_pk: int, group_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = _table(campaign, table_pk)
    group = get_object_or_404(CriterionGroup, pk=group_pk, table=table)
    action = _url("table-criterion-create", campaign, table.pk, group.pk)
    form = CriterionForm(request.POST or None, action=action, key=f"new{group.pk}")
    return _save_criterion(request, campaign, table, form, group=group)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_update(request, pk: int, table_pk: int, criterion_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = _table(campaign, table_pk)
    criterion = get_object_or_404(Criterion.objects.select_related("group"), pk=criterion_pk, table=table)
    action = _url("table-criterion-update", campaign, table.pk, criterion.pk)
    form = CriterionForm(request.POST or None, instance=criterion, action=action, key=str(criterion.pk))
    return _save_criterion(request, campaign, table, form, group=criterion.group, criterion=criterion)


@login_required
@require_POST
def criterion_delete(request, pk: int, table_pk: int, criterion_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, table__campaign=campaign, table_id=table_pk)
    return _apply_then_editor(request, campaign, table_pk, lambda: svc.criterion_delete(criterion=criterion))


@login_required
@require_POST
def criterion_move(request, pk: int, table_pk: int, criterion_pk: int, direction: str):
    campaign = campaign_for(request, pk, perm=MANAGE)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, table__campaign=campaign, table_id=table_pk)
    if direction not in DIRECTIONS:
        raise Http404
    return _apply_then_editor(
        request, campaign, table_pk, lambda: svc.criterion_move(criterion=criterion, direction=direction)
    )


# --- tiers --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tier_list(request, pk: int):
    """All tiers in one form, best first; saving replaces them as a whole (validated together)."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    if request.method == "POST":  # no initial: a row equal to it would count as unchanged and be dropped
        formset = TierFormSet(request.POST, prefix="tiers")
    else:
        initial = [{"name": t.name, "lower_bound": t.lower_bound} for t in sel.tier_list(campaign=campaign)]
        formset = TierFormSet(initial=initial, prefix="tiers")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows = [
            (f.cleaned_data["name"], f.cleaned_data["lower_bound"])
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            svc.tiers_replace(campaign=campaign, tiers=rows)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The tiers were saved."))
            return redirect("campaigns:tier-list", pk=campaign.pk)
    context = {"campaign": campaign, "formset": formset, "errors": errors, "can_edit": campaign.is_draft}
    return render(request, "campaigns/tier_list.html", context)
