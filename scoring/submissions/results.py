"""From answers to stored points: one criterion's result and a submission's totals, kept by the services.

The arithmetic is ``campaigns/points/``'s; this module reads the rows it needs, writes what the ranking and the
pages read (per score: net, bonus, deduction, typed value and target, flags; per submission: the totals of
``points.totals_of``) and never decides anything the pure module does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from campaigns import points as pt
from campaigns.models import ScoringTable
from scoring.models import Score, Submission

ZERO = Decimal(0)
# Base methods whose inputs a unit must give before submitting (a standard criterion needs none; unanswered
# yes/no parts count as "no" but must still be answered; rule lines are optional: nothing happened).
ANSWER_REQUIRED = {
    pt.BaseKind.BANDS: ("value",),
    pt.BaseKind.TARGET: ("value",),
    pt.BaseKind.COUNT_MINIMUM: ("count",),
    pt.BaseKind.LOOKUP: ("size", "value"),
    pt.BaseKind.MANUAL: ("points",),
    pt.BaseKind.RELATIVE_TO_LEADER: ("value", "target"),
}


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def inputs_json(parsed: pt.CriterionInputs) -> dict:
    """Parsed answers as the JSON kept on a score (numbers as exact strings, unanswered left out)."""
    data: dict = {}
    for key in ("value", "size", "points", "target"):
        number = getattr(parsed, key)
        if number is not None:
            data[key] = _number(number)
    if parsed.count is not None:
        data["count"] = parsed.count
    if parsed.parts:
        data["parts"] = dict(parsed.parts)
    rules = {
        code: (answer if isinstance(answer, bool | int) else _number(answer))
        for code, answer in parsed.rules.items()
        if answer is not None
    }
    if rules:
        data["rules"] = rules
    return data


def is_answered(criterion: pt.CriterionSpec, inputs: dict | None) -> bool:
    """True when the unit gave every answer the criterion's base method needs."""
    inputs = inputs or {}
    if criterion.base.kind is pt.BaseKind.YES_NO_PARTS:
        answers = inputs.get("parts") or {}
        return all(isinstance(answers.get(part.code), bool) for part in criterion.base.parts)
    return all(inputs.get(key) not in (None, "") for key in ANSWER_REQUIRED.get(criterion.base.kind, ()))


@dataclass(frozen=True)
class Scored:
    """A criterion's answers parsed and scored."""

    inputs: dict
    result: pt.CriterionResult


def score_answers(criterion: pt.CriterionSpec, raw: object) -> Scored:
    """Parse and score ``raw`` answers; raises ``points.ScoringInputErrors`` listing every problem."""
    parsed = pt.parse_inputs(criterion, raw)
    return Scored(inputs=inputs_json(parsed), result=pt.score_criterion(criterion, parsed))


def effective_fields(result: pt.CriterionResult, inputs: dict) -> dict:
    """The columns of the result that counts (``Score.net`` …), as an UPDATE's keyword arguments."""
    return {
        "net": result.net,
        "bonus": result.bonus,
        "deduction": result.deduction,
        "gated": result.gated,
        "below_minimum": result.below_minimum,
        "provisional": result.provisional,
        "value": _stored_number(inputs.get("value")),
        "target": _stored_number(inputs.get("target")),
    }


def _stored_number(text) -> Decimal | None:
    """A typed value for the two-decimal column the ranking reads (relative criteria); None if absent or huge."""
    if text in (None, ""):
        return None
    number = Decimal(str(text)).quantize(Decimal("0.01"))
    return number if abs(number) < Decimal(10) ** 12 else None


def self_fields(result: pt.CriterionResult, inputs: dict) -> dict:
    return {"self_inputs": inputs, "self_points": result.points, "self_bonus": result.bonus}


def table_of(submission: Submission) -> ScoringTable | None:
    """The scoring table of the submission's participant kind (one query)."""
    return ScoringTable.objects.filter(
        campaign_id=submission.phase.campaign_id, participant_kind=submission.participant.kind
    ).first()


def _rows(submission_id: int):
    return Score.objects.filter(submission_id=submission_id).values_list(
        "criterion__kind",
        "criterion__method",
        "net",
        "bonus",
        "gated",
        "below_minimum",
        "self_points",
        "self_bonus",
        "self_inputs",
        "criterion_id",
    )


def submission_totals(submission: Submission, table: ScoringTable | None) -> tuple[pt.Totals, pt.Totals]:
    """(totals that count, the unit's own totals) of a submission from its stored score rows (one query)."""
    bonus_cap = table.bonus_cap if table else None
    penalty_cap = table.penalty_cap if table else None
    effective, own = [], []
    for kind, method, net, bonus, gated, below, self_points, self_bonus, _inputs, _cid in _rows(submission.pk):
        role, relative = pt.Role(kind), method == pt.BaseKind.RELATIVE_TO_LEADER
        effective.append((role, net, bonus, relative, gated, below))
        own_points = self_points or ZERO
        own.append((role, own_points - self_bonus, self_bonus, relative, gated, below))
    return (
        pt.totals_of(effective, bonus_cap=bonus_cap, penalty_cap=penalty_cap),
        pt.totals_of(own, bonus_cap=bonus_cap, penalty_cap=penalty_cap),
    )


# The submission's stored totals (``totals_fields``' keys).
TOTAL_FIELDS = (
    "regular_points",
    "relative_points",
    "bonus_points",
    "penalty_points",
    "total",
    "self_total",
    "is_gated",
    "below_minimum",
)


def totals_fields(effective: pt.Totals, own: pt.Totals) -> dict:
    return {
        "regular_points": effective.regular,
        "relative_points": effective.relative,
        "bonus_points": effective.bonus_before_cap,
        "penalty_points": effective.penalty_before_cap,
        "total": effective.total,
        "self_total": own.total,
        "is_gated": effective.gated,
        "below_minimum": effective.below_minimum,
    }


def submission_totals_refresh(submission: Submission, *, table: ScoringTable | None = None) -> Submission:
    """Recompute and store the submission's totals from its scores (call in the transaction that changed them)."""
    table = table if table is not None else table_of(submission)
    fields = totals_fields(*submission_totals(submission, table))
    Submission.objects.filter(pk=submission.pk).update(**fields)
    for name, value in fields.items():
        setattr(submission, name, value)
    return submission
