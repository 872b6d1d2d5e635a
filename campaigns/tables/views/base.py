"""What every table view shares: the permission, fetching a table through its campaign, the editor fragment."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_htmx.http import reswap, retarget

from campaigns.tables import selectors as sel
from campaigns.tables.forms import GroupForm

MANAGE = "campaigns.change_campaign"
DETAIL = "campaigns/scoringtable_detail.html"
DIRECTIONS = ("up", "down")


def table_of(campaign, table_pk: int):
    """The table ``table_pk`` of ``campaign`` (404 otherwise)."""
    return get_object_or_404(sel.table_list(campaign=campaign), pk=table_pk)


def url(name: str, campaign, *args) -> str:
    return reverse(f"campaigns:{name}", args=[campaign.pk, *args])


def editor_context(campaign, table, *, error: str = "") -> dict:
    """The editor's context: the table as a tree (four queries) and the form adding a group."""
    tree = sel.table_tree(table)
    return {
        "campaign": campaign,
        "table": table,
        "tree": tree,
        "can_edit": campaign.is_draft,
        "group_form": GroupForm(action=url("table-group-create", campaign, table.pk), groups=tree.group_choices),
        "error": error,
    }


def editor(request, campaign, table_pk: int, *, error: str = ""):
    """After a change: the editor fragment (fresh rows and sums) for htmx, else back to the page."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("campaigns:table-detail", pk=campaign.pk, table_pk=table_pk)
    response = render(request, f"{DETAIL}#editor", editor_context(campaign, table_of(campaign, table_pk), error=error))
    return reswap(retarget(response, "#table-editor"), "outerHTML")


def apply_then_editor(request, campaign, table_pk: int, action):
    """Run one editor action; re-render the editor, with the service's refusal shown if there was one."""
    try:
        action()
    except ValidationError as refusal:
        return editor(request, campaign, table_pk, error=" ".join(refusal.messages))
    return editor(request, campaign, table_pk)


def posted_initial(data, form_class) -> dict:
    """What was typed, as ``initial`` of a form given back unsaved (an unchecked box is False, not the stored value)."""
    initial = {key: data.get(key) for key in data if key not in ("csrfmiddlewaretoken", "add")}
    for name, field in form_class.base_fields.items():
        if isinstance(field.widget, forms.CheckboxInput):
            initial.setdefault(name, False)
    return initial
