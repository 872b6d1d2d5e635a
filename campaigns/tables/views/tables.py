"""Scoring tables: the overview, create / settings / delete, the preview laid out like the official document, and
the Excel workbook (export, import, and the template offered before any table exists)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.access import campaign_for
from campaigns.tables import selectors as sel
from campaigns.tables import services as svc
from campaigns.tables.forms import TableForm, TableImportForm
from campaigns.tables.views.base import DETAIL, MANAGE, editor_context, table_of, url
from campaigns.tables.workbook import table_export, table_import, table_template
from common.forms import add_service_errors

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def table_list(request, pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    tables = list(sel.table_totals(campaign=campaign))
    free = [k for k in svc.SCOPE_KINDS[campaign.participant_scope] if k not in {t.participant_kind for t in tables}]
    context = {
        "campaign": campaign,
        "tables": tables,
        "problems": svc.campaign_table_problems(campaign),
        "can_edit": campaign.is_draft,
        "form": TableForm(action=url("table-create", campaign), kinds=free) if free else None,
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
@require_POST
def table_update(request, pk: int, table_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    table = table_of(campaign, table_pk)
    form = TableForm(request.POST, instance=table, action=url("table-update", campaign, table.pk))
    if form.is_valid():
        try:
            svc.table_update(table=table, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes were saved."))
            return redirect("campaigns:table-detail", pk=campaign.pk, table_pk=table.pk)
    table = table_of(campaign, table_pk)  # the form changed the instance in memory
    return render(request, DETAIL, editor_context(campaign, table) | {"settings_form": form})


@login_required
@require_POST
def table_delete(request, pk: int, table_pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    try:
        svc.table_delete(table=table_of(campaign, table_pk))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The scoring table was deleted."))
    return redirect("campaigns:table-list", pk=campaign.pk)


@login_required
@require_GET
def table_preview(request, pk: int, table_pk: int):
    """The table as the official document shows it; anyone who sees the campaign may look."""
    campaign = campaign_for(request, pk)
    tree = sel.table_tree(table_of(campaign, table_pk))
    return render(request, "campaigns/scoringtable_preview.html", {"campaign": campaign, "tree": tree})


@login_required
@require_GET
def table_export_view(request, pk: int, table_pk: int):
    campaign = campaign_for(request, pk)
    table = table_of(campaign, table_pk)
    return _xlsx(table_export(table=table), f"bang-cham-diem-{campaign.pk}-{table.participant_kind}.xlsx")


@login_required
@require_GET
def table_template_view(request, pk: int):
    """The empty workbook to fill in (with a worked example and the instructions), offered before any table exists."""
    campaign_for(request, pk, perm=MANAGE)
    return _xlsx(table_template(), "mau-bang-cham-diem.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def table_import_view(request, pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    kinds = svc.SCOPE_KINDS[campaign.participant_scope]
    form = TableImportForm(
        request.POST or None, request.FILES or None, action=url("table-import", campaign), kinds=kinds
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
