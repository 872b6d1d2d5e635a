"""The tiers (xếp loại) of each table: rows added, inserted and removed without retyping the others, saved as a
whole and validated by the engine. A table may have none: it then only ranks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns.access import campaign_for
from campaigns.tables import selectors as sel
from campaigns.tables import services as svc
from campaigns.tables.forms import TierFormSet
from campaigns.tables.views.base import MANAGE
from common.converters import bounded_id

PREFIX = "tiers"
MAX_ROWS = 30
TEMPLATE = "campaigns/tier_list.html"


def _chosen(request, tables: list):
    """The table named by ``?table=`` (404 if it is not one of the campaign's), else the first one."""
    wanted = request.GET.get("table")
    if not wanted:
        return tables[0] if tables else None
    chosen = next((t for t in tables if str(t.pk) == wanted), None)
    if chosen is None:
        raise Http404
    return chosen


def _posted_rows(data) -> list[dict]:
    """The rows as typed (nothing validated), without those marked for removal."""
    try:
        total = min(bounded_id(data.get(f"{PREFIX}-TOTAL_FORMS", 0)) or 0, MAX_ROWS)
    except ValueError:
        total = 0
    return [
        {"name": data.get(f"{PREFIX}-{i}-name", ""), "lower_bound": data.get(f"{PREFIX}-{i}-lower_bound", "")}
        for i in range(total)
        if not data.get(f"{PREFIX}-{i}-DELETE")
    ]


def _index(value: str) -> int | None:
    """A row index from a button's value (0 included); None for anything else (text, huge numbers)."""
    return 0 if value == "0" else bounded_id(value)


def _rearranged(data) -> list[dict] | None:
    """The rows after an "insert below" / "remove" / "add" button, or None when the form was saved."""
    rows = _posted_rows(data)
    blank = {"name": "", "lower_bound": ""}
    for action in ("insert", "remove"):
        index = _index(data.get(action, ""))
        if index is not None:
            if action == "insert":
                rows.insert(min(index + 1, len(rows)), blank)
            elif index < len(rows):
                rows.pop(index)
            return rows[:MAX_ROWS]
    if "append" in data:
        return [*rows, blank][:MAX_ROWS]
    return None


def _render(request, context: dict):
    return render(request, f"{TEMPLATE}#editor" if request.htmx else TEMPLATE, context)


@login_required
@require_http_methods(["GET", "POST"])
def tier_list(request, pk: int):
    """The tier editor of one of the campaign's tables (``?table=<pk>``; the first table by default)."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    tables = list(sel.table_list(campaign=campaign))
    table = _chosen(request, tables)
    context = {"campaign": campaign, "tables": tables, "table": table, "errors": [], "can_edit": campaign.is_draft}
    if table is None:
        return _render(request, context | {"formset": None})
    context["action"] = f"{reverse('campaigns:tier-list', args=[campaign.pk])}?table={table.pk}"
    rows = _rearranged(request.POST) if request.method == "POST" else None
    if rows is not None:
        return _render(request, context | {"formset": TierFormSet(initial=rows, prefix=PREFIX)})
    if request.method == "GET":
        initial = [{"name": t.name, "lower_bound": t.lower_bound} for t in sel.tier_list(table=table)]
        return _render(request, context | {"formset": TierFormSet(initial=initial, prefix=PREFIX)})
    formset = TierFormSet(request.POST, prefix=PREFIX, form_kwargs={"empty_permitted": True})
    if formset.is_valid():
        tiers = [
            (form.cleaned_data["name"], form.cleaned_data["lower_bound"])
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            svc.tiers_replace(table=table, tiers=tiers)
        except ValidationError as error:
            context["errors"] = error.messages
        else:
            messages.success(request, _("The tiers were saved."))
            return redirect(context["action"])
    return _render(request, context | {"formset": formset})
