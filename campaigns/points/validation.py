"""Checking a table: every problem at once, each naming its criterion, rule or group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from campaigns.points.messages import (
    AMOUNT_NEGATIVE,
    AMOUNT_NOT_A_NUMBER,
    AMOUNT_TOO_PRECISE,
    DUPLICATE_CRITERION_CODE,
    DUPLICATE_GROUP_CODE,
    DUPLICATE_PART_CODE,
    DUPLICATE_RULE_CODE,
    DUPLICATE_TIER_NAME,
    EITHER_INCOMPLETE,
    EMPTY_CRITERION_CODE,
    EMPTY_GROUP_CODE,
    EMPTY_PART_CODE,
    EMPTY_RULE_CODE,
    EMPTY_TIER_NAME,
    GROUP_MAX_MISMATCH,
    LOOKUP_SHAPE,
    MINIMUM_MISSING,
    MINIMUM_POINTS_NOT_REGULAR,
    MINIMUM_POINTS_OUT_OF_RANGE,
    NO_RANGES,
    ONLY_WITHOUT_DEDUCTIONS_NOT_BONUS,
    PARTS_SUM_MISMATCH,
    POINTS_ABOVE_STANDARD,
    RANGE_EMPTY,
    RANGES_GAP,
    RANGES_OPEN_END,
    RANGES_OVERLAP,
    RULE_PER_MISSING,
    RULE_POINTS_MISSING,
    SCOPE_MISSING,
    STEP_NOT_POSITIVE,
    STEP_THRESHOLD_MISSING,
    TARGET_MISSING,
    TIERS_NOT_DESCENDING,
    TOTAL_MISMATCH,
    ZERO,
    Message,
)
from campaigns.points.numbers import has_two_decimals
from campaigns.points.spec import (
    Band,
    BaseKind,
    CriterionSpec,
    GroupSpec,
    Role,
    RuleKind,
    RuleSpec,
    Span,
    TableSpec,
    Tier,
    iter_criteria,
    iter_groups,
)

# ---- validation -----------------------------------------------------------------------------------------------------


def _amount_problems(where: str, name: str, amount: Decimal | None, *, points: bool = True) -> list[Message]:
    """An amount that is not a finite non-negative number (with at most 2 decimals when it is points)."""
    if amount is None:
        return []
    if not isinstance(amount, Decimal) or not amount.is_finite():
        return [Message(AMOUNT_NOT_A_NUMBER, where=where, field=name)]
    if amount < 0:
        return [Message(AMOUNT_NEGATIVE, where=where, field=name)]
    if points and not has_two_decimals(amount):
        return [Message(AMOUNT_TOO_PRECISE, where=where, field=name)]
    return []


def _code_problems(codes: Sequence[str], empty: str | None, duplicate: str, **params: object) -> list[Message]:
    """Empty codes (by position, unless ``empty`` is None) and each repeated use of a code."""
    problems: list[Message] = []
    seen: set[str] = set()
    for position, raw in enumerate(codes, start=1):
        code = raw.strip()
        if not code and empty is not None:
            problems.append(Message(empty, position=position, **params))
        elif code and code in seen:
            problems.append(Message(duplicate, code=code, **params))
        seen.add(code)
    return problems


def _all_code_problems(table: TableSpec) -> list[Message]:
    """Group, criterion and rule codes are each unique in the whole table (empty rule codes: per criterion)."""
    criteria = list(iter_criteria(table))
    groups = [group.code for group in iter_groups(table.groups)]
    problems = _code_problems(groups, EMPTY_GROUP_CODE, DUPLICATE_GROUP_CODE)
    problems += _code_problems(
        [criterion.code for criterion in criteria], EMPTY_CRITERION_CODE, DUPLICATE_CRITERION_CODE
    )
    rules = [rule.code for criterion in criteria for rule in criterion.rules]
    return problems + _code_problems(rules, None, DUPLICATE_RULE_CODE)


def _own_code_problems(criterion: CriterionSpec) -> list[Message]:
    """Empty rule codes, and empty or repeated part codes (parts are unique within their criterion)."""
    code = criterion.code
    problems = [
        Message(EMPTY_RULE_CODE, criterion=code, position=position)
        for position, rule in enumerate(criterion.rules, start=1)
        if not rule.code.strip()
    ]
    parts = [part.code for part in criterion.base.parts]
    return problems + _code_problems(parts, EMPTY_PART_CODE, DUPLICATE_PART_CODE, criterion=code)


def _points_problems(criterion: CriterionSpec, where: str, name: str, points: Decimal) -> list[Message]:
    problems = _amount_problems(where, name, points)
    if not problems and points > criterion.standard_points:
        problems.append(
            Message(POINTS_ABOVE_STANDARD, criterion=criterion.code, points=points, standard=criterion.standard_points)
        )
    return problems


def _coverage_problems(code: str, name: str, ranges: Sequence[Band | Span]) -> list[Message]:
    """Overlaps and gaps of well-formed ranges over [0, ∞)."""
    problems: list[Message] = []
    reach: Decimal | None = ZERO  # [0, reach) is covered; None: everything is
    previous: Band | Span | None = None
    for current in sorted(ranges, key=lambda item: item.lower):
        if previous is not None and (reach is None or current.lower < reach):
            problems.append(
                Message(RANGES_OVERLAP, criterion=code, field=name, first=previous.lower, second=current.lower)
            )
        elif reach is not None and current.lower > reach:
            problems.append(Message(RANGES_GAP, criterion=code, field=name, lower=reach, below=current.lower))
        if reach is not None:
            reach = None if current.below is None else max(reach, current.below)
        previous = current
    if reach is not None and ranges:
        problems.append(Message(RANGES_OPEN_END, criterion=code, field=name, lower=reach))
    return problems


def _range_problems(code: str, name: str, ranges: Sequence[Band | Span]) -> list[Message]:
    if not ranges:
        return [Message(NO_RANGES, criterion=code, field=name)]
    problems: list[Message] = []
    for item in ranges:
        problems += _amount_problems(code, "from", item.lower, points=False)
        problems += _amount_problems(code, "below", item.below, points=False)
    if problems:
        return problems
    well_formed = [item for item in ranges if item.below is None or item.lower < item.below]
    problems = [
        Message(RANGE_EMPTY, criterion=code, field=name, lower=item.lower, below=item.below)
        for item in ranges
        if item not in well_formed
    ]
    return problems + _coverage_problems(code, name, well_formed)


def _parts_problems(criterion: CriterionSpec) -> list[Message]:
    problems = [
        problem
        for part in criterion.base.parts
        for problem in _amount_problems(f"{criterion.code}, {part.code}", "points", part.points)
    ]
    actual = sum((part.points for part in criterion.base.parts), ZERO)
    if not problems and actual != criterion.standard_points:
        problems.append(
            Message(PARTS_SUM_MISMATCH, criterion=criterion.code, actual=actual, standard=criterion.standard_points)
        )
    return problems


def _bands_problems(criterion: CriterionSpec) -> list[Message]:
    problems = _range_problems(criterion.code, "bands", criterion.base.bands)
    for band in criterion.base.bands:
        problems += _points_problems(criterion, criterion.code, "points", band.points)
    return problems


def _target_problems(criterion: CriterionSpec) -> list[Message]:
    target = criterion.base.target
    if target is None or not target.is_finite() or not target > 0:
        return [Message(TARGET_MISSING, criterion=criterion.code)]
    return []


def _count_problems(criterion: CriterionSpec) -> list[Message]:
    minimum = criterion.base.minimum
    if minimum is None or isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        return [Message(MINIMUM_MISSING, criterion=criterion.code)]
    return []


def _lookup_problems(criterion: CriterionSpec) -> list[Message]:
    base, code = criterion.base, criterion.code
    problems = _range_problems(code, "rows", base.rows) + _range_problems(code, "columns", base.columns)
    if len(base.matrix) != len(base.rows) or any(len(row) != len(base.columns) for row in base.matrix):
        problems.append(Message(LOOKUP_SHAPE, criterion=code, rows=len(base.rows), columns=len(base.columns)))
    for row in base.matrix:
        for points in row:
            problems += _points_problems(criterion, code, "points", points)
    return problems


def _relative_problems(criterion: CriterionSpec) -> list[Message]:
    return [] if criterion.base.scope is not None else [Message(SCOPE_MISSING, criterion=criterion.code)]


_BASE_PROBLEMS: dict[BaseKind, Callable[[CriterionSpec], list[Message]]] = {
    BaseKind.STANDARD: lambda criterion: [],
    BaseKind.YES_NO_PARTS: _parts_problems,
    BaseKind.BANDS: _bands_problems,
    BaseKind.TARGET: _target_problems,
    BaseKind.COUNT_MINIMUM: _count_problems,
    BaseKind.LOOKUP: _lookup_problems,
    BaseKind.MANUAL: lambda criterion: [],
    BaseKind.RELATIVE_TO_LEADER: _relative_problems,
}


def _rule_shape_problems(criterion: CriterionSpec, rule: RuleSpec) -> list[Message]:
    params = {"criterion": criterion.code, "rule": rule.code}
    problems: list[Message] = []
    if rule.kind in (RuleKind.DEDUCTION, RuleKind.BONUS, RuleKind.STEP_BONUS) and rule.points is None:
        problems.append(Message(RULE_POINTS_MISSING, **params))
    if rule.kind in (RuleKind.DEDUCTION, RuleKind.BONUS) and rule.per is None:
        problems.append(Message(RULE_PER_MISSING, **params))
    if rule.kind is RuleKind.EITHER and (rule.bonus is None or rule.deduction is None):
        problems.append(Message(EITHER_INCOMPLETE, **params))
    if rule.kind is RuleKind.STEP_BONUS and rule.above is None:
        problems.append(Message(STEP_THRESHOLD_MISSING, **params))
    if rule.kind is RuleKind.STEP_BONUS and (rule.step is None or not rule.step.is_finite() or not rule.step > 0):
        problems.append(Message(STEP_NOT_POSITIVE, **params))
    if rule.only_without_deductions and rule.kind in (RuleKind.DEDUCTION, RuleKind.GATE):
        problems.append(Message(ONLY_WITHOUT_DEDUCTIONS_NOT_BONUS, **params))
    return problems


def _rule_problems(criterion: CriterionSpec, rule: RuleSpec) -> list[Message]:
    where = f"{criterion.code}, {rule.code}"
    problems = _rule_shape_problems(criterion, rule)
    for name, amount in (("points", rule.points), ("bonus", rule.bonus), ("deduction", rule.deduction)):
        problems += _amount_problems(where, name, amount)
    problems += _amount_problems(where, "cap", rule.cap)
    return problems + _amount_problems(where, "above", rule.above, points=False)


def _minimum_points_problems(criterion: CriterionSpec) -> list[Message]:
    minimum = criterion.minimum_points
    if minimum is None:
        return []
    if criterion.role is not Role.REGULAR:
        return [Message(MINIMUM_POINTS_NOT_REGULAR, criterion=criterion.code)]
    if not minimum.is_finite() or not 0 <= minimum <= criterion.standard_points:
        return [Message(MINIMUM_POINTS_OUT_OF_RANGE, criterion=criterion.code, max_points=criterion.standard_points)]
    return _amount_problems(criterion.code, "minimum_points", minimum)


def _criterion_problems(criterion: CriterionSpec) -> list[Message]:
    code = criterion.code
    problems = _own_code_problems(criterion)
    problems += _amount_problems(code, "standard_points", criterion.standard_points)
    if problems and any(problem.params.get("field") == "standard_points" for problem in problems):
        return problems  # nothing else can be checked against a broken standard
    problems += _amount_problems(code, "deduction_cap", criterion.deduction_cap)
    problems += _amount_problems(code, "bonus_cap", criterion.bonus_cap)
    problems += _minimum_points_problems(criterion)
    problems += _BASE_PROBLEMS[criterion.base.kind](criterion)
    for rule in criterion.rules:
        problems += _rule_problems(criterion, rule)
    return problems


def _regular_standard(criteria: Sequence[CriterionSpec]) -> Decimal:
    return sum((criterion.standard_points for criterion in criteria if criterion.role is Role.REGULAR), ZERO)


def _group_problems(groups: Sequence[GroupSpec]) -> list[Message]:
    problems: list[Message] = []
    for group in iter_groups(groups):
        problems += _amount_problems(group.code, "max_points", group.max_points)
        actual = _regular_standard([criterion for inner in iter_groups([group]) for criterion in inner.criteria])
        if group.max_points is not None and group.max_points.is_finite() and group.max_points != actual:
            problems.append(Message(GROUP_MAX_MISMATCH, group=group.code, declared=group.max_points, actual=actual))
    return problems


def _tier_problems(tiers: Sequence[Tier]) -> list[Message]:
    problems: list[Message] = []
    seen: set[str] = set()
    for position, tier in enumerate(tiers, start=1):
        name = tier.name.strip()
        if not name:
            problems.append(Message(EMPTY_TIER_NAME, position=position))
        elif name.casefold() in seen:
            problems.append(Message(DUPLICATE_TIER_NAME, name=name))
        seen.add(name.casefold())
        problems += _amount_problems(name or f"#{position}", "from", tier.lower)
    for previous, tier in zip(tiers, tiers[1:], strict=False):
        if not tier.lower < previous.lower:
            problems.append(Message(TIERS_NOT_DESCENDING, name=tier.name.strip(), previous=previous.name.strip()))
    return problems


def _table_problems(table: TableSpec) -> list[Message]:
    problems: list[Message] = []
    for name, amount in (
        ("bonus_cap", table.bonus_cap),
        ("penalty_cap", table.penalty_cap),
        ("total_standard_points", table.declared_total),
    ):
        problems += _amount_problems(table.title or "table", name, amount)
    actual = _regular_standard(list(iter_criteria(table)))
    if table.declared_total is not None and table.declared_total.is_finite() and actual != table.declared_total:
        problems.append(Message(TOTAL_MISMATCH, actual=actual, declared=table.declared_total))
    return problems


def validate_table(table: TableSpec) -> list[Message]:
    """Every problem with this table (English ``Message`` strings, each once); empty when it can be used."""
    problems = _all_code_problems(table)
    for criterion in iter_criteria(table):
        problems += _criterion_problems(criterion)
    problems += _group_problems(table.groups) + _table_problems(table) + _tier_problems(table.tiers)
    return list(dict.fromkeys(problems))
