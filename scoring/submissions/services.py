"""Writes for self-scoring: creating a submission, saving a criterion's input, evidence, submitting, reopening.

Invariants: a unit changes its scores and evidence only while its submission is editable (draft or
returned) and the phase accepts submissions (phase dates contain today, or an officer reopened the
submission until a later date). Every change is recorded in the submission's history. Concurrent saves
of one score are serialised by the score's ``version`` (conditional UPDATE); every write locks the
submission row first so a submit never races a save.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import points as pt
from campaigns.enums import CampaignStatus
from campaigns.models import CampaignEvent, CriterionRule, Participant, Phase, ScoringTable
from campaigns.tables.services import translate
from campaigns.tables.spec import criterion_spec, criterion_spec_of
from common.files import private_file_delete_on_commit, stored_upload
from common.uploads import DOC, DOCX, JPEG, PDF, PNG, XLS, XLSX, check_upload
from organizations.rules import is_officer_of
from scoring import levels
from scoring.enums import EDITABLE_STATUSES, SubmissionStatus
from scoring.history import event_record
from scoring.models import Evidence, Score, Submission
from scoring.submissions import results
from scoring.submissions.selectors import phase_is_open, registration_missing, submission_is_open

EVIDENCE_TYPES = frozenset({PDF, JPEG, PNG, DOCX, XLSX, DOC, XLS})
EVIDENCE_FOLDER = "scoring/evidence"
# ValidationError codes, so views can tell a refused action (403/409) from a wrong value (re-shown form).
LOCKED, CLOSED, CONFLICT, NOT_REGISTERED = "locked", "closed", "conflict", "not_registered"
CENT = Decimal("0.01")


@transaction.atomic
def submission_get_or_create(*, participant: Participant, phase: Phase) -> Submission:
    """The participant's submission for the phase, with one score per criterion of their table (idempotent).

    New scores start from unanswered inputs (a standard criterion already has its standard points) and the
    submission's totals are stored at once.
    """
    if participant.campaign_id != phase.campaign_id:
        raise ValueError("The participant and the phase belong to different campaigns.")
    submission, _created = Submission.objects.get_or_create(participant=participant, phase=phase)
    table = ScoringTable.objects.filter(campaign_id=phase.campaign_id, participant_kind=participant.kind).first()
    if table is None:
        return submission
    present = set(submission.scores.values_list("criterion_id", flat=True))
    missing = [c for c in table.criteria.order_by("position", "id") if c.pk not in present]
    if not missing:
        return submission
    rules = CriterionRule.objects.filter(criterion__in=missing).order_by("criterion_id", "position", "id")
    rules_of: dict[int, list] = {}
    for rule in rules:
        rules_of.setdefault(rule.criterion_id, []).append(rule)
    scores = []
    for criterion in missing:
        scored = results.score_answers(criterion_spec(criterion, rules_of.get(criterion.pk, [])), {})
        scores.append(
            Score(
                submission=submission,
                criterion=criterion,
                max_points=criterion.max_points,
                **results.self_fields(scored.result, scored.inputs),
                **results.effective_fields(scored.result, scored.inputs),
            )
        )
    Score.objects.bulk_create(scores, ignore_conflicts=True)  # a parallel request may have created the same rows
    submission.phase = phase
    submission.participant = participant
    results.submission_totals_refresh(submission, table=table)
    return submission


def _lock_for_changes(submission: Submission) -> Submission:
    """Lock the submission row; refuse unless it is editable and its phase accepts submissions."""
    locked = (
        Submission.objects.select_for_update()
        .select_related("phase__campaign", "participant__campaign")
        .get(pk=submission.pk)
    )
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("This submission is “%(status)s” and can no longer be changed.")
            % {"status": locked.get_status_display()},
            code=LOCKED,
        )
    if not submission_is_open(locked):
        raise ValidationError(
            _("The phase is closed for submissions. Ask the organising office to reopen it for your unit."),
            code=CLOSED,
        )
    _check_registered(locked.participant)
    return locked


def _check_registered(participant: Participant) -> None:
    if registration_missing(participant):
        raise ValidationError(
            _(
                "This campaign requires registration before self-scoring: register (đăng ký thi đua) first, "
                "then come back to score."
            ),
            code=NOT_REGISTERED,
        )


def submission_start(*, participant: Participant, phase: Phase) -> Submission:
    """Start (or reopen the page of) the participant's submission for ``phase``.

    Refused (code CLOSED) unless the phase's submission window is open or an officer extended it for this
    participant, and (code NOT_REGISTERED) while the campaign requires a registration the participant lacks.
    """
    existing = Submission.objects.select_related("phase__campaign").filter(participant=participant, phase=phase).first()
    is_open = submission_is_open(existing) if existing is not None else phase_is_open(phase)
    if not is_open:
        raise ValidationError(_("The phase is closed for submissions."), code=CLOSED)
    _check_registered(participant)
    return existing or submission_get_or_create(participant=participant, phase=phase)


def input_problems(error: pt.ScoringInputError) -> list[str]:
    """Every problem of a refused answer, translated (Vietnamese numbers in the active language)."""
    messages = getattr(error, "messages", None) or [error.message]
    return [translate(message) for message in messages]


def _summary(inputs: dict | None) -> str:
    """The answers as a short text for the history (``old → new``)."""
    if not inputs:
        return ""
    return json.dumps(inputs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))[:100]


@transaction.atomic
def score_save_self(*, score: Score, inputs: dict, note: str, expected_version: int, actor) -> Score:
    """Save the unit's answers for one criterion; the criterion's rule turns them into points.

    ``inputs`` is the answers in the shape of ``points.parse_inputs`` (``{}`` clears them). The stored result
    that counts and the submission's totals change in the same transaction. Raises a ValidationError on
    ``inputs`` listing every problem, with code LOCKED / CLOSED / CONFLICT otherwise.
    """
    submission = _lock_for_changes(score.submission)
    criterion = score.criterion
    try:
        scored = results.score_answers(criterion_spec_of(criterion), inputs)
    except pt.ScoringInputError as error:
        raise ValidationError({"inputs": input_problems(error)}) from error
    note = note.strip()
    old_inputs, old_points, old_note = score.self_inputs or {}, score.self_points, score.self_note
    if score.version != expected_version:
        raise _conflict()
    new_points = scored.result.points
    if scored.inputs == old_inputs and new_points == old_points and note == old_note:
        return score
    now = timezone.now()
    fields = {**results.self_fields(scored.result, scored.inputs), "self_note": note}
    if submission.status == SubmissionStatus.RETURNED and score.verified_points is not None:
        # The unit answers again after a return: its new answers replace the reviewer's earlier correction of this
        # criterion (the review starts over; the history keeps the correction).
        fields |= {"verified_inputs": None, "verified_points": None}
    if fields.get("verified_points", score.verified_points) is None or score.verified_inputs is None:
        fields |= results.effective_fields(scored.result, scored.inputs)
    updated = Score.objects.filter(pk=score.pk, version=expected_version).update(
        **fields, version=F("version") + 1, updated_at=now
    )
    if updated != 1:
        raise _conflict()
    for name, value in fields.items():
        setattr(score, name, value)
    score.version, score.updated_at = expected_version + 1, now
    results.submission_totals_refresh(submission)
    score.submission = submission
    _record_self_changes(
        submission,
        score,
        actor,
        inputs=(old_inputs, scored.inputs),
        points=(old_points, new_points),
        note=(old_note, note),
    )
    return score


def _record_self_changes(submission, score, actor, *, inputs, points, note) -> None:
    """One history entry per changed thing: the answers, the points they earn, the explanation (old, new)."""
    changes = (
        ("self_inputs", _summary(inputs[0]), _summary(inputs[1])),
        ("self_points", points[0], points[1]),
        ("self_note", note[0], note[1]),
    )
    for field, old, new in changes:
        if old != new:
            event_record(
                submission=submission, score=score, action="self_score", actor=actor, field=field, old=old, new=new
            )


def _conflict() -> ValidationError:
    return ValidationError(
        _("Someone else changed this criterion in the meantime. Reload the page to see the latest version."),
        code=CONFLICT,
    )


def submission_problems(submission: Submission) -> list[str]:
    """Why the submission cannot be submitted yet (translated); empty when every answer and file is there."""
    problems = []
    scores = list(
        submission.scores.select_related("criterion")
        .prefetch_related("evidence", "criterion__rules")
        .order_by("criterion__group__position", "criterion__position", "criterion_id")
    )
    for score in scores:
        criterion = score.criterion
        spec = criterion_spec(criterion, criterion.rules.all())
        if criterion.kind == pt.Role.REGULAR and not results.is_answered(spec, score.self_inputs):
            problems.append(_("%(code)s: not answered yet.") % {"code": criterion.code})
        if criterion.evidence_required and not score.evidence.all():
            problems.append(_("%(code)s: evidence is required.") % {"code": criterion.code})
    return problems


@transaction.atomic
def submission_submit(*, submission: Submission, actor) -> Submission:
    """Submit the self-scoring for review; needs every regular criterion answered and required evidence attached.

    Locks the submission: afterwards the unit cannot change it unless it is returned or reopened. Its review starts
    at the campaign's first review level that applies to the participant (``scoring.levels.first_stage``).
    """
    locked = _lock_for_changes(submission)
    problems = submission_problems(locked)
    if problems:
        raise ValidationError(problems)
    from_status, now = locked.status, timezone.now()
    stage = levels.first_stage(locked)
    Submission.objects.filter(pk=locked.pk, status__in=EDITABLE_STATUSES).update(
        status=SubmissionStatus.SUBMITTED, submitted_at=now, submitted_by=actor, review_stage=stage, updated_at=now
    )
    event_record(submission=locked, action="submit", actor=actor, field="status", old=from_status, new="submitted")
    submission.status, submission.submitted_at, submission.submitted_by = SubmissionStatus.SUBMITTED, now, actor
    submission.review_stage = stage
    return submission


def _extend(locked: Submission, *, until: date, actor, reason: str) -> None:
    """Keep a locked submission open for its participant until ``until``: a draft stays a draft; a submitted,
    returned or under-review one goes back to "returned" (editable); a verified one is refused."""
    campaign = locked.phase.campaign
    if not is_officer_of(actor, campaign.launching_organization):
        raise PermissionDenied
    if campaign.status != CampaignStatus.LAUNCHED:
        raise ValidationError(_("Extensions can be granted only while the campaign accepts scores."), code=CLOSED)
    if locked.status == SubmissionStatus.VERIFIED:
        raise ValidationError(_("A verified submission cannot be reopened."), code=LOCKED)
    if until < timezone.localdate():
        raise ValidationError({"until": _("Choose today or a later date.")})
    old_until, old_status = locked.reopened_until, locked.status
    status = SubmissionStatus.DRAFT if old_status == SubmissionStatus.DRAFT else SubmissionStatus.RETURNED
    locked.reopened_until, locked.status = until, status
    locked.save(update_fields=["reopened_until", "status", "updated_at"])
    event_record(
        submission=locked,
        action="reopen",
        actor=actor,
        field="reopened_until",
        old=old_until,
        new=until,
        reason=reason,
    )
    CampaignEvent.objects.create(
        campaign=campaign,
        action="extension",
        actor=actor,
        changes={
            "participant": [None, str(locked.participant)],
            "phase": [None, locked.phase.name],
            "until": [old_until.strftime("%d/%m/%Y") if old_until else None, until.strftime("%d/%m/%Y")],
        },
        note=reason[:500],
    )


def _locked_for_extension(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))  # the participant's organisation/person: outer joins
        .select_related("phase__campaign__launching_organization", "participant__organization", "participant__person")
        .get(pk=submission.pk)
    )


@transaction.atomic
def submission_reopen(*, submission: Submission, until: date, actor, reason: str = "") -> Submission:
    """Let one unit change and submit again until ``until`` (officers of the launching organisation only).

    A draft stays a draft; a submitted, returned or under-review submission goes back to "returned"
    (editable). A verified submission cannot be reopened. Recorded in the history and on the campaign.
    """
    locked = _locked_for_extension(submission)
    _extend(locked, until=until, actor=actor, reason=reason.strip())
    submission.reopened_until, submission.status = locked.reopened_until, locked.status
    return submission


@transaction.atomic
def extension_grant(*, participant: Participant, phase: Phase, until: date, reason: str, actor) -> Submission:
    """Give one participant until ``until`` to hand in for ``phase``, whether or not it has started: its (draft)
    submission is created when missing. Officers of the launching organisation only; a reason is required.

    Recorded in the submission's history and on the campaign (``CampaignEvent`` "extension").
    """
    if participant.campaign_id != phase.campaign_id:
        raise ValueError("The participant and the phase belong to different campaigns.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the extension is granted.")})
    if not is_officer_of(actor, phase.campaign.launching_organization):
        raise PermissionDenied
    submission = submission_get_or_create(participant=participant, phase=phase)
    locked = _locked_for_extension(submission)
    _extend(locked, until=until, actor=actor, reason=reason)
    return locked


@transaction.atomic
def evidence_add(*, score: Score, upload, actor) -> Evidence:
    """Attach a file to a score: PDF, JPEG, PNG, DOCX or XLSX by content, within the size limit.

    Stored under a random server-made name in the default storage (outside the web root); removed again
    if the database write fails.
    """
    submission = _lock_for_changes(score.submission)
    try:
        kind = check_upload(upload, allowed=set(EVIDENCE_TYPES))
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    with stored_upload(upload, folder=EVIDENCE_FOLDER, file_type=kind) as stored:
        evidence = Evidence.objects.create(
            score=score,
            file=stored.name,
            original_name=stored.original_name,
            file_type=kind,
            size=stored.size,
            sha256=stored.sha256,
            uploaded_by=actor,
        )
        event_record(
            submission=submission,
            score=score,
            action="evidence_add",
            actor=actor,
            field="evidence",
            new=evidence.original_name,
        )
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, actor) -> None:
    """Remove a file from a score while the submission can still be changed; the file goes after commit."""
    score = evidence.score
    submission = _lock_for_changes(score.submission)
    name = evidence.file.name
    event_record(
        submission=submission,
        score=score,
        action="evidence_remove",
        actor=actor,
        field="evidence",
        old=evidence.original_name,
    )
    evidence.delete()
    private_file_delete_on_commit(name)
