"""The table as data: groups, criteria, base methods, rule lines, tiers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

# ---- the table as data ----------------------------------------------------------------------------------------------


class Role(StrEnum):
    REGULAR = "regular"
    BONUS = "bonus"  # legacy: the criterion's points are table bonus
    PENALTY = "penalty"  # legacy: the criterion's points are table penalty


class BaseKind(StrEnum):
    STANDARD = "standard"
    YES_NO_PARTS = "yes_no_parts"
    BANDS = "bands"
    TARGET = "target"
    COUNT_MINIMUM = "count_minimum"
    LOOKUP = "lookup"
    MANUAL = "manual"
    RELATIVE_TO_LEADER = "relative_to_leader"


class RuleKind(StrEnum):
    DEDUCTION = "deduction"
    BONUS = "bonus"
    EITHER = "either"
    STEP_BONUS = "step_bonus"
    GATE = "gate"


class Per(StrEnum):
    OCCURRENCE = "occurrence"
    ONCE = "once"


class Scope(StrEnum):
    BLOC = "bloc"
    CAMPAIGN = "campaign"


@dataclass(frozen=True)
class Part:
    code: str
    points: Decimal
    text: str = ""


@dataclass(frozen=True)
class Band:
    """Points for a value in [lower, below); ``below=None`` is open upward."""

    lower: Decimal
    points: Decimal
    below: Decimal | None = None
    name: str = ""


@dataclass(frozen=True)
class Span:
    """A row or column of a lookup: values in [lower, below)."""

    lower: Decimal
    below: Decimal | None = None
    name: str = ""


@dataclass(frozen=True)
class BaseSpec:
    """The base method; only the fields of its ``kind`` are used (labels are the officer's words for the inputs)."""

    kind: BaseKind = BaseKind.STANDARD
    parts: tuple[Part, ...] = ()
    bands: tuple[Band, ...] = ()
    target: Decimal | None = None
    minimum: int | None = None
    partial: bool = True
    rows: tuple[Span, ...] = ()
    columns: tuple[Span, ...] = ()
    matrix: tuple[tuple[Decimal, ...], ...] = ()
    scope: Scope | None = None
    input_label: str = ""
    size_label: str = ""
    target_label: str = ""


@dataclass(frozen=True)
class RuleSpec:
    code: str
    kind: RuleKind
    text: str = ""
    per: Per | None = None  # deduction and bonus
    points: Decimal | None = None  # deduction, bonus, step_bonus
    bonus: Decimal | None = None  # either
    deduction: Decimal | None = None  # either
    above: Decimal | None = None  # step_bonus
    step: Decimal | None = None  # step_bonus
    cap: Decimal | None = None
    only_without_deductions: bool = False
    input_label: str = ""


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    text: str
    standard_points: Decimal
    base: BaseSpec = field(default_factory=BaseSpec)
    rules: tuple[RuleSpec, ...] = ()
    role: Role = Role.REGULAR
    deduction_cap: Decimal | None = None
    bonus_cap: Decimal | None = None
    minimum_points: Decimal | None = None  # điểm liệt
    evidence_required: bool = False
    notes: str = ""


@dataclass(frozen=True)
class GroupSpec:
    code: str
    name: str = ""
    max_points: Decimal | None = None
    groups: tuple[GroupSpec, ...] = ()
    criteria: tuple[CriterionSpec, ...] = ()


@dataclass(frozen=True)
class Tier:
    name: str
    lower: Decimal


@dataclass(frozen=True)
class TableSpec:
    """Groups (and, for flat legacy tables, top-level criteria); tiers best first."""

    groups: tuple[GroupSpec, ...] = ()
    criteria: tuple[CriterionSpec, ...] = ()
    tiers: tuple[Tier, ...] = ()
    bonus_cap: Decimal | None = None
    penalty_cap: Decimal | None = None
    declared_total: Decimal | None = None
    title: str = ""


def iter_groups(groups: Sequence[GroupSpec]) -> Iterator[GroupSpec]:
    """Every group, depth first, parents before their children."""
    for group in groups:
        yield group
        yield from iter_groups(group.groups)


def iter_criteria(table: TableSpec) -> Iterator[CriterionSpec]:
    """Every criterion in display order: top-level criteria, then each group's own before its subgroups'."""
    yield from table.criteria
    for group in iter_groups(table.groups):
        yield from group.criteria
