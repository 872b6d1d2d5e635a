"""The public pages (no login): the index, an open disclosure with its comment form, an organisation's published
rankings and decisions. Every page is rate-limited per client IP (a 429 page past the limit) and shows nothing
private: no contact details, no draft or unpublished data, nothing of an organisation that did not choose to
publish it (404 as if it did not exist)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awards.public import selectors as sel
from awards.public.forms import PublicCommentForm
from awards.public.services import public_comment_send
from common.forms import add_service_errors
from common.ratelimit import rate_limited, retry_after
from organizations.models import Organization


def _limited(request, *, scope: str = "public", limit: int | None = None, window: int = 60):
    limit = settings.PUBLIC_RATE_LIMIT_PER_MINUTE if limit is None else limit
    if not rate_limited(request, scope=scope, limit=limit, window=window):
        return None
    response = render(request, "awards/public/rate_limited.html", status=429)
    response["Retry-After"] = str(retry_after(window))
    return response


@require_GET
def public_index(request):
    if limited := _limited(request):
        return limited
    context = {
        "disclosures": sel.open_disclosures()[:100],
        "publications": sel.publishing_organizations()[:200],
        "exemplary_models": sel.public_exemplary_models()[:100],
    }
    return render(request, "awards/public/index.html", context)


@require_http_methods(["GET", "POST"])
def public_disclosure(request, pk: int):
    if limited := _limited(request):
        return limited
    disclosure = get_object_or_404(sel.open_disclosures(), pk=pk)
    nominations = sel.disclosure_nominations(disclosure)
    form = PublicCommentForm(request.POST if request.method == "POST" else None, nominations=nominations)
    status = 200
    if request.method == "POST":
        if limited := _limited(request, scope="public-comment", limit=settings.PUBLIC_COMMENTS_PER_HOUR, window=3600):
            return limited
        if form.is_valid() and not form.cleaned_data["website"]:
            data = form.cleaned_data
            try:
                public_comment_send(
                    disclosure=disclosure,
                    author_name=data["author_name"],
                    contact=data["contact"],
                    body=data["body"],
                    nomination=data["nomination"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Thank you: your comment was sent and will be shown once an officer has read it.")
                )
                return redirect("public:disclosure", pk=disclosure.pk)
        status = 400
    context = {
        "disclosure": disclosure,
        "nominations": nominations,
        "comments": sel.accepted_comments(disclosure),
        "form": form,
    }
    return render(request, "awards/public/disclosure.html", context, status=status)


def _published(pk: int, what: str):
    organization = get_object_or_404(Organization, pk=pk, is_active=True)
    publication = sel.publication_of(organization)
    if publication is None or not getattr(publication, what):
        raise Http404
    return organization, publication


@require_GET
def public_organization(request, pk: int):
    if limited := _limited(request):
        return limited
    organization = get_object_or_404(Organization, pk=pk, is_active=True)
    publication = sel.publication_of(organization)
    if publication is None or not (publication.publish_rankings or publication.publish_decisions):
        raise Http404
    context = {
        "organization": organization,
        "runs": sel.published_runs(organization)[:100] if publication.publish_rankings else None,
        "decisions": sel.published_decisions(organization)[:100] if publication.publish_decisions else None,
    }
    return render(request, "awards/public/organization.html", context)


@require_GET
def public_ranking(request, pk: int, run_pk: int):
    if limited := _limited(request):
        return limited
    organization, _publication = _published(pk, "publish_rankings")
    run = get_object_or_404(sel.published_runs(organization), pk=run_pk)
    context = {"organization": organization, "run": run, "entries": sel.published_entries(run)[:2000]}
    return render(request, "awards/public/ranking.html", context)


@require_GET
def public_decision(request, pk: int, decision_pk: int):
    if limited := _limited(request):
        return limited
    organization, _publication = _published(pk, "publish_decisions")
    decision = get_object_or_404(sel.published_decisions(organization), pk=decision_pk)
    lines = decision.recipients.select_related("award_type").order_by("position", "pk")
    return render(
        request, "awards/public/decision.html", {"organization": organization, "decision": decision, "lines": lines}
    )
