"""Self-scoring pages: my submissions, the scoring page with per-criterion htmx saves, evidence, submit, reopen.

A submission the user may not see is 404; a visible one they may not change is 403 (officers read only).
A refused change (submitted, phase closed) is 403 and a lost race 409, with the reason on the page; for
htmx requests the reason goes to the messages and the page reloads (HX-Refresh) to show the current state.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.models import Phase
from campaigns.tables.spec import criterion_spec_of
from common.files import private_file_response
from common.forms import add_service_errors
from common.uploads import CONTENT_TYPES as UPLOAD_CONTENT_TYPES
from organizations.rules import is_officer_of
from scoring.enums import EDITABLE_STATUSES, SubmissionStatus
from scoring.models import Score, Submission
from scoring.submissions import selectors as sel
from scoring.submissions import services as svc
from scoring.submissions.feedback import return_notes
from scoring.submissions.forms import EvidenceForm, ExtensionForm, ReopenForm, ScoreForm

PAGE = "scoring/submission_detail.html"
REFUSALS = {svc.LOCKED: 403, svc.CLOSED: 403, svc.NOT_REGISTERED: 403, svc.CONFLICT: 409}


@dataclass
class Row:
    line: sel.CriterionLine
    form: ScoreForm | None
    evidence_form: EvidenceForm | None

    @property
    def score(self) -> Score:
        return self.line.score


def _submission(request, pk: int) -> tuple[Submission, str]:
    found = sel.submission_get_for_user(request.user, pk=pk)
    if found is None:
        raise Http404
    return found


def _for_editing(request, pk: int) -> Submission:
    submission, access = _submission(request, pk)
    if access != sel.EDIT:
        raise PermissionDenied
    return submission


def _score(submission: Submission, score_pk: int) -> Score:
    score = sel.score_get(submission, pk=score_pk)
    if score is None:
        raise Http404
    score.submission = submission
    return score


def _page(request, submission: Submission, access: str, *, status: int = 200, **bound) -> HttpResponse:
    """The scoring page; ``bound`` may carry a bound form for one score (``score_form`` / ``evidence_form``)."""
    scores = list(sel.score_list(submission))
    breakdown = sel.running_total(submission, scores)
    score_form, evidence_form = bound.pop("score_form", None), bound.pop("evidence_form", None)
    score_forms = {score_form.score.pk: score_form} if score_form is not None else {}
    evidence_forms = {bound.pop("evidence_pk"): evidence_form} if evidence_form is not None else {}
    rows = {
        line.score.pk: Row(
            line=line,
            form=score_forms.get(line.score.pk) or ScoreForm(score=line.score, criterion=line.spec),
            evidence_form=evidence_forms.get(line.score.pk) or EvidenceForm(score=line.score),
        )
        for line in breakdown.lines
    }
    nodes = [(node, [rows[line.score.pk] for line in node.lines]) for node in breakdown.nodes]
    is_open = sel.submission_is_open(submission)
    can_reopen = is_officer_of(request.user, submission.phase.campaign.launching_organization) and (
        submission.status != SubmissionStatus.VERIFIED
    )
    reopen_form = bound.pop("reopen_form", None)
    if can_reopen and reopen_form is None:
        reopen_form = ReopenForm(action=reverse("scoring:submission-reopen", args=[submission.pk]))
    context = {
        "submission": submission,
        "campaign": submission.phase.campaign,
        "nodes": nodes,
        "running": breakdown,
        "is_open": is_open,
        "can_edit": access == sel.EDIT and is_open and submission.status in EDITABLE_STATUSES,
        "is_scorer": access == sel.EDIT,
        "reopen_form": reopen_form if can_reopen else None,
        "return_note": next(iter(return_notes([submission])), None),
        **bound,
    }
    return render(request, PAGE, context, status=status)


def _refused(request, submission: Submission, access: str, error: ValidationError) -> HttpResponse | None:
    """The response for a refused change (locked, closed, conflict), or None for an ordinary input error."""
    status = None if hasattr(error, "error_dict") else REFUSALS.get(getattr(error, "code", None))
    if status is None:
        return None
    message = " ".join(error.messages)
    if request.htmx:
        messages.error(request, message)
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
        response["HX-Refresh"] = "true"
        return response
    return _page(request, submission, access, status=status, error=message)


def _to_detail(submission: Submission, anchor: str = ""):
    return redirect(reverse("scoring:submission-detail", args=[submission.pk]) + anchor)


@login_required
@require_GET
def submission_list(request):
    """The scorer's open phases (one line per participant they score for and phase accepting submissions, through
    its window or an extension), then their earlier submissions, which stay listed with a link to the results."""
    context = {
        "rows": sel.submission_list_for_user(request.user),
        "past": sel.submission_list_past_for_user(request.user),
    }
    return render(request, "scoring/submission_list.html", context)


@login_required
@require_POST
def submission_start(request, participant_pk: int, phase_pk: int):
    """Start scoring; a campaign requiring registration sends an unregistered participant to register first."""
    participant = sel.my_participant_get(request.user, pk=participant_pk)
    if participant is None:
        raise Http404
    phase = get_object_or_404(Phase.objects.select_related("campaign"), pk=phase_pk, campaign=participant.campaign)
    try:
        submission = svc.submission_start(participant=participant, phase=phase)
    except ValidationError as error:
        if error.code == svc.NOT_REGISTERED:
            messages.error(request, " ".join(error.messages))
            return redirect("campaigns:registration-detail", pk=participant.campaign_id, participant_pk=participant.pk)
        raise PermissionDenied(" ".join(error.messages)) from error
    return _to_detail(submission)


@login_required
@require_GET
def submission_detail(request, pk: int):
    submission, access = _submission(request, pk)
    return _page(request, submission, access)


@login_required
@require_POST
def score_save(request, pk: int, score_pk: int):
    """Save one criterion; for htmx the row's feedback with the new version and an out-of-band running total."""
    submission = _for_editing(request, pk)
    score = _score(submission, score_pk)
    criterion = criterion_spec_of(score.criterion)
    form = ScoreForm(request.POST, score=score, criterion=criterion)
    saved = False
    if form.is_valid():
        try:
            svc.score_save_self(
                score=score,
                inputs=form.answers(),
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
            saved = True
        except ValidationError as error:
            refused = _refused(request, submission, sel.EDIT, error)
            if refused:
                return refused
            add_service_errors(form, error)
    if not request.htmx:
        if saved:
            return _to_detail(submission, f"#score-{score.pk}")
        return _page(request, submission, sel.EDIT, status=400, score_form=form)
    scores = list(sel.score_list(submission))
    breakdown = sel.running_total(submission, scores)
    line = next(line for line in breakdown.lines if line.score.pk == score.pk)
    if saved:
        form = ScoreForm(score=line.score, criterion=line.spec)
    context = {
        "row": Row(line=line, form=form, evidence_form=None),
        "saved": saved,
        "oob": True,
        "running": breakdown,
        "nodes": [(node, []) for node in breakdown.nodes],  # the group subtotals, out of band
        "submission": submission,
    }
    return render(request, f"{PAGE}#feedback", context)


@login_required
@require_POST
def submission_submit(request, pk: int):
    submission = _for_editing(request, pk)
    try:
        svc.submission_submit(submission=submission, actor=request.user)
    except ValidationError as error:
        return _refused(request, submission, sel.EDIT, error) or _page(
            request, submission, sel.EDIT, status=400, problems=error.messages
        )
    messages.success(request, _("Your self-scoring was submitted. It can no longer be changed."))
    return _to_detail(submission)


@login_required
@require_POST
def submission_reopen(request, pk: int):
    """An officer lets one unit change and submit again until a date (recorded in the history)."""
    submission, access = _submission(request, pk)
    if not is_officer_of(request.user, submission.phase.campaign.launching_organization):
        raise PermissionDenied
    form = ReopenForm(request.POST, action=reverse("scoring:submission-reopen", args=[submission.pk]))
    if form.is_valid():
        try:
            svc.submission_reopen(submission=submission, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The submission was reopened for this unit."))
            return _to_detail(submission)
    return _page(request, submission, access, status=400, reopen_form=form)


@login_required
@require_POST
def evidence_add(request, pk: int, score_pk: int):
    submission = _for_editing(request, pk)
    score = _score(submission, score_pk)
    form = EvidenceForm(request.POST, request.FILES, score=score)
    if form.is_valid():
        try:
            svc.evidence_add(score=score, upload=form.cleaned_data["file"], actor=request.user)
        except ValidationError as error:
            refused = _refused(request, submission, sel.EDIT, error)
            if refused:
                return refused
            add_service_errors(form, error)
        else:
            messages.success(request, _("The file was attached."))
            return _to_detail(submission, f"#score-{score.pk}")
    return _page(request, submission, sel.EDIT, status=400, evidence_form=form, evidence_pk=score.pk)


@login_required
@require_POST
def evidence_remove(request, pk: int, evidence_pk: int):
    submission = _for_editing(request, pk)
    evidence = sel.evidence_get(submission, pk=evidence_pk)
    if evidence is None:
        raise Http404
    evidence.score.submission = submission
    try:
        svc.evidence_remove(evidence=evidence, actor=request.user)
    except ValidationError as error:
        return _refused(request, submission, sel.EDIT, error) or _page(
            request, submission, sel.EDIT, status=400, error=" ".join(error.messages)
        )
    messages.success(request, _("The file was removed."))
    return _to_detail(submission, f"#score-{evidence.score_id}")


@login_required
@require_GET
def evidence_download(request, pk: int, evidence_pk: int):
    """The file as an attachment, for those who may see the submission; never rendered by the browser."""
    submission, _access = _submission(request, pk)
    evidence = sel.evidence_get(submission, pk=evidence_pk)
    if evidence is None:
        raise Http404
    return private_file_response(
        evidence.file.name, filename=evidence.original_name, content_type=UPLOAD_CONTENT_TYPES[evidence.file_type]
    )


# --- extensions (officers of the launching organisation) -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def extension_grant(request, participant_pk: int):
    """Give one participant more time for a phase, whether or not it has started (from the participant list)."""
    participant = sel.participant_get_for_officer(request.user, pk=participant_pk)
    if participant is None:
        raise Http404
    campaign = participant.campaign
    phases = campaign.phases.order_by("position")
    data = request.POST if request.method == "POST" else None
    form = ExtensionForm(data, phases=phases, initial={"phase": request.GET.get("phase")})
    if data is not None and form.is_valid():
        try:
            svc.extension_grant(participant=participant, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(participant)s may hand in for “%(phase)s” until %(until)s.")
                % {
                    "participant": participant,
                    "phase": form.cleaned_data["phase"].name,
                    "until": form.cleaned_data["until"].strftime("%d/%m/%Y"),
                },
            )
            return redirect("campaigns:participant-list", pk=campaign.pk)
    context = {
        "participant": participant,
        "campaign": campaign,
        "form": form,
        "extensions": sel.extension_list(participant=participant),
    }
    return render(request, "scoring/extension_form.html", context, status=400 if data is not None else 200)
