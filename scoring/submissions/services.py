"""Writes for self-scoring: creating a submission, saving a criterion's input, evidence, submitting, reopening.

Invariants: a unit changes its scores and evidence only while its submission is editable (draft or
returned) and the phase accepts submissions (phase dates contain today, or an officer reopened the
submission until a later date). Every change is recorded in the submission's history. Concurrent saves
of one score are serialised by the score's ``version`` (conditional UPDATE); every write locks the
submission row first so a submit never races a save.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import scoring_rules as sr
from campaigns.models import Participant, Phase, ScoringTable
from campaigns.tables.services import criterion_rule, translate
from common.files import private_file_delete_on_commit, stored_upload
from common.uploads import DOCX, JPEG, PDF, PNG, XLSX, check_upload
from organizations.rules import is_officer_of
from scoring.enums import EDITABLE_STATUSES, SubmissionStatus
from scoring.history import event_record
from scoring.models import Evidence, Score, Submission
from scoring.submissions.selectors import submission_is_open

EVIDENCE_TYPES = frozenset({PDF, JPEG, PNG, DOCX, XLSX})
EVIDENCE_FOLDER = "scoring/evidence"
# ValidationError codes, so views can tell a refused action (403/409) from a wrong value (re-shown form).
LOCKED, CLOSED, CONFLICT = "locked", "closed", "conflict"
CENT = Decimal("0.01")


@transaction.atomic
def submission_get_or_create(*, participant: Participant, phase: Phase) -> Submission:
    """The participant's submission for the phase, with one score per criterion of their table (idempotent)."""
    if participant.campaign_id != phase.campaign_id:
        raise ValueError("The participant and the phase belong to different campaigns.")
    submission, _created = Submission.objects.get_or_create(participant=participant, phase=phase)
    table = ScoringTable.objects.filter(campaign_id=phase.campaign_id, participant_kind=participant.kind).first()
    if table is None:
        return submission
    present = set(submission.scores.values_list("criterion_id", flat=True))
    Score.objects.bulk_create(
        [
            Score(submission=submission, criterion=criterion, max_points=criterion.max_points)
            for criterion in table.criteria.all()
            if criterion.pk not in present
        ],
        ignore_conflicts=True,  # a parallel request may have created the same rows
    )
    return submission


def _lock_for_changes(submission: Submission) -> Submission:
    """Lock the submission row; refuse unless it is editable and its phase accepts submissions."""
    locked = Submission.objects.select_for_update().select_related("phase__campaign").get(pk=submission.pk)
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
    return locked


def _stored_value(value) -> Decimal | None:
    """The input as stored in ``Score.value``: a Decimal with two places, yes/no as 1/0."""
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def score_save_self(*, score: Score, value, note: str, expected_version: int, actor) -> Score:
    """Save the unit's input for one criterion and its self-points; None clears the answer.

    ``value`` is already of the method's type (Decimal points or achieved value, bool, int). Raises a
    ValidationError on ``value`` when it earns no points, with code LOCKED / CLOSED / CONFLICT otherwise.
    """
    submission = _lock_for_changes(score.submission)
    criterion = score.criterion
    points = None
    if value is not None:
        try:
            points = sr.points_for(criterion_rule(criterion), value)
        except sr.ScoringInputError as error:
            raise ValidationError({"value": translate(error.message)}) from error
    stored, note = _stored_value(value), note.strip()
    old_value, old_points, old_note = score.value, score.self_points, score.self_note
    if score.version != expected_version:
        raise _conflict()
    if stored == old_value and points == old_points and note == old_note:
        return score
    now = timezone.now()
    updated = Score.objects.filter(pk=score.pk, version=expected_version).update(
        value=stored, self_points=points, self_note=note, version=F("version") + 1, updated_at=now
    )
    if updated != 1:
        raise _conflict()
    score.value, score.self_points, score.self_note = stored, points, note
    score.version, score.updated_at = expected_version + 1, now
    if points != old_points:
        event_record(
            submission=submission,
            score=score,
            action="self_score",
            actor=actor,
            field="self_points",
            old=old_points,
            new=points,
        )
    elif stored != old_value:  # e.g. a higher achieved value that still earns the maximum
        event_record(
            submission=submission,
            score=score,
            action="self_score",
            actor=actor,
            field="value",
            old=old_value,
            new=stored,
        )
    if note != old_note:
        event_record(
            submission=submission,
            score=score,
            action="self_score",
            actor=actor,
            field="self_note",
            old=old_note,
            new=note,
        )
    return score


def _conflict() -> ValidationError:
    return ValidationError(
        _("Someone else changed this criterion in the meantime. Reload the page to see the latest version."),
        code=CONFLICT,
    )


def submission_problems(submission: Submission) -> list[str]:
    """Why the submission cannot be submitted yet (translated); empty when every answer and file is there."""
    problems = []
    scores = submission.scores.select_related("criterion").prefetch_related("evidence")
    for score in scores.order_by("criterion__group__position", "criterion__position", "criterion_id"):
        criterion = score.criterion
        if criterion.kind == sr.Kind.REGULAR and score.self_points is None:
            problems.append(_("%(code)s: not answered yet.") % {"code": criterion.code})
        if criterion.evidence_required and not score.evidence.all():
            problems.append(_("%(code)s: evidence is required.") % {"code": criterion.code})
    return problems


@transaction.atomic
def submission_submit(*, submission: Submission, actor) -> Submission:
    """Submit the self-scoring for review; needs every regular criterion answered and required evidence attached.

    Locks the submission: afterwards the unit cannot change it unless it is returned or reopened.
    """
    locked = _lock_for_changes(submission)
    problems = submission_problems(locked)
    if problems:
        raise ValidationError(problems)
    from_status, now = locked.status, timezone.now()
    Submission.objects.filter(pk=locked.pk, status__in=EDITABLE_STATUSES).update(
        status=SubmissionStatus.SUBMITTED, submitted_at=now, submitted_by=actor, updated_at=now
    )
    event_record(submission=locked, action="submit", actor=actor, field="status", old=from_status, new="submitted")
    submission.status, submission.submitted_at, submission.submitted_by = SubmissionStatus.SUBMITTED, now, actor
    return submission


@transaction.atomic
def submission_reopen(*, submission: Submission, until: date, actor, reason: str = "") -> Submission:
    """Let one unit change and submit again until ``until`` (officers of the launching organisation only).

    A draft stays a draft; a submitted, returned or under-review submission goes back to "returned"
    (editable). A verified submission cannot be reopened.
    """
    locked = (
        Submission.objects.select_for_update()
        .select_related("phase__campaign__launching_organization")
        .get(pk=submission.pk)
    )
    if not is_officer_of(actor, locked.phase.campaign.launching_organization):
        raise PermissionDenied
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
        reason=reason.strip(),
    )
    submission.reopened_until, submission.status = until, status
    return submission


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
