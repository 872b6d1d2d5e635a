"""Rule lines and base methods described in the officer's words."""

from __future__ import annotations

from decimal import Decimal

from campaigns.points.messages import (
    BAND_BOUNDED,
    BAND_OPEN,
    BASE_BANDS,
    BASE_COUNT_ALL_OR_NOTHING,
    BASE_COUNT_PARTIAL,
    BASE_LOOKUP,
    BASE_MANUAL,
    BASE_PARTS,
    BASE_RELATIVE_BLOC,
    BASE_RELATIVE_CAMPAIGN,
    BASE_STANDARD,
    BASE_TARGET,
    BONUS_EACH,
    BONUS_EACH_CAPPED,
    BONUS_ONCE,
    BONUS_ONCE_CAPPED,
    DEDUCTION_EACH,
    DEDUCTION_EACH_CAPPED,
    DEDUCTION_ONCE,
    DEDUCTION_ONCE_CAPPED,
    EITHER,
    EITHER_CAPPED,
    GATE,
    ONLY_WITHOUT_DEDUCTIONS,
    STEP,
    STEP_CAPPED,
    Message,
)
from campaigns.points.spec import Band, BaseKind, CriterionSpec, Per, RuleKind, RuleSpec, Scope

# ---- describing rules in the officer's words ------------------------------------------------------------------------

_PER_TEMPLATES = {
    (RuleKind.DEDUCTION, Per.OCCURRENCE): (DEDUCTION_EACH, DEDUCTION_EACH_CAPPED),
    (RuleKind.BONUS, Per.OCCURRENCE): (BONUS_EACH, BONUS_EACH_CAPPED),
    (RuleKind.DEDUCTION, Per.ONCE): (DEDUCTION_ONCE, DEDUCTION_ONCE_CAPPED),
    (RuleKind.BONUS, Per.ONCE): (BONUS_ONCE, BONUS_ONCE_CAPPED),
}


def describe_base(criterion: CriterionSpec) -> Message:
    """The base method in words, numbers as Decimal params."""
    base, standard = criterion.base, criterion.standard_points
    match base.kind:
        case BaseKind.YES_NO_PARTS:
            return Message(BASE_PARTS, count=len(base.parts), standard=standard)
        case BaseKind.BANDS:
            return Message(BASE_BANDS, standard=standard)
        case BaseKind.TARGET:
            return Message(BASE_TARGET, standard=standard, target=base.target)
        case BaseKind.COUNT_MINIMUM:
            template = BASE_COUNT_PARTIAL if base.partial else BASE_COUNT_ALL_OR_NOTHING
            return Message(template, standard=standard, minimum=None if base.minimum is None else Decimal(base.minimum))
        case BaseKind.LOOKUP:
            return Message(BASE_LOOKUP, standard=standard)
        case BaseKind.MANUAL:
            return Message(BASE_MANUAL, standard=standard)
        case BaseKind.RELATIVE_TO_LEADER:
            template = BASE_RELATIVE_CAMPAIGN if base.scope is Scope.CAMPAIGN else BASE_RELATIVE_BLOC
            return Message(template, standard=standard, half=standard / 2)
    return Message(BASE_STANDARD, standard=standard)


def describe_band(band: Band) -> Message:
    if band.below is None:
        return Message(BAND_OPEN, lower=band.lower, points=band.points)
    return Message(BAND_BOUNDED, lower=band.lower, below=band.below, points=band.points)


def _describe_rule_alone(rule: RuleSpec) -> Message:
    capped = rule.cap is not None
    if rule.kind is RuleKind.GATE:
        return Message(GATE)
    if rule.kind is RuleKind.EITHER:
        return Message(EITHER_CAPPED if capped else EITHER, bonus=rule.bonus, deduction=rule.deduction, cap=rule.cap)
    if rule.kind is RuleKind.STEP_BONUS:
        template = STEP_CAPPED if capped else STEP
        return Message(template, step=rule.step, above=rule.above, points=rule.points, cap=rule.cap)
    plain, with_cap = _PER_TEMPLATES[(rule.kind, rule.per or Per.OCCURRENCE)]
    return Message(with_cap if capped else plain, points=rule.points, cap=rule.cap)


def describe_rule(rule: RuleSpec) -> Message:
    """A rule line in words, e.g. "Each occurrence: −0.2 points (at most 1)"."""
    message = _describe_rule_alone(rule)
    if rule.only_without_deductions and rule.kind not in (RuleKind.DEDUCTION, RuleKind.GATE):
        return Message(ONLY_WITHOUT_DEDUCTIONS, rule=message)
    return message
