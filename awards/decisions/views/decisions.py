"""Decision pages: the list, drafting (header and lines), issuing with a confirmation, follow-ups, the detail page
with the certificate progress fragment (htmx). Decisions outside the user's reach are 404; a visible decision's
forbidden action (an officer issuing, a signer editing) is 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.decisions import selectors as sel
from awards.decisions.forms import DecisionCreateForm, DecisionForm, FollowupForm, IssueForm, RecipientForm
from awards.decisions.services import drafts as svc
from awards.decisions.services import issuing as issue_svc
from awards.decisions.services.certificates import certificate_retry
from awards.enums import DecisionStatus
from campaigns.models import Campaign
from common.converters import query_id
from common.forms import add_service_errors
from organizations.selectors import organization_choices_for_officer
from organizations.views.common import paginate, search_term

PAGE = "awards/decisions/decision_detail.html"


def decision_for(request, pk: int, perm: str | None = None):
    decision = sel.decision_get_for_user(request.user, pk=pk)
    if decision is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, decision):
        raise PermissionDenied
    return decision


def _officer_organizations(user):
    """Active organisations where the user is an officer or admin (or below them)."""
    return organization_choices_for_officer(user)


@login_required
@require_GET
def decision_list(request):
    query, status = search_term(request), request.GET.get("status", "")
    status = status if status in DecisionStatus.values else ""
    context = paginate(request, sel.decision_list_for_user(request.user, search=query, status=status))
    context |= {"q": query, "status": status, "statuses": DecisionStatus.choices}
    context["can_create"] = _officer_organizations(request.user).exists()
    return render(request, "awards/decisions/decision_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    organizations = _officer_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied
    campaigns = (
        Campaign.objects.filter(launching_organization__in=organizations.values("pk"))
        .select_related("launching_organization")
        .order_by("-start_date")
    )
    initial = {}
    campaign_pk = query_id(request.GET, "campaign")
    if campaign_pk is not None:
        campaign = campaigns.filter(pk=campaign_pk).first()
        if campaign is not None:
            initial = {"campaign": campaign, "organization": campaign.launching_organization}
    form = DecisionCreateForm(request.POST or None, organizations=organizations, campaigns=campaigns, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = svc.decision_create(
                organization=form.cleaned_data["organization"],
                campaign=form.cleaned_data["campaign"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft decision was created. Check its text and recipients."))
            return redirect("awards:decision-detail", pk=decision.pk)
    return render(request, "awards/decisions/decision_create.html", {"form": form})


def _detail_context(request, decision) -> dict:
    progress = sel.certificate_progress(decision=decision)
    return {
        "decision": decision,
        "progress": progress,
        "failed": list(sel.certificate_failed_list(decision=decision)[:50]) if progress["failed"] else [],
        "document": getattr(decision, "document", None) if decision.is_issued else None,
        "can_edit": request.user.has_perm("awards.change_awarddecision", decision),
        "can_issue": request.user.has_perm("awards.issue_awarddecision", decision),
        "can_follow_up": request.user.has_perm("awards.add_followup_awarddecision", decision),
    }


@login_required
@require_GET
def decision_detail(request, pk: int):
    """The decision, its lines with their certificates, downloads; with htmx only the progress fragment."""
    decision = decision_for(request, pk, "awards.view_awarddecision")
    context = _detail_context(request, decision)
    if request.htmx:
        return render(request, f"{PAGE}#progress", context)
    context["recipients"] = list(sel.decision_recipient_list(decision=decision))
    context["templates"] = list(sel.template_list_for_decision(decision=decision))
    context["followups"] = list(decision.followups.order_by("pk"))
    return render(request, PAGE, context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_update(request, pk: int):
    decision = decision_for(request, pk, "awards.change_awarddecision")
    form = DecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        regenerate = data.pop("regenerate_basis", False)
        try:
            svc.decision_update(decision=decision, data=data, regenerate_basis=regenerate)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("awards:decision-detail", pk=decision.pk)
    return render(request, "awards/decisions/decision_form.html", {"form": form, "decision": decision})


@login_required
@require_http_methods(["GET", "POST"])
def decision_delete(request, pk: int):
    decision = decision_for(request, pk, "awards.change_awarddecision")
    if request.method == "POST":
        svc.decision_delete(decision=decision)
        messages.success(request, _("The draft decision was deleted."))
        return redirect("awards:decision-list")
    return render(request, "awards/decisions/decision_confirm_delete.html", {"decision": decision})


@login_required
@require_http_methods(["GET", "POST"])
def recipient_edit(request, pk: int, line_pk: int | None = None):
    """Add a line to a draft or change one (names, award, achievement as printed)."""
    decision = decision_for(request, pk, "awards.change_awarddecision")
    line = get_object_or_404(decision.recipients, pk=line_pk) if line_pk else None
    form = RecipientForm(request.POST or None, instance=line, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            svc.recipient_save(decision=decision, recipient=line, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The recipient line was saved."))
            return redirect("awards:decision-detail", pk=decision.pk)
    context = {"form": form, "decision": decision, "line": line}
    return render(request, "awards/decisions/recipient_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recipient_delete(request, pk: int, line_pk: int):
    decision = decision_for(request, pk, "awards.change_awarddecision")
    line = get_object_or_404(decision.recipients, pk=line_pk)
    if request.method == "POST":
        svc.recipient_delete(recipient=line)
        messages.success(request, _("The recipient line was removed."))
        return redirect("awards:decision-detail", pk=decision.pk)
    return render(request, "awards/decisions/recipient_confirm_delete.html", {"decision": decision, "line": line})


@login_required
@require_http_methods(["GET", "POST"])
def decision_issue(request, pk: int):
    """Confirmation page, then issue: the number is taken and the decision can no longer change."""
    decision = decision_for(request, pk, "awards.issue_awarddecision")
    form = IssueForm(request.POST or None, initial={"decision_date": decision.decision_date or timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            issued = issue_svc.decision_issue(decision=decision, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Decision %(number)s was issued.") % {"number": issued.number_text})
            return redirect("awards:decision-detail", pk=decision.pk)
    year = (form.cleaned_data.get("decision_date") if form.is_bound and form.is_valid() else None) or form.initial[
        "decision_date"
    ]
    symbol = issue_svc.register_symbol(organization=decision.issuing_organization, year=year.year)
    if symbol is None and not form.is_bound:
        form.initial["symbol"] = issue_svc.symbol_for_new_year(decision.issuing_organization, year.year)
    context = {
        "decision": decision,
        "form": form,
        "symbol": symbol,
        "recipient_count": decision.recipients.count(),
    }
    return render(request, "awards/decisions/decision_issue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_followup(request, pk: int):
    """Start a correction or revocation of an issued decision (a new draft that refers to it)."""
    decision = decision_for(request, pk, "awards.add_followup_awarddecision")
    form = FollowupForm(request.POST or None, initial={"kind": request.GET.get("kind", "correction")})
    if request.method == "POST" and form.is_valid():
        try:
            followup = svc.decision_followup_create(decision=decision, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft was created; remove the lines it does not concern."))
            return redirect("awards:decision-detail", pk=followup.pk)
    return render(request, "awards/decisions/decision_followup.html", {"decision": decision, "form": form})


@login_required
@require_POST
def decision_retry(request, pk: int):
    """Re-enqueue the failed (or stuck) certificates and PDF of an issued decision."""
    decision = decision_for(request, pk, "awards.view_awarddecision")
    if not decision.is_issued:
        raise Http404
    ids = certificate_retry(decision=decision)
    count = len(ids)
    text = ngettext(
        "%(count)s certificate will be generated again.", "%(count)s certificates will be generated again.", count
    )
    messages.info(request, text % {"count": count})
    return redirect("awards:decision-detail", pk=decision.pk)
