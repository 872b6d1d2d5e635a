"""Nomination pages: the list with why each one is (not) eligible, generation from the ranking, manual add,
withdrawal, and the dossier (upload, permission-checked download, removal).

Officers of the campaign see and manage everything; the scorer of a nominated unit sees its own nominations and
looks after their achievement reports; anyone else gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.enums import DocumentKind, NominationStatus
from awards.nominations import selectors as sel
from awards.nominations.access import MANAGE, nomination_for, officer_campaign
from awards.nominations.forms import DocumentForm, NominationAddForm, WithdrawForm
from awards.nominations.reasons import explain_all
from awards.nominations.services import dossiers as docs
from awards.nominations.services import nominations as svc
from campaigns.access import campaign_for
from common.converters import bounded_id
from common.files import private_file_response
from common.forms import add_service_errors
from common.search import results_template
from common.uploads import CONTENT_TYPES as UPLOAD_CONTENT_TYPES
from organizations.models import Person
from organizations.selectors import organization_choices_for_officer
from organizations.views.common import paginate, search_term

PAGE_SIZE = 25
CHANGE = "awards.change_nomination"
ADD_DOCUMENT = "awards.add_nominationdocument"
UNIT_KINDS = {DocumentKind.ACHIEVEMENT_REPORT}  # what a unit's scorer may upload and download


@login_required
@require_GET
def nomination_list(request, campaign_pk: int):
    """A campaign's nominations (a scorer sees its own unit's), filtered by award, state, eligibility and name."""
    campaign = campaign_for(request, campaign_pk)
    if not sel.nomination_can_list(request.user, campaign):
        raise Http404
    is_officer = request.user.has_perm(MANAGE, campaign)
    plans = list(sel.plan_list(campaign=campaign)) if is_officer else []
    filters = {
        "plan_id": _int(request.GET.get("plan")),
        "status": request.GET.get("status", ""),
        "eligible": request.GET.get("eligible", ""),
        "search": search_term(request),
    }
    qs = sel.nomination_list_for_user(request.user, campaign=campaign, **filters)
    page = paginate(request, qs, per_page=PAGE_SIZE)
    rows = [{"nomination": n, "reasons": explain_all(n.eligibility)} for n in page["object_list"]]
    context = {
        "campaign": campaign,
        "plans": plans,
        "rows": rows,
        "is_officer": is_officer,
        "statuses": NominationStatus.choices,
        "filters": filters,
        "q": filters["search"],
        **page,
    }
    return render(request, results_template(request, "awards/nominations/nomination_list.html"), context)


def _int(value) -> int | None:
    return bounded_id(value)


@login_required
@require_POST
def nomination_generate(request, campaign_pk: int, pk: int):
    """Generate (or refresh) a plan line's nominations from the current overall ranking."""
    campaign = officer_campaign(request, campaign_pk)
    plan = sel.plan_get(campaign=campaign, pk=pk)
    if plan is None:
        raise Http404
    try:
        nominations = svc.nominations_generate(plan=plan, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("awards:plan-list", campaign_pk=campaign.pk)
    messages.success(
        request,
        _("%(count)s nominations for %(award)s come from the ranking.")
        % {"count": len(nominations), "award": plan.award_type.name},
    )
    return redirect(f"{reverse('awards:nomination-list', args=[campaign.pk])}?plan={plan.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def nomination_add(request, campaign_pk: int):
    """Nominate a participant, or an organisation / person within the officer's reach, by hand."""
    campaign = officer_campaign(request, campaign_pk)
    organizations = organization_choices_for_officer(request.user)
    form = NominationAddForm(
        request.POST or None,
        plans=sel.plan_list(campaign=campaign),
        participants=campaign.participants.select_related("organization", "person").order_by("pk"),
        organizations=organizations,
        people=Person.objects.filter(organization__in=organizations, is_active=True),
        action=reverse("awards:nomination-add", args=[campaign.pk]),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = svc.nomination_add(
                plan=data["plan"],
                actor=request.user,
                participant=data["participant"],
                organization=data["organization"],
                person=data["person"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The nomination was added."))
            return redirect("awards:nomination-detail", campaign_pk=campaign.pk, pk=nomination.pk)
    return render(request, "awards/nominations/nomination_add.html", {"campaign": campaign, "form": form})


def _document_kinds(request, nomination) -> set[str]:
    """Officers handle every kind of dossier file; a unit's scorer its achievement report."""
    if request.user.has_perm(MANAGE, nomination.plan.campaign):
        return set(DocumentKind.values)
    return set(UNIT_KINDS)


def _detail_context(request, nomination, *, document_form=None) -> dict:
    kinds = _document_kinds(request, nomination)
    can_upload = request.user.has_perm(ADD_DOCUMENT, nomination)
    action = reverse("awards:nomination-document-upload", args=[nomination.plan.campaign_id, nomination.pk])
    return {
        "campaign": nomination.plan.campaign,
        "nomination": nomination,
        "reasons": explain_all(nomination.eligibility),
        "documents": [d for d in nomination.documents.all() if d.kind in kinds],
        "can_change": request.user.has_perm(CHANGE, nomination),
        "is_officer": request.user.has_perm(MANAGE, nomination.plan.campaign),
        "can_upload": can_upload,
        "document_form": document_form or (DocumentForm(kinds=kinds, action=action) if can_upload else None),
        "block_reason": sel.nomination_voting_block_reason(nomination, now=timezone.now()),
        "disclosures": list(nomination.disclosures.all()),
        "events": list(nomination.events.select_related("actor")),
    }


@login_required
@require_GET
def nomination_detail(request, campaign_pk: int, pk: int):
    nomination = nomination_for(request, campaign_pk, pk, perm="awards.view_nomination")
    return render(request, "awards/nominations/nomination_detail.html", _detail_context(request, nomination))


@login_required
@require_http_methods(["GET", "POST"])
def nomination_withdraw(request, campaign_pk: int, pk: int):
    """GET: the confirmation with the reason; POST: withdraw."""
    nomination = nomination_for(request, campaign_pk, pk, perm=CHANGE)
    action = reverse("awards:nomination-withdraw", args=[campaign_pk, pk])
    form = WithdrawForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            svc.nomination_withdraw(nomination=nomination, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The nomination was withdrawn."))
            return redirect("awards:nomination-detail", campaign_pk=campaign_pk, pk=pk)
    context = {"campaign": nomination.plan.campaign, "nomination": nomination, "form": form}
    return render(request, "awards/nominations/nomination_withdraw.html", context)


@login_required
@require_POST
def document_upload(request, campaign_pk: int, pk: int):
    nomination = nomination_for(request, campaign_pk, pk, perm=ADD_DOCUMENT)
    kinds = _document_kinds(request, nomination)
    action = reverse("awards:nomination-document-upload", args=[campaign_pk, pk])
    form = DocumentForm(request.POST, request.FILES, kinds=kinds, action=action)
    if form.is_valid():
        try:
            docs.nomination_document_add(
                nomination=nomination,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document was added to the dossier."))
            return redirect("awards:nomination-detail", campaign_pk=campaign_pk, pk=pk)
    context = _detail_context(request, nomination, document_form=form)
    return render(request, "awards/nominations/nomination_detail.html", context, status=400)


def _document(request, nomination, doc_pk: int):
    document = sel.document_get(nomination=nomination, pk=doc_pk)
    if document is None or document.kind not in _document_kinds(request, nomination):
        raise Http404
    return document


@login_required
@require_GET
def document_download(request, campaign_pk: int, pk: int, doc_pk: int):
    """The file as an attachment, for those who may see it; never rendered by the browser."""
    nomination = nomination_for(request, campaign_pk, pk, perm="awards.view_nomination")
    document = _document(request, nomination, doc_pk)
    return private_file_response(
        document.file.name, filename=document.original_name, content_type=UPLOAD_CONTENT_TYPES[document.file_type]
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, campaign_pk: int, pk: int, doc_pk: int):
    """GET: the confirmation; POST: remove the file (only while the nomination is proposed)."""
    nomination = nomination_for(request, campaign_pk, pk, perm="awards.view_nomination")
    document = _document(request, nomination, doc_pk)
    if not request.user.has_perm(ADD_DOCUMENT, nomination):
        raise PermissionDenied
    if request.method == "POST":
        try:
            docs.nomination_document_delete(document=document, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document was removed from the dossier."))
        return redirect("awards:nomination-detail", campaign_pk=campaign_pk, pk=pk)
    context = {"campaign": nomination.plan.campaign, "nomination": nomination, "document": document}
    return render(request, "awards/nominations/document_confirm_delete.html", context)
