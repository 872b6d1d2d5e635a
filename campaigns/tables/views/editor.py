"""The htmx table editor: groups nested to any depth, criteria with their method settings, rule lines.

Each inline form is a fragment of its page (``#form``); a saved change answers the whole editor fragment so the
sums of standard points stay live. Campaigns out of reach are 404, edits need ``campaigns.change_campaign`` (403),
and the services refuse them once the campaign left the draft state.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.access import campaign_for
from campaigns.models import Criterion, CriterionGroup, CriterionRule
from campaigns.tables import selectors as sel
from campaigns.tables import services as svc
from campaigns.tables.forms import CriterionForm, GroupForm, RuleForm, TableForm
from campaigns.tables.views.base import (
    DETAIL,
    DIRECTIONS,
    MANAGE,
    apply_then_editor,
    editor,
    editor_context,
    posted_initial,
    table_of,
    url,
)
from common.forms import add_service_errors


@login_required
@require_GET
def table_detail(request, pk: int, table_pk: int):
    """The editor page; with htmx only its editor fragment (used by "Cancel" in inline forms)."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = table_of(campaign, table_pk)
    context = editor_context(campaign, table)
    if request.htmx:
        return render(request, f"{DETAIL}#editor", context)
    context["settings_form"] = TableForm(instance=table, action=url("table-update", campaign, table.pk))
    return render(request, DETAIL, context)


# --- groups -------------------------------------------------------------------------------------------------


def _group_form_response(request, campaign, table, form, group=None):
    template = "campaigns/scoringtable_group_form.html"
    context = {"campaign": campaign, "table": table, "form": form, "group": group}
    return render(request, f"{template}#form" if request.htmx else template, context)


def _save_group(request, campaign, table, form, group=None):
    if request.method == "POST" and form.is_valid():
        parent_pk = form.cleaned_data.pop("parent")
        parent = get_object_or_404(CriterionGroup, pk=parent_pk, table=table) if parent_pk else None
        try:
            svc.group_save(table=table, group=group, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return editor(request, campaign, table.pk)
    return _group_form_response(request, campaign, table, form, group)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request, pk: int, table_pk: int):
    """Add a group at the top level or, with ``?parent=<pk>`` (or the form's choice), inside another group."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = table_of(campaign, table_pk)
    initial = {"parent": request.GET.get("parent", "")}
    key = f"in{initial['parent']}" if request.method == "GET" else "new"
    action = url("table-group-create", campaign, table.pk)
    form = GroupForm(request.POST or None, initial=initial, action=action, key=key, groups=sel.group_choices(table))
    return _save_group(request, campaign, table, form)


@login_required
@require_http_methods(["GET", "POST"])
def group_update(request, pk: int, table_pk: int, group_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = table_of(campaign, table_pk)
    group = get_object_or_404(CriterionGroup, pk=group_pk, table=table)
    action = url("table-group-update", campaign, table.pk, group.pk)
    groups = sel.group_choices(table)
    form = GroupForm(request.POST or None, instance=group, action=action, key=str(group.pk), groups=groups)
    return _save_group(request, campaign, table, form, group)


@login_required
@require_POST
def group_delete(request, pk: int, table_pk: int, group_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    group = get_object_or_404(CriterionGroup, pk=group_pk, table__campaign=campaign, table_id=table_pk)
    return apply_then_editor(request, campaign, table_pk, lambda: svc.group_delete(group=group))


@login_required
@require_POST
def group_move(request, pk: int, table_pk: int, group_pk: int, direction: str):
    campaign = campaign_for(request, pk, perm=MANAGE)
    group = get_object_or_404(CriterionGroup, pk=group_pk, table__campaign=campaign, table_id=table_pk)
    if direction not in DIRECTIONS:
        raise Http404
    return apply_then_editor(request, campaign, table_pk, lambda: svc.group_move(group=group, direction=direction))


# --- criteria -----------------------------------------------------------------------------------------------


def _criterion_form(request, *, instance=None, action: str, key: str) -> CriterionForm:
    """The bound form; after an "add a row" button, the form given back unbound with one more row."""
    if request.method == "POST" and request.POST.get("add"):
        initial = posted_initial(request.POST, CriterionForm)
        return CriterionForm(initial=initial, instance=instance, action=action, key=key, add=request.POST["add"])
    return CriterionForm(request.POST or None, instance=instance, action=action, key=key)


def _save_criterion(request, campaign, table, form, *, group, criterion=None):
    if form.is_bound and form.is_valid():
        try:
            svc.criterion_save(table=table, group=group, criterion=criterion, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return editor(request, campaign, table.pk)
    template = "campaigns/scoringtable_criterion_form.html"
    context = {"campaign": campaign, "table": table, "form": form, "group": group, "criterion": criterion}
    return render(request, f"{template}#form" if request.htmx else template, context)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_create(request, pk: int, table_pk: int, group_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = table_of(campaign, table_pk)
    group = get_object_or_404(CriterionGroup, pk=group_pk, table=table)
    action = url("table-criterion-create", campaign, table.pk, group.pk)
    form = _criterion_form(request, action=action, key=f"new{group.pk}")
    return _save_criterion(request, campaign, table, form, group=group)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_update(request, pk: int, table_pk: int, criterion_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = table_of(campaign, table_pk)
    criterion = get_object_or_404(Criterion.objects.select_related("group"), pk=criterion_pk, table=table)
    action = url("table-criterion-update", campaign, table.pk, criterion.pk)
    form = _criterion_form(request, instance=criterion, action=action, key=str(criterion.pk))
    return _save_criterion(request, campaign, table, form, group=criterion.group, criterion=criterion)


@login_required
@require_POST
def criterion_delete(request, pk: int, table_pk: int, criterion_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, table__campaign=campaign, table_id=table_pk)
    return apply_then_editor(request, campaign, table_pk, lambda: svc.criterion_delete(criterion=criterion))


@login_required
@require_POST
def criterion_move(request, pk: int, table_pk: int, criterion_pk: int, direction: str):
    campaign = campaign_for(request, pk, perm=MANAGE)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, table__campaign=campaign, table_id=table_pk)
    if direction not in DIRECTIONS:
        raise Http404
    return apply_then_editor(
        request, campaign, table_pk, lambda: svc.criterion_move(criterion=criterion, direction=direction)
    )


# --- rule lines ---------------------------------------------------------------------------------------------


def _save_rule(request, campaign, table, form, *, criterion, rule=None):
    if request.method == "POST" and form.is_valid():
        try:
            svc.rule_save(criterion=criterion, rule=rule, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return editor(request, campaign, table.pk)
    template = "campaigns/scoringtable_rule_form.html"
    context = {"campaign": campaign, "table": table, "form": form, "criterion": criterion, "rule": rule}
    return render(request, f"{template}#form" if request.htmx else template, context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_create(request, pk: int, table_pk: int, criterion_pk: int):
    """Add a rule line (Thưởng / Trừ / điều kiện xếp loại) under a criterion."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = table_of(campaign, table_pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, table=table)
    action = url("table-rule-create", campaign, table.pk, criterion.pk)
    form = RuleForm(request.POST or None, action=action, key=f"new{criterion.pk}")
    return _save_rule(request, campaign, table, form, criterion=criterion)


def _rule(table, rule_pk: int) -> CriterionRule:
    return get_object_or_404(CriterionRule.objects.select_related("criterion"), pk=rule_pk, criterion__table=table)


@login_required
@require_http_methods(["GET", "POST"])
def rule_update(request, pk: int, table_pk: int, rule_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = table_of(campaign, table_pk)
    rule = _rule(table, rule_pk)
    action = url("table-rule-update", campaign, table.pk, rule.pk)
    form = RuleForm(request.POST or None, instance=rule, action=action, key=str(rule.pk))
    return _save_rule(request, campaign, table, form, criterion=rule.criterion, rule=rule)


@login_required
@require_POST
def rule_delete(request, pk: int, table_pk: int, rule_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    rule = _rule(table_of(campaign, table_pk), rule_pk)
    return apply_then_editor(request, campaign, table_pk, lambda: svc.rule_delete(rule=rule))


@login_required
@require_POST
def rule_move(request, pk: int, table_pk: int, rule_pk: int, direction: str):
    campaign = campaign_for(request, pk, perm=MANAGE)
    rule = _rule(table_of(campaign, table_pk), rule_pk)
    if direction not in DIRECTIONS:
        raise Http404
    return apply_then_editor(request, campaign, table_pk, lambda: svc.rule_move(rule=rule, direction=direction))
