"""Reviewer pages: the queue, a submission side by side (self vs verified, with evidence; per-row htmx
saves), return and approve, and the history page that the unit reads too.

What a user may not review is 404 (the selectors filter by reach); the permission is declared on top.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from common.forms import add_service_errors
from organizations.views.common import paginate
from scoring.enums import SubmissionStatus
from scoring.review import selectors as sel
from scoring.review import services as svc
from scoring.review.forms import QueueFilterForm, ReturnForm, VerifyForm

# History labels; actions recorded elsewhere (by the unit's pages) fall back to their code.
ACTION_LABELS = {
    "self_score": gettext_lazy("Self-assessed"),
    "submit": gettext_lazy("Submitted"),
    "evidence_add": gettext_lazy("Evidence added"),
    "evidence_remove": gettext_lazy("Evidence removed"),
    "reopen": gettext_lazy("Reopened for the unit"),
    "start_review": gettext_lazy("Review started"),
    "verify": gettext_lazy("Verified"),
    "return": gettext_lazy("Returned for changes"),
    "approve": gettext_lazy("Approved"),
}
FIELD_LABELS = {
    "status": gettext_lazy("status"),
    "value": gettext_lazy("value entered"),
    "self_points": gettext_lazy("self-assessed points"),
    "self_note": gettext_lazy("explanation"),
    "verified_points": gettext_lazy("verified points"),
    "review_note": gettext_lazy("reviewer's reason"),
    "evidence": gettext_lazy("evidence"),
    "reopened_until": gettext_lazy("reopened for this unit until"),
}
REVIEW = "scoring.review_submission"
HISTORY = "scoring.view_submission_history"
DETAIL = "scoring/review_detail.html"
QUEUE_PAGE_SIZE = 25


def _submission_for_review(request, pk: int):
    submission = sel.submission_get_for_review(request.user, pk=pk)
    if submission is None:
        raise Http404
    if not request.user.has_perm(REVIEW, submission):
        raise PermissionDenied
    return submission


def _rows(submission) -> list[dict]:
    """One row per criterion: the score (with criterion and evidence) and its verify form."""
    return [
        {"score": score, "form": VerifyForm(score=score), "saved": False, "conflict": ""}
        for score in sel.score_list_for_review(submission=submission)
    ]


def _detail_context(submission, *, return_form=None) -> dict:
    can_review = submission.status in svc.REVIEWABLE_STATUSES
    action = reverse("scoring:submission-return", args=[submission.pk])
    rows = _rows(submission)
    return {
        "submission": submission,
        "campaign": submission.phase.campaign,
        "rows": rows,
        "max_total": sum(row["score"].max_points for row in rows),
        "self_total": sum(row["score"].self_points or 0 for row in rows),
        "verified_total": sum(row["score"].verified_points or 0 for row in rows),
        "can_review": can_review,
        "return_form": return_form or ReturnForm(action=action),
    }


@login_required
@require_GET
def review_queue(request):
    """Submissions to review, filtered by campaign, phase and state, paginated."""
    campaigns = list(sel.review_campaign_list(request.user))
    phases = list(sel.review_phase_list(request.user))
    form = QueueFilterForm(request.GET or None, campaigns=campaigns, phases=phases, statuses=_queue_statuses())
    filters = form.cleaned_data if form.is_valid() else {}
    queue = sel.review_queue(
        request.user,
        campaign=next((c for c in campaigns if c.pk == filters.get("campaign")), None),
        phase=next((p for p in phases if p.pk == filters.get("phase")), None),
        status=filters.get("status") or "",
    )
    context = {"form": form, **paginate(request, queue, per_page=QUEUE_PAGE_SIZE)}
    return render(request, "scoring/review_queue.html", context)


def _queue_statuses():
    return [(value, label) for value, label in SubmissionStatus.choices if value in sel.QUEUE_STATUSES]


@login_required
@require_GET
def submission_review(request, pk: int):
    """Self-points and verified points side by side; opening a submitted one starts its review."""
    submission = _submission_for_review(request, pk)
    svc.submission_start_review(submission=submission, actor=request.user)
    return render(request, DETAIL, _detail_context(submission))


def _verify(request, submission, score, form) -> str:
    """Call the service; "" when saved, else "conflict" or "invalid" (errors are on the form)."""
    if not form.is_valid():
        return "invalid"
    try:
        svc.score_verify(
            score=score,
            verified_points=form.cleaned_data["verified_points"],
            review_note=form.cleaned_data["review_note"],
            expected_version=form.cleaned_data["version"],
            actor=request.user,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return "conflict" if getattr(error, "code", None) == "conflict" else "invalid"
    return ""


@login_required
@require_POST
def score_verify(request, pk: int, score_pk: int):
    """Save one row; with htmx the row comes back (saved, with its errors, or with the conflict message)."""
    submission = _submission_for_review(request, pk)
    score = get_object_or_404(submission.scores.select_related("criterion"), pk=score_pk)
    score.submission = submission
    form = VerifyForm(request.POST, score=score)
    outcome = _verify(request, submission, score, form)
    if not request.htmx:
        if outcome:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        else:
            messages.success(request, _("The verified points were saved."))
        return redirect("scoring:submission-review", pk=submission.pk)
    fresh = sel.score_list_for_review(submission=submission).get(pk=score.pk)
    row = {"score": fresh, "form": form, "saved": not outcome, "conflict": ""}
    if outcome != "invalid":
        # Saved, or someone else won: show what is in the database now, at its current version.
        row["form"] = VerifyForm(score=fresh)
        row["conflict"] = " ".join(form.non_field_errors()) if outcome else ""
    context = {"submission": submission, "row": row, "can_review": True}
    return render(request, f"{DETAIL}#score-row", context)


@login_required
@require_POST
def submission_return(request, pk: int):
    submission = _submission_for_review(request, pk)
    form = ReturnForm(request.POST, action=reverse("scoring:submission-return", args=[submission.pk]))
    if form.is_valid():
        try:
            svc.submission_return(submission=submission, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The submission was returned to the unit."))
            return redirect("scoring:submission-review", pk=submission.pk)
    return render(request, DETAIL, _detail_context(submission, return_form=form))


@login_required
@require_POST
def submission_approve(request, pk: int):
    submission = _submission_for_review(request, pk)
    try:
        svc.submission_approve(submission=submission, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The submission was approved: every score is verified."))
    return redirect("scoring:submission-review", pk=submission.pk)


@login_required
@require_GET
def submission_history(request, pk: int):
    """Every change to the submission and its scores; for its reviewers, officers and the unit itself."""
    submission = sel.submission_get_for_history(request.user, pk=pk)
    if submission is None:
        raise Http404
    if not request.user.has_perm(HISTORY, submission):
        raise PermissionDenied
    context = {
        "submission": submission,
        "campaign": submission.phase.campaign,
        "events": [_labelled(event) for event in sel.event_list(submission=submission)],
        "can_review": request.user.has_perm(REVIEW, submission),
    }
    return render(request, "scoring/history_list.html", context)


def _labelled(event):
    """Readable labels for one history entry (states shown by name, not by code)."""
    event.action_label = ACTION_LABELS.get(event.action, event.action)
    event.field_label = FIELD_LABELS.get(event.field, event.field)
    if event.field == "status":
        event.old_label, event.new_label = (_status_label(event.old_value), _status_label(event.new_value))
    else:
        event.old_label, event.new_label = event.old_value, event.new_value
    return event


def _status_label(value: str) -> str:
    return SubmissionStatus(value).label if value in SubmissionStatus.values else value
