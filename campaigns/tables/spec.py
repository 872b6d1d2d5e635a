"""Scoring tables between the database and the pure engine (``campaigns/points/``).

Rows → ``points.TableSpec`` / ``CriterionSpec`` for scoring, validation and the preview; and the settings of a
criterion's base method split between its columns (target, count minimum, partial) and its ``params`` JSON (parts,
bands, the lookup, the relative scope, the officer's labels for the inputs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from campaigns import points as pt
from campaigns.models import Criterion, CriterionGroup, CriterionRule, ScoringTable, Tier

# The keys of ``base_to_dict`` kept in ``Criterion.params`` (the others have columns, or are the method itself).
PARAM_KEYS = ("parts", "bands", "rows", "columns", "points", "scope", "input", "size_input", "target_input")


def base_dict(criterion: Criterion) -> dict:
    """The criterion's base method in the engine's JSON shape (``points.base_from_dict``)."""
    params = criterion.params or {}
    data: dict = {"kind": criterion.method}
    data.update({key: params[key] for key in PARAM_KEYS if key in params})
    if criterion.method == pt.BaseKind.TARGET and criterion.target_value is not None:
        data["target"] = str(criterion.target_value)
    if criterion.method == pt.BaseKind.COUNT_MINIMUM:
        if criterion.count_minimum is not None:
            data["minimum"] = criterion.count_minimum
        data["partial"] = criterion.count_partial
    if criterion.target_unit and "input" not in data and criterion.method == pt.BaseKind.TARGET:
        data["input"] = criterion.target_unit
    return data


def rule_spec(rule: CriterionRule) -> pt.RuleSpec:
    return pt.RuleSpec(
        code=rule.code,
        kind=pt.RuleKind(rule.kind),
        text=rule.text,
        per=pt.Per(rule.per) if rule.per else None,
        points=rule.points,
        bonus=rule.bonus,
        deduction=rule.deduction,
        above=rule.above,
        step=rule.step,
        cap=rule.cap,
        only_without_deductions=rule.only_without_deductions,
        input_label=rule.input_label,
    )


def criterion_spec(criterion: Criterion, rules: Iterable[CriterionRule] = ()) -> pt.CriterionSpec:
    """The pure spec of a criterion row and its rule lines (in order)."""
    return pt.CriterionSpec(
        code=criterion.code,
        text=criterion.text,
        standard_points=criterion.max_points,
        base=pt.base_from_dict(base_dict(criterion), criterion.code),
        rules=tuple(rule_spec(rule) for rule in rules),
        role=pt.Role(criterion.kind),
        deduction_cap=criterion.deduction_cap,
        bonus_cap=criterion.bonus_cap,
        minimum_points=criterion.minimum_points,
        evidence_required=criterion.evidence_required,
        notes=criterion.guidance,
    )


def criterion_spec_of(criterion: Criterion) -> pt.CriterionSpec:
    """One criterion's spec with its rules read from the database (one query; ``rules`` prefetched: none)."""
    return criterion_spec(criterion, criterion.rules.all())


def tier_specs(tiers: Iterable[Tier]) -> tuple[pt.Tier, ...]:
    return tuple(pt.Tier(name=tier.name, lower=tier.lower_bound) for tier in tiers)


def _group_specs(
    parent_id: int | None,
    children: dict[int | None, list[CriterionGroup]],
    criteria: dict[int, list[pt.CriterionSpec]],
) -> tuple[pt.GroupSpec, ...]:
    return tuple(
        pt.GroupSpec(
            code=group.code or str(group.pk),
            name=group.title,
            max_points=group.max_points,
            groups=_group_specs(group.pk, children, criteria),
            criteria=tuple(criteria.get(group.pk, ())),
        )
        for group in children.get(parent_id, [])
    )


def table_spec_from_rows(
    table: ScoringTable,
    groups: Sequence[CriterionGroup],
    criteria: Sequence[Criterion],
    rules: Sequence[CriterionRule],
    tiers: Sequence[Tier],
) -> pt.TableSpec:
    """The pure spec of a table from its rows (each list in display order)."""
    rules_of: dict[int, list[CriterionRule]] = defaultdict(list)
    for rule in rules:
        rules_of[rule.criterion_id].append(rule)
    by_group: dict[int, list[pt.CriterionSpec]] = defaultdict(list)
    for criterion in criteria:
        by_group[criterion.group_id].append(criterion_spec(criterion, rules_of[criterion.pk]))
    children: dict[int | None, list[CriterionGroup]] = defaultdict(list)
    for group in groups:
        children[group.parent_id].append(group)
    return pt.TableSpec(
        groups=_group_specs(None, children, by_group),
        tiers=tier_specs(tiers),
        bonus_cap=table.bonus_cap,
        penalty_cap=table.penalty_cap,
        declared_total=table.declared_total,
    )


def table_spec(table: ScoringTable) -> pt.TableSpec:
    """The pure spec of ``table`` (four queries: groups, criteria, rules, tiers)."""
    groups = list(table.groups.order_by("position", "id"))
    criteria = list(table.criteria.order_by("position", "id"))
    rules = list(CriterionRule.objects.filter(criterion__table=table).order_by("criterion_id", "position", "id"))
    tiers = list(table.tiers.order_by("position", "-lower_bound"))
    return table_spec_from_rows(table, groups, criteria, rules, tiers)


def params_of(base: pt.BaseSpec) -> dict:
    """``Criterion.params`` for a base method (the inverse of ``base_dict``, without the column-held settings)."""
    data = pt.base_to_dict(base)
    return {key: data[key] for key in PARAM_KEYS if key in data}


def columns_of(base: pt.BaseSpec) -> dict:
    """The column-held settings of a base method: target, count minimum, partial."""
    return {
        "method": base.kind.value,
        "target_value": base.target if base.kind == pt.BaseKind.TARGET else None,
        "count_minimum": base.minimum if base.kind == pt.BaseKind.COUNT_MINIMUM else None,
        "count_partial": base.partial if base.kind == pt.BaseKind.COUNT_MINIMUM else False,
    }


def rule_fields(rule: pt.RuleSpec) -> dict:
    """``CriterionRule`` field values of a rule spec."""
    return {
        "code": rule.code,
        "kind": rule.kind.value,
        "text": rule.text,
        "per": rule.per.value if rule.per else "",
        "points": rule.points,
        "bonus": rule.bonus,
        "deduction": rule.deduction,
        "above": rule.above,
        "step": rule.step,
        "cap": rule.cap,
        "only_without_deductions": rule.only_without_deductions,
        "input_label": rule.input_label,
    }


def criterion_fields(criterion: pt.CriterionSpec) -> dict:
    """``Criterion`` field values of a criterion spec (the rules are rows of their own)."""
    return {
        "code": criterion.code,
        "text": criterion.text,
        "max_points": criterion.standard_points,
        "kind": criterion.role.value,
        "params": params_of(criterion.base),
        "deduction_cap": criterion.deduction_cap,
        "bonus_cap": criterion.bonus_cap,
        "minimum_points": criterion.minimum_points,
        "evidence_required": criterion.evidence_required,
        "guidance": criterion.notes,
        **columns_of(criterion.base),
    }


def standard_sum(criteria: Iterable[pt.CriterionSpec]) -> Decimal:
    """The standard points of the regular criteria among ``criteria``."""
    return sum((c.standard_points for c in criteria if c.role is pt.Role.REGULAR), Decimal(0))
