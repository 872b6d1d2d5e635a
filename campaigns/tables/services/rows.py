"""Writes for the rows of a scoring table: groups nested to any depth, criteria with their base method's settings,
and the rule lines under each criterion. Each write locks the campaign (drafts only) and is checked by the engine,
its problems returned by form field."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from campaigns import points as pt
from campaigns.models import Criterion, CriterionGroup, CriterionRule, ScoringTable
from campaigns.tables import spec as tspec
from campaigns.tables.services.base import AMOUNT_TEMPLATES, lock_editable, translate

CRITERION_FIELDS = (
    "code",
    "text",
    "max_points",
    "method",
    "kind",
    "target_value",
    "target_unit",
    "count_minimum",
    "count_partial",
    "params",
    "deduction_cap",
    "bonus_cap",
    "minimum_points",
    "evidence_required",
    "guidance",
)
RULE_FIELDS = (
    "code",
    "text",
    "kind",
    "per",
    "points",
    "bonus",
    "deduction",
    "above",
    "step",
    "cap",
    "only_without_deductions",
    "input_label",
)
# Which form field a problem of ``points.validate_table`` about one criterion belongs to.
PROBLEM_FIELDS = {
    pt.EMPTY_CRITERION_CODE: "code",
    pt.TARGET_MISSING: "target_value",
    pt.MINIMUM_MISSING: "count_minimum",
    pt.MINIMUM_POINTS_OUT_OF_RANGE: "minimum_points",
    pt.MINIMUM_POINTS_NOT_REGULAR: "minimum_points",
    pt.SCOPE_MISSING: "scope",
    pt.PARTS_SUM_MISMATCH: "params",
    pt.NO_RANGES: "params",
    pt.RANGE_EMPTY: "params",
    pt.RANGES_OVERLAP: "params",
    pt.RANGES_GAP: "params",
    pt.RANGES_OPEN_END: "params",
    pt.LOOKUP_SHAPE: "params",
    pt.POINTS_ABOVE_STANDARD: "params",
}
RULE_PROBLEM_FIELDS = {
    pt.RULE_POINTS_MISSING: "points",
    pt.RULE_PER_MISSING: "per",
    pt.EITHER_INCOMPLETE: "bonus",
    pt.STEP_THRESHOLD_MISSING: "above",
    pt.STEP_NOT_POSITIVE: "step",
    pt.ONLY_WITHOUT_DEDUCTIONS_NOT_BONUS: "only_without_deductions",
    pt.EMPTY_RULE_CODE: "code",
    pt.DUPLICATE_RULE_CODE: "code",
}

# --- groups -------------------------------------------------------------------------------------------


@transaction.atomic
def group_save(
    *,
    table: ScoringTable,
    group: CriterionGroup | None = None,
    code: str,
    title: str,
    parent: CriterionGroup | None = None,
    max_points: Decimal | None = None,
) -> CriterionGroup:
    """Add a group at the end of ``parent`` (or of the table), or change one; groups nest to any depth."""
    lock_editable(table.campaign)
    if parent is not None and parent.table_id != table.pk:
        raise ValueError("The parent group belongs to another table.")
    if group is not None and parent is not None and _is_within(parent, group):
        raise ValidationError({"parent": _("A group cannot be placed inside itself.")})
    if group is None:
        last = table.groups.filter(parent=parent).aggregate(last=Max("position"))["last"]
        group = CriterionGroup(table=table, parent=parent, position=0 if last is None else last + 1)
    elif group.parent_id != (parent.pk if parent else None):  # moved: it goes last among its new siblings
        last = table.groups.filter(parent=parent).aggregate(last=Max("position"))["last"]
        group.parent, group.position = parent, 0 if last is None else last + 1
    group.code, group.title, group.max_points = code.strip(), title.strip(), max_points
    group.full_clean()
    group.save()
    return group


def _is_within(candidate: CriterionGroup, group: CriterionGroup) -> bool:
    """True when ``candidate`` is ``group`` or one of its descendants."""
    node: CriterionGroup | None = candidate
    while node is not None:
        if node.pk == group.pk:
            return True
        node = node.parent
    return False


@transaction.atomic
def group_delete(*, group: CriterionGroup) -> None:
    """Remove a group with its subgroups and every criterion in them."""
    lock_editable(group.table.campaign)
    group.delete()


def _move(rows: list, row, direction: str, model) -> None:
    """Swap ``row`` with its neighbour in ``rows`` (ordered) and renumber them 0…n-1."""
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, item in enumerate(rows):
        item.position = position
    model.objects.bulk_update(rows, ["position"])


@transaction.atomic
def group_move(*, group: CriterionGroup, direction: str) -> CriterionGroup:
    """Move a group one place up or down among its siblings ("up" or "down"); a no-op at either end."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    lock_editable(group.table.campaign)
    siblings = group.table.groups.filter(parent_id=group.parent_id).order_by("position", "id")
    _move(list(siblings), group, direction, CriterionGroup)
    return group


# --- criteria -----------------------------------------------------------------------------------------


def criterion_problems(criterion: Criterion, rules: Sequence[CriterionRule] = ()) -> dict[str, list[str]]:
    """Problems of one criterion on its own (the table's totals are not checked), translated, by form field."""
    try:
        spec = tspec.criterion_spec(criterion, rules)
    except pt.TableFormatError as error:
        return {"params": [str(error)]}
    problems = pt.validate_table(pt.TableSpec(criteria=(spec,)))
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        if problem.template in AMOUNT_TEMPLATES and problem.params.get("where") == criterion.code:
            name = AMOUNT_FIELDS.get(str(problem.params.get("field")), "params")
        elif problem.template in AMOUNT_TEMPLATES or problem.template in RULE_PROBLEM_FIELDS:
            name = "rules"  # a rule line's own problem: shown on the criterion as a whole
        else:
            name = PROBLEM_FIELDS.get(problem.template, "__all__")
        by_field.setdefault(name, []).append(translate(problem))
    return by_field


# The form field of an amount the engine names (criterion level; rule amounts keep their own names).
AMOUNT_FIELDS = {
    "standard_points": "max_points",
    "deduction_cap": "deduction_cap",
    "bonus_cap": "bonus_cap",
    "minimum_points": "minimum_points",
}


def _clear_unused(criterion: Criterion) -> None:
    """Drop values that the chosen method does not use, so they never mislead later."""
    if criterion.method != pt.BaseKind.TARGET:
        criterion.target_value = None
        if criterion.method != pt.BaseKind.RELATIVE_TO_LEADER:
            criterion.target_unit = ""
    if criterion.method != pt.BaseKind.COUNT_MINIMUM:
        criterion.count_minimum, criterion.count_partial = None, False
    keep = METHOD_PARAMS.get(criterion.method, ()) + ("input", "size_input", "target_input")
    criterion.params = {key: value for key, value in (criterion.params or {}).items() if key in keep}


# The ``params`` keys each base method uses (labels are kept for every method).
METHOD_PARAMS = {
    pt.BaseKind.YES_NO_PARTS: ("parts",),
    pt.BaseKind.BANDS: ("bands",),
    pt.BaseKind.LOOKUP: ("rows", "columns", "points"),
    pt.BaseKind.RELATIVE_TO_LEADER: ("scope",),
}


@transaction.atomic
def criterion_save(
    *, table: ScoringTable, group: CriterionGroup, criterion: Criterion | None = None, **fields
) -> Criterion:
    """Add a criterion at the end of ``group`` or change one; refused with per-field errors when invalid."""
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"criterion_save got unknown fields: {sorted(unknown)}")
    lock_editable(table.campaign)
    if group.table_id != table.pk:
        raise ValueError("The group belongs to another table.")
    if criterion is None:
        last = group.criteria.aggregate(last=Max("position"))["last"]
        criterion = Criterion(table=table, group=group, position=0 if last is None else last + 1)
    elif criterion.group_id != group.pk:
        last = group.criteria.aggregate(last=Max("position"))["last"]
        criterion.group, criterion.position = group, 0 if last is None else last + 1
    for name, value in fields.items():
        setattr(criterion, name, value.strip() if isinstance(value, str) else value)
    if criterion.count_partial is None:
        criterion.count_partial = False
    _clear_unused(criterion)
    if criterion.max_points is not None:
        rules = list(criterion.rules.order_by("position", "id")) if criterion.pk else []
        problems = criterion_problems(criterion, rules)
        if problems:
            raise ValidationError(problems)
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    """Remove one criterion with its rule lines."""
    lock_editable(criterion.table.campaign)
    criterion.delete()


@transaction.atomic
def criterion_move(*, criterion: Criterion, direction: str) -> Criterion:
    """Move a criterion one place up or down inside its group; a no-op at either end."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    lock_editable(criterion.table.campaign)
    _move(list(criterion.group.criteria.order_by("position", "id")), criterion, direction, Criterion)
    return criterion


# --- rule lines ---------------------------------------------------------------------------------------


def _rule_code_taken(criterion: Criterion, code: str, rule: CriterionRule | None) -> bool:
    """Rule codes are unique in the whole table (the gate a participant tripped is named by its code)."""
    others = CriterionRule.objects.filter(criterion__table_id=criterion.table_id, code__iexact=code)
    if rule is not None and rule.pk:
        others = others.exclude(pk=rule.pk)
    return others.exists()


@transaction.atomic
def rule_save(*, criterion: Criterion, rule: CriterionRule | None = None, **fields) -> CriterionRule:
    """Add a rule line at the end of ``criterion`` or change one; refused with per-field errors when invalid."""
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"rule_save got unknown fields: {sorted(unknown)}")
    lock_editable(criterion.table.campaign)
    if rule is None:
        last = criterion.rules.aggregate(last=Max("position"))["last"]
        rule = CriterionRule(criterion=criterion, position=0 if last is None else last + 1)
    elif rule.criterion_id != criterion.pk:
        raise ValueError("The rule belongs to another criterion.")
    for name, value in fields.items():
        setattr(rule, name, value.strip() if isinstance(value, str) else value)
    _clear_unused_rule(rule)
    if rule.code and _rule_code_taken(criterion, rule.code, rule):
        raise ValidationError({"code": _("Another rule line in this table already has this code.")})
    rules = [r for r in criterion.rules.order_by("position", "id") if r.pk != rule.pk]
    rules.insert(rule.position if rule.pk else len(rules), rule)
    problems = _rule_problems(criterion, rule, rules)
    if problems:
        raise ValidationError(problems)
    rule.full_clean()
    rule.save()
    return rule


def _rule_problems(criterion: Criterion, rule: CriterionRule, rules: list[CriterionRule]) -> dict[str, list[str]]:
    """The engine's problems with ``rule`` among the criterion's ``rules``, by form field."""
    try:
        spec = tspec.criterion_spec(criterion, rules)
    except (pt.TableFormatError, ValueError) as error:
        return {"kind": [str(error)]}
    problems: dict[str, list[str]] = {}
    where = f"{criterion.code}, {rule.code}"
    for problem in pt.validate_table(pt.TableSpec(criteria=(spec,))):
        if problem.template in AMOUNT_TEMPLATES and problem.params.get("where") == where:
            problems.setdefault(str(problem.params["field"]), []).append(translate(problem))
        elif problem.params.get("rule") == rule.code or problem.template in RULE_PROBLEM_FIELDS:
            name = RULE_PROBLEM_FIELDS.get(problem.template, "__all__")
            problems.setdefault(name, []).append(translate(problem))
    return problems


def _clear_unused_rule(rule: CriterionRule) -> None:
    """Drop the amounts a rule's kind does not use."""
    kind = rule.kind
    if kind not in (pt.RuleKind.DEDUCTION, pt.RuleKind.BONUS):
        rule.per = ""
    if kind not in (pt.RuleKind.DEDUCTION, pt.RuleKind.BONUS, pt.RuleKind.STEP_BONUS):
        rule.points = None
    if kind != pt.RuleKind.EITHER:
        rule.bonus = rule.deduction = None
    if kind != pt.RuleKind.STEP_BONUS:
        rule.above = rule.step = None
    if kind == pt.RuleKind.GATE:
        rule.cap = None
    if kind not in (pt.RuleKind.BONUS, pt.RuleKind.STEP_BONUS, pt.RuleKind.EITHER):
        rule.only_without_deductions = False


@transaction.atomic
def rule_delete(*, rule: CriterionRule) -> None:
    """Remove one rule line."""
    lock_editable(rule.criterion.table.campaign)
    rule.delete()


@transaction.atomic
def rule_move(*, rule: CriterionRule, direction: str) -> CriterionRule:
    """Move a rule line one place up or down inside its criterion."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    lock_editable(rule.criterion.table.campaign)
    _move(list(rule.criterion.rules.order_by("position", "id")), rule, direction, CriterionRule)
    return rule
