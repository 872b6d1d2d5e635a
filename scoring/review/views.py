"""Reviewer pages: the queue, a submission's answers and points side by side (the unit's and those that count, with
evidence, group subtotals and the totals the ranking reads; per-criterion htmx corrections of the answers), return
and approve at the submission's review level, and the history page that the unit reads too.

What a user may not see is 404 (the selectors apply ``scoring.view_submission_review``); acting needs the level the
submission waits at (``scoring.review_submission``), else 403.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from campaigns.tables.spec import criterion_spec_of
from common.forms import add_service_errors
from organizations.views.common import paginate
from scoring import levels
from scoring.enums import SubmissionStatus
from scoring.review import selectors as sel
from scoring.review import services as svc
from scoring.review.forms import QueueFilterForm, ReturnForm, VerifyForm
from scoring.submissions.forms import answers_text
from scoring.submissions.selectors import CriterionLine, submission_breakdowns

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
    "level_approve": gettext_lazy("Approved at a level, passed on"),
}
FIELD_LABELS = {
    "status": gettext_lazy("status"),
    "value": gettext_lazy("value entered"),
    "self_points": gettext_lazy("self-assessed points"),
    "self_note": gettext_lazy("explanation"),
    "verified_points": gettext_lazy("verified points"),
    "self_inputs": gettext_lazy("answers"),
    "verified_inputs": gettext_lazy("corrected answers"),
    "total": gettext_lazy("total"),
    "review_note": gettext_lazy("reviewer's reason"),
    "evidence": gettext_lazy("evidence"),
    "reopened_until": gettext_lazy("reopened for this unit until"),
}
REVIEW = "scoring.review_submission"
HISTORY = "scoring.view_submission_history"
DETAIL = "scoring/review_detail.html"
QUEUE_PAGE_SIZE = 25


@dataclass
class Row:
    """One criterion on the review page: the unit's answers and points, those that count, the correction form."""

    own: CriterionLine
    line: CriterionLine  # the answers that count (the unit's unless a reviewer corrected them)
    form: VerifyForm | None
    corrections: list  # this round's corrections of the criterion by every level (history entries)
    saved: bool = False
    conflict: str = ""

    @property
    def score(self):
        return self.line.score

    @property
    def is_corrected(self) -> bool:
        return self.line.score.verified_inputs is not None

    @property
    def own_answers(self) -> str:
        return answers_text(self.own.spec, self.score.self_inputs)

    @property
    def counted_answers(self) -> str:
        return answers_text(self.line.spec, self.score.inputs)


def _submission_for_review(request, pk: int, *, act: bool = False):
    """The submission if the user may see its review (else 404); ``act``: may act at its level (else 403)."""
    submission = sel.submission_get_for_review(request.user, pk=pk)
    if submission is None:
        raise Http404
    if act and not request.user.has_perm(REVIEW, submission):
        raise PermissionDenied
    return submission


def _level_steps(submission) -> list[dict]:
    """The campaign's levels with where the submission stands (done / current / to come)."""
    stage = levels.stage_of(submission)
    verified = submission.status == SubmissionStatus.VERIFIED
    return [
        {
            "number": index + 1,
            "label": levels.level_label(level),
            "state": "done" if index < stage or verified else ("current" if index == stage else "later"),
        }
        for index, level in enumerate(levels.campaign_levels(submission.phase.campaign))
    ]


def _next_level(submission) -> dict:
    """Whether approving now verifies the submission, or which level it goes to next."""
    if submission.status not in svc.REVIEWABLE_STATUSES:
        return {"is_last_level": True, "next_level": ""}
    following = levels.next_stage(submission, after=levels.stage_of(submission))
    if following is None:
        return {"is_last_level": True, "next_level": ""}
    return {
        "is_last_level": False,
        "next_level": levels.level_label(levels.campaign_levels(submission.phase.campaign)[following]),
    }


def _review_data(request, submission, *, bound: dict | None = None):
    """(the unit's breakdown, the counted breakdown, rows by score id, level steps of this round)."""
    bound = bound or {}
    scores = list(sel.score_list_for_review(submission=submission))
    own, counted = submission_breakdowns(submission, scores)
    steps, corrections = sel.review_round(submission=submission)
    can_review = submission.status in svc.REVIEWABLE_STATUSES and request.user.has_perm(REVIEW, submission)
    own_lines = {line.score.pk: line for line in own.lines}
    rows = {}
    for line in counted.lines:
        pk = line.score.pk
        form = bound.get(pk) or (VerifyForm(score=line.score, criterion=line.spec) if can_review else None)
        rows[pk] = Row(own=own_lines[pk], line=line, form=form, corrections=corrections.get(pk, []))
    return own, counted, rows, steps, can_review


def _detail_context(request, submission, *, return_form=None, bound=None) -> dict:
    own, counted, rows, steps, can_review = _review_data(request, submission, bound=bound)
    action = reverse("scoring:submission-return", args=[submission.pk])
    own_subtotals = {node.group.pk: node.subtotal for node in own.nodes}
    nodes = [
        (node, own_subtotals.get(node.group.pk), [rows[line.score.pk] for line in node.lines]) for node in counted.nodes
    ]
    return {
        "submission": submission,
        "campaign": submission.phase.campaign,
        "nodes": nodes,
        "rows": list(rows.values()),
        "own": own,
        "counted": counted,
        "levels": _level_steps(submission),
        "current_level": levels.level_label(levels.current_level(submission)),
        **_next_level(submission),
        "steps": steps,
        "can_review": can_review,
        "return_form": return_form or ReturnForm(action=action),
    }


@login_required
@require_GET
def review_queue(request):
    """Submissions to review, filtered by campaign, phase and state, paginated; what waits for the user is marked."""
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
    for submission in context["object_list"]:
        submission.level_label = levels.level_label(levels.current_level(submission))
    return render(request, "scoring/review_queue.html", context)


def _queue_statuses():
    return [(value, label) for value, label in SubmissionStatus.choices if value in sel.QUEUE_STATUSES]


@login_required
@require_GET
def submission_review(request, pk: int):
    """The unit's answers and points beside those that count; opening a submitted one at one's level starts it."""
    submission = _submission_for_review(request, pk)
    if request.user.has_perm(REVIEW, submission):
        svc.submission_start_review(submission=submission, actor=request.user)
    return render(request, DETAIL, _detail_context(request, submission))


def _verify(request, score, form) -> str:
    """Call the service; "" when saved, else "conflict" or "invalid" (errors are on the form)."""
    if not form.is_valid():
        return "invalid"
    try:
        svc.score_verify(
            score=score,
            inputs=form.answers(),
            review_note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
            actor=request.user,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "review_note" in error.error_dict:
            form.add_error("note", error.error_dict["review_note"])
        else:
            add_service_errors(form, error)
        return "conflict" if getattr(error, "code", None) == "conflict" else "invalid"
    return ""


@login_required
@require_POST
def score_verify(request, pk: int, score_pk: int):
    """Correct one criterion's answers; with htmx the row comes back (saved, with its errors, or with the conflict
    message) with the totals and subtotals out of band."""
    submission = _submission_for_review(request, pk, act=True)
    score = get_object_or_404(
        submission.scores.select_related("criterion").prefetch_related("criterion__rules"), pk=score_pk
    )
    score.submission = submission
    form = VerifyForm(request.POST, score=score, criterion=criterion_spec_of(score.criterion))
    outcome = _verify(request, score, form)
    if not request.htmx:
        if outcome:
            messages.error(request, " ".join(form.error_lines()))
        else:
            messages.success(request, _("The corrected answers were saved."))
        return redirect("scoring:submission-review", pk=submission.pk)
    bound = {score.pk: form} if outcome == "invalid" else {}
    context = _detail_context(request, submission, bound=bound)
    row = next(row for row in context["rows"] if row.score.pk == score.pk)
    row.saved = not outcome
    row.conflict = " ".join(form.non_field_errors()) if outcome == "conflict" else ""
    return render(request, f"{DETAIL}#score-row", {**context, "row": row, "oob": True})


@login_required
@require_POST
def submission_return(request, pk: int):
    submission = _submission_for_review(request, pk, act=True)
    form = ReturnForm(request.POST, action=reverse("scoring:submission-return", args=[submission.pk]))
    if form.is_valid():
        try:
            svc.submission_return(submission=submission, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The submission was returned to the unit."))
            return redirect("scoring:submission-review", pk=submission.pk)
    return render(request, DETAIL, _detail_context(request, submission, return_form=form))


@login_required
@require_POST
def submission_approve(request, pk: int):
    submission = _submission_for_review(request, pk, act=True)
    level = levels.level_label(levels.current_level(submission))
    try:
        svc.submission_approve(submission=submission, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if submission.status == SubmissionStatus.VERIFIED:
            messages.success(request, _("The submission was approved: every score is verified."))
        else:
            following = levels.level_label(levels.current_level(submission))
            messages.success(
                request,
                _("Approved at the level “%(level)s”: the submission now waits at “%(next)s”.")
                % {"level": level, "next": following},
            )
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
        "can_review": submission.status != SubmissionStatus.DRAFT
        and request.user.has_perm("scoring.view_submission_review", submission),
    }
    return render(request, "scoring/history_list.html", context)


def _labelled(event):
    """Readable labels for one history entry (states shown by name, not by code)."""
    event.action_label = ACTION_LABELS.get(event.action, event.action)
    event.field_label = FIELD_LABELS.get(event.field, event.field)
    event.level_label = levels.level_label(event.review_level) if event.review_level else ""
    if event.field == "status":
        event.old_label, event.new_label = (_status_label(event.old_value), _status_label(event.new_value))
    else:
        event.old_label, event.new_label = event.old_value, event.new_value
    return event


def _status_label(value: str) -> str:
    return SubmissionStatus(value).label if value in SubmissionStatus.values else value
