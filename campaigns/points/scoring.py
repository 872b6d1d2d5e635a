"""Scoring: one criterion, relative to the leader, the whole table, the stored totals, ranks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from campaigns.points.inputs import CriterionInputs, RuleAnswer, parse_inputs, parse_submission
from campaigns.points.messages import ZERO
from campaigns.points.numbers import _capped, _configured, _decimal, round_points
from campaigns.points.spec import (
    BaseKind,
    CriterionSpec,
    GroupSpec,
    Per,
    Role,
    RuleKind,
    RuleSpec,
    Span,
    TableSpec,
    Tier,
    iter_criteria,
)

# ---- one criterion --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """One criterion scored. ``base`` is shown rounded; ``contributions`` are signed, after each rule's own cap
    (a bonus that does not count because of deductions shows 0), before the criterion's shared caps."""

    code: str
    role: Role
    base: Decimal
    deduction: Decimal
    bonus: Decimal
    net: Decimal
    points: Decimal
    contributions: dict[str, Decimal]
    parts: dict[str, bool]
    gated: bool
    gate_codes: tuple[str, ...]
    provisional: bool
    below_minimum: bool


def _standard_base(criterion: CriterionSpec, inputs: CriterionInputs) -> Decimal:
    return criterion.standard_points


def _parts_base(criterion: CriterionSpec, inputs: CriterionInputs) -> Decimal:
    return sum((part.points for part in criterion.base.parts if inputs.parts.get(part.code) is True), ZERO)


def _within(value: Decimal, lower: Decimal, below: Decimal | None) -> bool:
    return lower <= value and (below is None or value < below)


def _bands_base(criterion: CriterionSpec, inputs: CriterionInputs) -> Decimal:
    value = inputs.value
    if value is None:
        return ZERO
    return next((band.points for band in criterion.base.bands if _within(value, band.lower, band.below)), ZERO)


def _target_base(criterion: CriterionSpec, inputs: CriterionInputs) -> Decimal:
    target = _configured(criterion.base.target, criterion.code, "the target")
    if target <= 0:
        raise ValueError(f"{criterion.code}: the target must be greater than 0; validate the table first.")
    if inputs.value is None:
        return ZERO
    if inputs.value >= target:
        return criterion.standard_points
    return criterion.standard_points * inputs.value / target  # multiply first: one inexact step


def _count_base(criterion: CriterionSpec, inputs: CriterionInputs) -> Decimal:
    minimum = _configured(criterion.base.minimum, criterion.code, "the minimum")
    if minimum < 1:
        raise ValueError(f"{criterion.code}: the minimum must be at least 1; validate the table first.")
    count = inputs.count or 0
    if count >= minimum:
        return criterion.standard_points
    return criterion.standard_points * count / minimum if criterion.base.partial else ZERO


def _span_index(spans: Sequence[Span], value: Decimal | None) -> int | None:
    if value is None:
        return None
    return next((index for index, span in enumerate(spans) if _within(value, span.lower, span.below)), None)


def _lookup_base(criterion: CriterionSpec, inputs: CriterionInputs) -> Decimal:
    row = _span_index(criterion.base.rows, inputs.size)
    column = _span_index(criterion.base.columns, inputs.value)
    if row is None or column is None:
        return ZERO
    return criterion.base.matrix[row][column]


def _manual_base(criterion: CriterionSpec, inputs: CriterionInputs) -> Decimal:
    return inputs.points if inputs.points is not None else ZERO


def _relative_base(criterion: CriterionSpec, inputs: CriterionInputs) -> Decimal:
    if inputs.value is None or inputs.target is None:
        return ZERO
    return provisional_relative_points(criterion.standard_points, inputs.value, inputs.target)


_BASES: dict[BaseKind, Callable[[CriterionSpec, CriterionInputs], Decimal]] = {
    BaseKind.STANDARD: _standard_base,
    BaseKind.YES_NO_PARTS: _parts_base,
    BaseKind.BANDS: _bands_base,
    BaseKind.TARGET: _target_base,
    BaseKind.COUNT_MINIMUM: _count_base,
    BaseKind.LOOKUP: _lookup_base,
    BaseKind.MANUAL: _manual_base,
    BaseKind.RELATIVE_TO_LEADER: _relative_base,
}


def _per_amount(rule: RuleSpec, answer: RuleAnswer | None) -> Decimal:
    points = _configured(rule.points, rule.code, "the points")
    if _configured(rule.per, rule.code, "per") is Per.ONCE:
        return points if answer is True else ZERO
    return points * Decimal(answer) if isinstance(answer, int | Decimal) and not isinstance(answer, bool) else ZERO


def _step_amount(rule: RuleSpec, answer: RuleAnswer | None, value: Decimal | None) -> Decimal:
    above = _configured(rule.above, rule.code, "the threshold")
    step = _configured(rule.step, rule.code, "the step")
    if isinstance(answer, Decimal | int) and not isinstance(answer, bool):
        value = Decimal(answer)
    if value is None or not value > above or not step > 0:
        return ZERO
    return _configured(rule.points, rule.code, "the points") * ((value - above) // step)


def rule_amounts(rule: RuleSpec, inputs: CriterionInputs) -> tuple[Decimal, Decimal]:
    """(deduction, bonus) of one rule line after its own cap; a gate gives (0, 0)."""
    answer = inputs.rules.get(rule.code)
    deduction = bonus = ZERO
    if rule.kind is RuleKind.DEDUCTION:
        deduction = _per_amount(rule, answer)
    elif rule.kind is RuleKind.BONUS:
        bonus = _per_amount(rule, answer)
    elif rule.kind is RuleKind.EITHER and answer is True:
        bonus = _configured(rule.bonus, rule.code, "the bonus")
    elif rule.kind is RuleKind.EITHER and answer is False:
        deduction = _configured(rule.deduction, rule.code, "the deduction")
    elif rule.kind is RuleKind.STEP_BONUS:
        bonus = _step_amount(rule, answer, inputs.value)
    return _capped(deduction, rule.cap), _capped(bonus, rule.cap)


def score_criterion(
    criterion: CriterionSpec,
    inputs: CriterionInputs | Mapping[str, object] | None = None,
    *,
    relative_base: Decimal | None = None,
) -> CriterionResult:
    """One criterion scored. For relative_to_leader, ``relative_base`` is the figure from ``relative_points``
    over the bloc; without it the result is the provisional figure, flagged ``provisional``."""
    parsed = inputs if isinstance(inputs, CriterionInputs) else parse_inputs(criterion, inputs)
    relative = criterion.base.kind is BaseKind.RELATIVE_TO_LEADER
    if relative_base is not None and not relative:
        raise ValueError(f"{criterion.code}: only a relative_to_leader criterion takes a relative base.")
    base = relative_base if relative_base is not None else _BASES[criterion.base.kind](criterion, parsed)
    amounts = {rule.code: rule_amounts(rule, parsed) for rule in criterion.rules if rule.kind is not RuleKind.GATE}
    deduction = _capped(sum((amount[0] for amount in amounts.values()), ZERO), criterion.deduction_cap)
    rules = {rule.code: rule for rule in criterion.rules}
    counted = {
        code: ZERO if rules[code].only_without_deductions and deduction > 0 else bonus
        for code, (_, bonus) in amounts.items()
    }
    bonus = _capped(sum(counted.values(), ZERO), criterion.bonus_cap)
    net = round_points(max(ZERO, base - deduction))
    points = net + bonus
    gates = tuple(
        rule.code for rule in criterion.rules if rule.kind is RuleKind.GATE and parsed.rules.get(rule.code) is True
    )
    minimum = criterion.minimum_points
    return CriterionResult(
        code=criterion.code,
        role=criterion.role,
        base=round_points(base),
        deduction=deduction,
        bonus=bonus,
        net=net,
        points=points,
        contributions={code: counted[code] - amounts[code][0] for code in amounts},
        parts=dict(parsed.parts),
        gated=bool(gates),
        gate_codes=gates,
        provisional=relative and relative_base is None,
        below_minimum=criterion.role is Role.REGULAR and minimum is not None and points < minimum,
    )


# ---- relative to the leader -----------------------------------------------------------------------------------------


def _relative_fraction(
    standard: Fraction, value: Fraction, target: Fraction, leader_share: Fraction | None
) -> Fraction:
    half = standard / 2
    if value <= target:
        return half * value / target
    if leader_share is None:  # provisional: the least it is sure to get
        return half
    return half + half * ((value - target) / target) / leader_share


def relative_points[K](standard: Decimal, entries: Mapping[K, tuple[Decimal, Decimal]]) -> dict[K, Decimal]:
    """Final relative_to_leader points of a bloc (or campaign), key → (value, target), unrounded.

    Below target: standard × 0.5 × value/target; at target: standard × 0.5; the largest excess share
    (value − target)/target gets the standard (ties all do); others above target: standard × 0.5 × (1 + share/lead).
    """
    shares: dict[K, Fraction] = {}
    for key, (value, target) in entries.items():
        if not target > 0:
            raise ValueError(f"{key}: the target must be greater than 0.")
        shares[key] = (Fraction(value) - Fraction(target)) / Fraction(target)
    leader_share = max((share for share in shares.values() if share > 0), default=None)
    return {
        key: _decimal(_relative_fraction(Fraction(standard), Fraction(value), Fraction(target), leader_share))
        for key, (value, target) in entries.items()
    }


def provisional_relative_points(standard: Decimal, value: Decimal, target: Decimal) -> Decimal:
    """The figure one unit sees before its bloc is ranked: exact below target, standard × 0.5 at or above it."""
    if not target > 0:
        raise ValueError("The target must be greater than 0.")
    return _decimal(_relative_fraction(Fraction(standard), Fraction(value), Fraction(target), None))


# ---- the table ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableResult:
    """A participant's table scored. Group subtotals add criteria points (net + B) before the table's caps,
    penalty-role criteria counted negative; ``tier`` is None when gated, without tiers, or below every bound."""

    criteria: dict[str, CriterionResult]
    groups: dict[str, Decimal]
    regular: Decimal
    bonus: Decimal  # after the table's bonus cap
    bonus_before_cap: Decimal
    penalty: Decimal  # after the table's penalty cap, subtracted
    penalty_before_cap: Decimal
    total: Decimal
    gated: bool
    gate_codes: tuple[str, ...]
    below_minimum: tuple[str, ...]
    tier: str | None
    classified: bool
    provisional: bool


def _signed_points(result: CriterionResult) -> Decimal:
    return -result.points if result.role is Role.PENALTY else result.points


def _add_subtotals(
    groups: Sequence[GroupSpec], criteria: Mapping[str, CriterionResult], into: dict[str, Decimal]
) -> None:
    for group in groups:
        _add_subtotals(group.groups, criteria, into)
        own = sum((_signed_points(criteria[criterion.code]) for criterion in group.criteria), ZERO)
        into[group.code] = own + sum((into[child.code] for child in group.groups), ZERO)


def tier_for(tiers: Sequence[Tier], total: Decimal, *, below_minimum: bool = False) -> Tier | None:
    """The first tier (best first) whose bound ``total`` reaches; under a điểm liệt the top tier is out of reach
    (as in the legacy engine, unless it is the only tier). None below every bound."""
    candidates = tiers[1:] if below_minimum and len(tiers) > 1 else tiers
    return next((tier for tier in candidates if total >= tier.lower), None)


def table_result(table: TableSpec, criteria: Mapping[str, CriterionResult]) -> TableResult:
    """The table's totals from its criteria results (criterion code → result)."""
    results = [criteria[criterion.code] for criterion in iter_criteria(table)]
    regular = sum((result.net for result in results if result.role is Role.REGULAR), ZERO)
    bonus_before_cap = sum(
        (
            result.bonus if result.role is Role.REGULAR else result.points
            for result in results
            if result.role is not Role.PENALTY
        ),
        ZERO,
    )
    penalty_before_cap = sum((result.points for result in results if result.role is Role.PENALTY), ZERO)
    bonus = _capped(bonus_before_cap, table.bonus_cap)
    penalty = _capped(penalty_before_cap, table.penalty_cap)
    total = max(ZERO, regular + bonus - penalty)
    gate_codes = tuple(code for result in results for code in result.gate_codes)
    below_minimum = tuple(result.code for result in results if result.below_minimum)
    tier = None if gate_codes else tier_for(table.tiers, total, below_minimum=bool(below_minimum))
    groups: dict[str, Decimal] = {}
    _add_subtotals(table.groups, criteria, groups)
    return TableResult(
        criteria={result.code: result for result in results},
        groups=groups,
        regular=regular,
        bonus=bonus,
        bonus_before_cap=bonus_before_cap,
        penalty=penalty,
        penalty_before_cap=penalty_before_cap,
        total=total,
        gated=bool(gate_codes),
        gate_codes=gate_codes,
        below_minimum=below_minimum,
        tier=None if tier is None else tier.name,
        classified=not gate_codes,
        provisional=any(result.provisional for result in results),
    )


def score_table(
    table: TableSpec,
    submission: Mapping[str, object] | None = None,
    *,
    relative: Mapping[str, Decimal] | None = None,
) -> TableResult:
    """One participant's table from its submission (criterion code → answers; unanswered counts as nothing).
    ``relative`` gives final relative_to_leader figures by criterion code (see ``score_participants``)."""
    inputs = parse_submission(table, submission or {})
    relative = relative or {}
    criteria = {
        criterion.code: score_criterion(criterion, inputs[criterion.code], relative_base=relative.get(criterion.code))
        for criterion in iter_criteria(table)
    }
    return table_result(table, criteria)


def score_participants[K](table: TableSpec, submissions: Mapping[K, Mapping[str, object]]) -> dict[K, TableResult]:
    """Every participant of one bloc (or campaign) scored together: relative_to_leader criteria are final."""
    parsed = {key: parse_submission(table, submission) for key, submission in submissions.items()}
    relative: dict[K, dict[str, Decimal]] = {key: {} for key in parsed}
    for criterion in iter_criteria(table):
        if criterion.base.kind is not BaseKind.RELATIVE_TO_LEADER:
            continue
        entries: dict[K, tuple[Decimal, Decimal]] = {}
        for key, inputs in parsed.items():
            answers = inputs[criterion.code]
            relative[key][criterion.code] = ZERO
            if answers.value is not None and answers.target is not None:
                entries[key] = (answers.value, answers.target)
        for key, figure in relative_points(criterion.standard_points, entries).items():
            relative[key][criterion.code] = figure
    return {key: score_table(table, parsed[key], relative=relative[key]) for key in parsed}


@dataclass(frozen=True)
class Totals:
    """A participant's totals from its criteria results as the services store them (one row per submission):
    ``regular`` leaves out relative_to_leader criteria, whose net is ``relative`` (provisional until ranked)."""

    regular: Decimal
    relative: Decimal
    bonus_before_cap: Decimal
    penalty_before_cap: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    gated: bool
    below_minimum: bool


def totals_of(
    results: Iterable[tuple[Role, Decimal, Decimal, bool, bool, bool]],
    *,
    bonus_cap: Decimal | None,
    penalty_cap: Decimal | None,
) -> Totals:
    """Totals from (role, net, bonus, is_relative, gated, below_minimum) per criterion; the same arithmetic as
    ``table_result`` (a property test keeps them equal), for rows kept in the database."""
    regular = relative = bonus_pool = penalty_pool = ZERO
    gated = below = False
    for role, net, bonus, is_relative, is_gated, is_below in results:
        gated = gated or is_gated
        if role is Role.PENALTY:
            penalty_pool += net + bonus
            continue
        if role is Role.BONUS:
            bonus_pool += net + bonus
            continue
        bonus_pool += bonus
        below = below or is_below
        if is_relative:
            relative += net
        else:
            regular += net
    bonus_capped = _capped(bonus_pool, bonus_cap)
    penalty_capped = _capped(penalty_pool, penalty_cap)
    return Totals(
        regular=regular,
        relative=relative,
        bonus_before_cap=bonus_pool,
        penalty_before_cap=penalty_pool,
        bonus=bonus_capped,
        penalty=penalty_capped,
        total=max(ZERO, regular + relative + bonus_capped - penalty_capped),
        gated=gated,
        below_minimum=below,
    )


def rank_competition(values: Sequence[Decimal]) -> list[int]:
    """Competition ranks, highest value first, in input order: ties share a rank (1, 2, 2, 4)."""
    rank_of: dict[Decimal, int] = {}
    for position, value in enumerate(sorted(values, reverse=True), start=1):
        rank_of.setdefault(value, position)
    return [rank_of[value] for value in values]


def rank_classified(values: Sequence[Decimal | None]) -> list[int | None]:
    """Competition ranks of the classified (``None`` = not classified, no rank and not counted)."""
    ranks = iter(rank_competition([value for value in values if value is not None]))
    return [None if value is None else next(ranks) for value in values]
