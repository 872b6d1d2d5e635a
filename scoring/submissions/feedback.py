"""What the unit reads about a returned submission: the overall reason and, per criterion the reviewers changed in
that round of review, the points and answers old → new with the reviewer's reason and level.

Read from the history (``SubmissionEvent``), not from the scores: once the unit answers again, its new answers
replace the reviewer's correction on the score, but the history keeps what the reviewer changed and why.
Two queries for any number of submissions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q

from campaigns import points as pt
from campaigns.models import CriterionRule
from campaigns.tables.services import number_text
from campaigns.tables.spec import criterion_spec
from organizations.enums import Role
from organizations.reach import reach_for
from scoring.enums import SubmissionStatus
from scoring.levels import level_label
from scoring.models import Submission, SubmissionEvent
from scoring.submissions.forms import answers_text

ROUND_ACTIONS = ("submit", "verify", "return")


@dataclass
class Change:
    """One criterion changed by reviewers during the round that ended in the return."""

    code: str
    text: str
    old_points: str = ""
    new_points: str = ""
    old_answers: str = ""
    new_answers: str = ""
    reasons: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)


@dataclass
class ReturnNote:
    """Why a submission came back to its unit."""

    submission: Submission
    reason: str
    returned_at: datetime | None
    returned_by: object
    level: str
    changes: list[Change]


def points_text(text: str) -> str:
    """A number kept in the history ("7.5") as people write it ("7,5"); other text unchanged."""
    number = pt.to_decimal(text)
    return number_text(number) if number is not None else text


def _answers(criterion, text: str) -> str:
    """A history entry's answers (a JSON summary) in words; the raw text when it cannot be read (cut short)."""
    if not text:
        return "—"
    try:
        data = json.loads(text)
    except ValueError:
        return text
    return answers_text(criterion_spec(criterion, criterion.rules.all()), data if isinstance(data, dict) else {})


def _changes(events: list[SubmissionEvent]) -> list[Change]:
    changes: dict[int, Change] = {}
    for event in events:
        if event.action != "verify" or event.score is None:
            continue
        criterion = event.score.criterion
        change = changes.setdefault(event.score_id, Change(code=criterion.code, text=criterion.text))
        if event.field == "verified_points":
            change.old_points = change.old_points or points_text(event.old_value or "0")
            change.new_points = points_text(event.new_value)
        elif event.field == "verified_inputs":
            change.old_answers = change.old_answers or _answers(criterion, event.old_value)
            change.new_answers = _answers(criterion, event.new_value)
        if event.reason and event.reason not in change.reasons:
            change.reasons.append(event.reason)
        label = level_label(event.review_level) if event.review_level else ""
        if label and label not in change.levels:
            change.levels.append(label)
    return [c for c in changes.values() if c.old_points != c.new_points or c.old_answers != c.new_answers]


def _round(events: list[SubmissionEvent]) -> tuple[SubmissionEvent | None, list[SubmissionEvent]]:
    """The last return and the events of the review round it ended (since the hand-in before it)."""
    returned = next((i for i in range(len(events) - 1, -1, -1) if events[i].action == "return"), None)
    if returned is None:
        return None, []
    start = next((i for i in range(returned, -1, -1) if events[i].action == "submit"), -1)
    return events[returned], events[start + 1 : returned]


def return_notes(submissions: list[Submission]) -> list[ReturnNote]:
    """A note for each returned submission of ``submissions`` (two queries whatever their number)."""
    returned = [s for s in submissions if s.status == SubmissionStatus.RETURNED]
    if not returned:
        return []
    events: dict[int, list[SubmissionEvent]] = {}
    rows = (
        SubmissionEvent.objects.filter(submission__in=[s.pk for s in returned], action__in=ROUND_ACTIONS)
        .select_related("actor", "score__criterion")
        .prefetch_related(Prefetch("score__criterion__rules", queryset=CriterionRule.objects.order_by("position")))
        .order_by("created_at", "pk")
    )
    for event in rows:
        events.setdefault(event.submission_id, []).append(event)
    notes = []
    for submission in returned:
        last_return, round_events = _round(events.get(submission.pk, []))
        notes.append(
            ReturnNote(
                submission=submission,
                reason=submission.return_reason,
                returned_at=last_return.created_at if last_return else None,
                returned_by=last_return.actor if last_return else None,
                level=level_label(last_return.review_level) if last_return and last_return.review_level else "",
                changes=_changes(round_events),
            )
        )
    return notes


def returned_list_for_user(user) -> list[ReturnNote]:
    """The returned submissions of the participants the user scores for, newest first, with their notes."""
    if not user.is_authenticated:
        return []
    units = sorted(reach_for(user).ids(Role.SCORER))
    submissions = list(
        Submission.objects.filter(status=SubmissionStatus.RETURNED)
        .filter(Q(participant__organization_id__in=units) | Q(participant__person__user_id=user.pk))
        .select_related("participant__organization", "participant__person", "phase__campaign")
        .order_by("-updated_at", "-pk")[:10]
    )
    return return_notes(submissions)
