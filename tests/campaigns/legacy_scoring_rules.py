"""The legacy scoring engine (four methods, three kinds), kept only as the oracle of the legacy-equivalence tests.

``campaigns/points/`` replaced it in production (``legacy_criterion`` / ``legacy_inputs`` map onto it). The
message marker is not called ``gettext_noop`` so that ``makemessages`` leaves these old strings out.

Pure scoring rules (no Django): criterion input → points, table totals, tier lookup, ranking.

Every number is a ``Decimal`` (never float). Points are rounded once per criterion, half up, to
``POINTS_QUANTUM``. Messages are English templates marked with ``gettext_noop`` so ``makemessages``
collects them; callers translate with ``gettext(message.template) % message.params``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

POINTS_QUANTUM = Decimal("0.01")
MAX_POINTS_STEP = Decimal("0.25")
ZERO = Decimal("0")


def _noop(message: str) -> str:
    """Mark a message for extraction by ``makemessages`` without translating it (no Django here)."""
    return message


# Input errors (raised by points_for / total_for).
NOT_A_NUMBER = _noop("%(code)s: the value must be a number.")
NOT_A_YES_NO = _noop("%(code)s: the value must be yes or no.")
NOT_A_WHOLE_NUMBER = _noop("%(code)s: the value must be a whole number.")
NEGATIVE_VALUE = _noop("%(code)s: the value cannot be negative.")
POINTS_OUT_OF_RANGE = _noop("%(code)s: points must be between 0 and %(max_points)s.")
UNKNOWN_CRITERION = _noop("%(code)s: there is no such criterion in this table.")
# Table problems (returned by validate_table).
EMPTY_CODE = _noop("Criterion number %(position)s has no code.")
DUPLICATE_CODE = _noop("%(code)s: the code is used more than once.")
MAX_POINTS_NOT_POSITIVE = _noop("%(code)s: maximum points must be greater than 0.")
MAX_POINTS_BAD_STEP = _noop("%(code)s: maximum points must be a multiple of %(step)s.")
TARGET_VALUE_MISSING = _noop("%(code)s: a target criterion needs a target value greater than 0.")
COUNT_MINIMUM_MISSING = _noop("%(code)s: a count criterion needs a required minimum of at least 1.")
MINIMUM_POINTS_OUT_OF_RANGE = _noop("%(code)s: the minimum points must be between 0 and %(max_points)s.")
MINIMUM_POINTS_NOT_REGULAR = _noop("%(code)s: only regular criteria can have minimum points.")
TOTAL_MISMATCH = _noop("The criteria add up to %(actual)s points but the table declares %(declared)s.")
DECLARED_TOTAL_NOT_POSITIVE = _noop("The declared total must be greater than 0.")
CAP_NEGATIVE = _noop("The %(which)s cap cannot be negative.")
# Tier problems (returned by validate_tiers).
NO_TIERS = _noop("Define at least one tier.")
EMPTY_TIER_NAME = _noop("Tier number %(position)s has no name.")
DUPLICATE_TIER_NAME = _noop("The tier “%(name)s” appears more than once.")
TIERS_NOT_DESCENDING = _noop("“%(name)s” must have a lower bound below that of “%(previous)s”.")
LOWEST_TIER_NOT_ZERO = _noop("The last tier (“%(name)s”) must start at 0 so that every score has a tier.")
TIER_BOUND_OUT_OF_RANGE = _noop("“%(name)s”: the lower bound must be between 0 and %(total)s.")


class Method(StrEnum):
    MANUAL = "manual"
    TARGET = "target"
    BOOLEAN = "boolean"
    COUNT = "count"


class Kind(StrEnum):
    REGULAR = "regular"
    BONUS = "bonus"
    PENALTY = "penalty"


class Message(str):
    """An English message (a plain ``str``) that keeps its template and parameters for translation."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Message:
        message = super().__new__(cls, template % params)
        message.template = template
        message.params = params
        return message

    # Shadows str.translate(table) on purpose: a Message is only formatted or handed to gettext, never given a
    # translation table, and callers already use this name.
    def translate(self, gettext: Callable[[str], str]) -> str:  # type: ignore[override]
        """This message in the language of ``gettext`` (e.g. Django's)."""
        return gettext(self.template) % self.params


class ScoringInputError(ValueError):
    """An input that cannot be turned into points; ``message`` is a translatable ``Message``."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CriterionRule:
    code: str
    max_points: Decimal
    method: Method
    kind: Kind = Kind.REGULAR
    target_value: Decimal | None = None
    count_minimum: int | None = None
    count_partial: bool = False  # below the minimum: proportional points if True, else 0
    minimum_points: Decimal | None = None  # điểm liệt
    evidence_required: bool = False


@dataclass(frozen=True)
class TableRule:
    criteria: tuple[CriterionRule, ...]
    declared_total: Decimal
    bonus_cap: Decimal | None = None
    penalty_cap: Decimal | None = None


@dataclass(frozen=True)
class Total:
    regular: Decimal
    bonus: Decimal  # after the table's bonus cap
    penalty: Decimal  # after the table's penalty cap, a positive number subtracted from the total
    total: Decimal  # max(0, regular + bonus - penalty)
    below_minimum: tuple[str, ...]  # codes under their minimum points (điểm liệt)


@dataclass(frozen=True)
class TierRule:
    name: str
    lower_bound: Decimal


def round_points(points: Decimal) -> Decimal:
    """Points rounded half up to ``POINTS_QUANTUM`` (0.125 → 0.13)."""
    return points.quantize(POINTS_QUANTUM, rounding=ROUND_HALF_UP)


def _number(rule: CriterionRule, value: object) -> Decimal:
    """``value`` as a finite, non-negative Decimal (int or Decimal only; bool and float refused)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ScoringInputError(Message(NOT_A_NUMBER, code=rule.code))
    number = Decimal(value)
    if not number.is_finite():
        raise ScoringInputError(Message(NOT_A_NUMBER, code=rule.code))
    if number < 0:
        raise ScoringInputError(Message(NEGATIVE_VALUE, code=rule.code))
    return number


def _manual_points(rule: CriterionRule, value: object) -> Decimal:
    points = _number(rule, value)
    if points > rule.max_points:
        raise ScoringInputError(Message(POINTS_OUT_OF_RANGE, code=rule.code, max_points=rule.max_points))
    return points


def _target_points(rule: CriterionRule, value: object) -> Decimal:
    achieved = _number(rule, value)
    if rule.target_value is None or rule.target_value <= 0:
        raise ValueError(f"{rule.code}: target criterion without a positive target value; validate the table first.")
    if achieved >= rule.target_value:
        return rule.max_points
    # Multiply before dividing so the only inexact step is one division.
    return rule.max_points * achieved / rule.target_value


def _boolean_points(rule: CriterionRule, value: object) -> Decimal:
    if not isinstance(value, bool):
        raise ScoringInputError(Message(NOT_A_YES_NO, code=rule.code))
    return rule.max_points if value else ZERO


def _count_points(rule: CriterionRule, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScoringInputError(Message(NOT_A_WHOLE_NUMBER, code=rule.code))
    if value < 0:
        raise ScoringInputError(Message(NEGATIVE_VALUE, code=rule.code))
    if rule.count_minimum is None or rule.count_minimum < 1:
        raise ValueError(f"{rule.code}: count criterion without a minimum of at least 1; validate the table first.")
    if value >= rule.count_minimum:
        return rule.max_points
    if rule.count_partial:
        return rule.max_points * value / rule.count_minimum
    return ZERO


_METHODS: dict[Method, Callable[[CriterionRule, object], Decimal]] = {
    Method.MANUAL: _manual_points,
    Method.TARGET: _target_points,
    Method.BOOLEAN: _boolean_points,
    Method.COUNT: _count_points,
}


def points_for(rule: CriterionRule, value: object) -> Decimal:
    """Points (0 … max, rounded) that ``value`` earns on ``rule``; bonus and penalty are also non-negative."""
    return round_points(_METHODS[Method(rule.method)](rule, value))


def _checked_points(rule: CriterionRule, points: object) -> Decimal:
    """Already-awarded points for ``rule``, refused when not a number within 0 … max."""
    if isinstance(points, bool) or not isinstance(points, int | Decimal) or not Decimal(points).is_finite():
        raise ScoringInputError(Message(NOT_A_NUMBER, code=rule.code))
    if not 0 <= points <= rule.max_points:
        raise ScoringInputError(Message(POINTS_OUT_OF_RANGE, code=rule.code, max_points=rule.max_points))
    return round_points(Decimal(points))


def _capped(amount: Decimal, cap: Decimal | None) -> Decimal:
    return amount if cap is None else min(amount, cap)


def total_for(table: TableRule, points_by_code: Mapping[str, Decimal]) -> Total:
    """The participant's total from points per criterion code; a missing answer counts as 0."""
    rules = {rule.code: rule for rule in table.criteria}
    for code in points_by_code:
        if code not in rules:
            raise ScoringInputError(Message(UNKNOWN_CRITERION, code=code))
    sums = dict.fromkeys(Kind, ZERO)
    below_minimum: list[str] = []
    for rule in table.criteria:
        points = _checked_points(rule, points_by_code.get(rule.code, ZERO))
        sums[Kind(rule.kind)] += points
        if rule.minimum_points is not None and points < rule.minimum_points:
            below_minimum.append(rule.code)
    bonus = _capped(sums[Kind.BONUS], table.bonus_cap)
    penalty = _capped(sums[Kind.PENALTY], table.penalty_cap)
    total = max(ZERO, sums[Kind.REGULAR] + bonus - penalty)
    return Total(
        regular=round_points(sums[Kind.REGULAR]),
        bonus=round_points(bonus),
        penalty=round_points(penalty),
        total=round_points(total),
        below_minimum=tuple(below_minimum),
    )


def _criterion_problems(rule: CriterionRule) -> list[str]:
    """Problems with one criterion on its own (code uniqueness is checked by the table)."""
    code, max_points = rule.code, Decimal(rule.max_points)
    problems: list[str] = []
    if not max_points.is_finite() or max_points <= 0:
        problems.append(Message(MAX_POINTS_NOT_POSITIVE, code=code))
    elif max_points % MAX_POINTS_STEP != 0:
        problems.append(Message(MAX_POINTS_BAD_STEP, code=code, step=MAX_POINTS_STEP))
    if rule.method == Method.TARGET and (rule.target_value is None or not rule.target_value > 0):
        problems.append(Message(TARGET_VALUE_MISSING, code=code))
    if rule.method == Method.COUNT and (rule.count_minimum is None or rule.count_minimum < 1):
        problems.append(Message(COUNT_MINIMUM_MISSING, code=code))
    if rule.minimum_points is not None:
        if rule.kind != Kind.REGULAR:
            problems.append(Message(MINIMUM_POINTS_NOT_REGULAR, code=code))
        elif not 0 <= rule.minimum_points <= rule.max_points:
            problems.append(Message(MINIMUM_POINTS_OUT_OF_RANGE, code=code, max_points=rule.max_points))
    return problems


def _code_problems(criteria: Sequence[CriterionRule]) -> list[str]:
    """Empty and duplicate codes, each duplicate reported once."""
    problems: list[str] = []
    seen: set[str] = set()
    for position, rule in enumerate(criteria, start=1):
        code = rule.code.strip()
        if not code:
            problems.append(Message(EMPTY_CODE, position=position))
        elif code in seen:
            problems.append(Message(DUPLICATE_CODE, code=code))
        seen.add(code)
    return list(dict.fromkeys(problems))


def validate_table(table: TableRule) -> list[str]:
    """Every problem with this scoring table (English ``Message`` strings); empty when it can be launched."""
    problems = _code_problems(table.criteria)
    for rule in table.criteria:
        if rule.code.strip():
            problems.extend(_criterion_problems(rule))
    if not table.declared_total > 0:
        problems.append(Message(DECLARED_TOTAL_NOT_POSITIVE))
    regular_sum = sum((rule.max_points for rule in table.criteria if rule.kind == Kind.REGULAR), ZERO)
    if regular_sum != table.declared_total:
        problems.append(Message(TOTAL_MISMATCH, actual=regular_sum, declared=table.declared_total))
    for which, cap in (("bonus", table.bonus_cap), ("penalty", table.penalty_cap)):
        if cap is not None and not cap >= 0:
            problems.append(Message(CAP_NEGATIVE, which=which))
    return problems


def validate_tiers(tiers: Sequence[TierRule], declared_total: Decimal | None = None) -> list[str]:
    """Every problem with these tiers (named bands, best first, strictly descending, the last at 0)."""
    if not tiers:
        return [Message(NO_TIERS)]
    problems: list[str] = []
    seen: set[str] = set()
    for position, tier in enumerate(tiers, start=1):
        name = tier.name.strip()
        if not name:
            problems.append(Message(EMPTY_TIER_NAME, position=position))
        elif name.casefold() in seen:
            problems.append(Message(DUPLICATE_TIER_NAME, name=name))
        seen.add(name.casefold())
        if declared_total is not None and not 0 <= tier.lower_bound <= declared_total:
            problems.append(Message(TIER_BOUND_OUT_OF_RANGE, name=name, total=declared_total))
    for previous, tier in zip(tiers, tiers[1:], strict=False):
        if not tier.lower_bound < previous.lower_bound:
            problems.append(Message(TIERS_NOT_DESCENDING, name=tier.name.strip(), previous=previous.name.strip()))
    if tiers[-1].lower_bound != 0:
        problems.append(Message(LOWEST_TIER_NOT_ZERO, name=tiers[-1].name.strip()))
    return list(dict.fromkeys(problems))


def tier_for(tiers: Sequence[TierRule], total: Decimal, *, below_minimum: bool = False) -> TierRule:
    """The first band whose lower bound ``total`` reaches; under a điểm liệt the top band is out of reach."""
    candidates = tiers[1:] if below_minimum and len(tiers) > 1 else tiers
    for tier in candidates:
        if total >= tier.lower_bound:
            return tier
    raise ValueError(f"No tier for a total of {total}; validate the tiers first.")


def rank_competition(values: Sequence[Decimal]) -> list[int]:
    """Competition ranks, highest value first, in input order: ties share a rank (1, 2, 2, 4)."""
    rank_of: dict[Decimal, int] = {}
    for position, value in enumerate(sorted(values, reverse=True), start=1):
        rank_of.setdefault(value, position)
    return [rank_of[value] for value in values]
