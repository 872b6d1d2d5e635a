"""Reads for scoring tables and tiers: a table as a tree (groups nested, criteria, rule lines described in the
officer's words, sums of standard points) for the editor and the preview, in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import pgettext

from campaigns import points as pt
from campaigns.enums import CriterionKind
from campaigns.models import Campaign, Criterion, CriterionGroup, CriterionRule, ScoringTable, Tier
from campaigns.tables import spec as tspec
from campaigns.tables.services import translate

ZERO = Decimal(0)


def _points_sum(kind: str) -> Coalesce:
    return Coalesce(
        Sum("criteria__max_points", filter=Q(criteria__kind=kind)),
        Value(ZERO),
        output_field=DecimalField(max_digits=9, decimal_places=2),
    )


def table_list(*, campaign: Campaign) -> QuerySet[ScoringTable]:
    """The campaign's tables, for fetching one through its campaign (no rows)."""
    return ScoringTable.objects.filter(campaign=campaign).order_by("participant_kind")


def table_totals(*, campaign: Campaign) -> QuerySet[ScoringTable]:
    """The campaign's tables with ``regular_total`` and ``criterion_count`` (one aggregate query) and their tiers
    prefetched, for the overview page."""
    tiers = Tier.objects.order_by("position", "-lower_bound")
    return (
        table_list(campaign=campaign)
        .annotate(regular_total=_points_sum(CriterionKind.REGULAR), criterion_count=Count("criteria"))
        .prefetch_related(Prefetch("tiers", tiers))
    )


def tier_list(*, table: ScoringTable) -> QuerySet[Tier]:
    """The table's tiers, best first."""
    return Tier.objects.filter(table=table).order_by("position", "-lower_bound")


# --- the table as a tree ---------------------------------------------------------------------------------------

# How a rule line is labelled under its criterion, as in the official documents (Chuẩn / Thưởng / Trừ).
RULE_TONES = {
    pt.RuleKind.DEDUCTION: "deduction",
    pt.RuleKind.BONUS: "bonus",
    pt.RuleKind.STEP_BONUS: "bonus",
    pt.RuleKind.EITHER: "either",
    pt.RuleKind.GATE: "gate",
}


def rule_label(kind: pt.RuleKind) -> str:
    """The label of a rule line of ``kind``: Thưởng, Trừ, Thưởng / Trừ or Điều kiện xếp loại."""
    labels = {
        "deduction": pgettext("rule line", "Deduction"),
        "bonus": pgettext("rule line", "Bonus"),
        "either": pgettext("rule line", "Bonus / deduction"),
        "gate": pgettext("rule line", "Classification condition"),
    }
    return labels[RULE_TONES[kind]]


@dataclass
class RuleLine:
    rule: CriterionRule
    spec: pt.RuleSpec
    label: str
    tone: str
    described: str


@dataclass
class LookupCell:
    row: pt.Span
    points: list[Decimal]


@dataclass
class CriterionLine:
    """One criterion with its base method and rule lines in words (the "Chuẩn" line, then Thưởng / Trừ)."""

    criterion: Criterion
    spec: pt.CriterionSpec
    method_text: str
    rules: list[RuleLine]
    bands: list[str] = field(default_factory=list)
    lookup: list[LookupCell] = field(default_factory=list)

    @property
    def base_label(self) -> str:
        return pgettext("rule line", "Standard")


@dataclass
class GroupNode:
    """A group at ``depth`` (0 = a standard), its own criteria and the standard points of all it holds."""

    group: CriterionGroup
    depth: int
    standard: Decimal
    criteria: list[CriterionLine]
    code: str
    is_first: bool = True  # among its siblings (for the move buttons)
    is_last: bool = True
    has_children: bool = False

    @property
    def has_mismatch(self) -> bool:
        return self.group.max_points is not None and self.group.max_points != self.standard

    @property
    def indent(self) -> int:
        return min(self.depth, 4)


@dataclass
class TableTree:
    """A table laid out like its official document, depth first; ``problems`` are the engine's, translated."""

    table: ScoringTable
    nodes: list[GroupNode]
    tiers: list[Tier]
    standard_total: Decimal
    problems: list[str]
    group_choices: list[tuple[int, str]]

    @property
    def has_total_mismatch(self) -> bool:
        return self.standard_total != self.table.declared_total

    @property
    def criterion_count(self) -> int:
        return sum(len(node.criteria) for node in self.nodes)


def _criterion_line(criterion: Criterion, spec: pt.CriterionSpec, rules: list[CriterionRule]) -> CriterionLine:
    lines = [
        RuleLine(
            rule=rule,
            spec=rule_spec,
            label=rule_label(rule_spec.kind),
            tone=RULE_TONES[rule_spec.kind],
            described=translate(pt.describe_rule(rule_spec)),
        )
        for rule, rule_spec in zip(rules, spec.rules, strict=True)
    ]
    base = spec.base
    return CriterionLine(
        criterion=criterion,
        spec=spec,
        method_text=translate(pt.describe_base(spec)),
        rules=lines,
        bands=[translate(pt.describe_band(band)) for band in base.bands] if base.kind is pt.BaseKind.BANDS else [],
        lookup=[LookupCell(row, list(points)) for row, points in zip(base.rows, base.matrix, strict=False)]
        if base.kind is pt.BaseKind.LOOKUP
        else [],
    )


def _spec_or_none(criterion: Criterion, rules: list[CriterionRule]) -> pt.CriterionSpec:
    try:
        return tspec.criterion_spec(criterion, rules)
    except (pt.TableFormatError, ValueError):  # a row stored around the services: show it as a plain criterion
        return pt.CriterionSpec(code=criterion.code, text=criterion.text, standard_points=criterion.max_points)


def table_tree(table: ScoringTable) -> TableTree:
    """The table as a tree with sums and problems: four queries (groups, criteria, rules, tiers) whatever its size."""
    groups = list(table.groups.order_by("position", "id"))
    criteria = list(table.criteria.order_by("position", "id"))
    rules_of: dict[int, list[CriterionRule]] = defaultdict(list)
    for rule in CriterionRule.objects.filter(criterion__table=table).order_by("position", "id"):
        rules_of[rule.criterion_id].append(rule)
    tiers = list(tier_list(table=table))
    lines: dict[int, list[CriterionLine]] = defaultdict(list)
    for criterion in criteria:
        rules = rules_of[criterion.pk]
        lines[criterion.group_id].append(_criterion_line(criterion, _spec_or_none(criterion, rules), rules))
    children: dict[int | None, list[CriterionGroup]] = defaultdict(list)
    for group in groups:
        children[group.parent_id].append(group)
    nodes: list[GroupNode] = []
    _walk(None, 0, children, lines, nodes)
    try:
        spec = tspec.table_spec_from_rows(table, groups, criteria, [r for c in criteria for r in rules_of[c.pk]], tiers)
        problems = [translate(problem) for problem in pt.validate_table(spec)]
    except (pt.TableFormatError, ValueError) as error:
        problems = [str(error)]
    standard_total = sum((n.standard for n in nodes if n.depth == 0), ZERO)
    return TableTree(table, nodes, tiers, standard_total, problems, _choices(nodes))


def group_choices(table: ScoringTable) -> list[tuple[int, str]]:
    """The table's groups depth first as (pk, label indented by depth), for choosing a parent (one query)."""
    children: dict[int | None, list[CriterionGroup]] = defaultdict(list)
    for group in table.groups.order_by("position", "id"):
        children[group.parent_id].append(group)
    nodes: list[GroupNode] = []
    _walk(None, 0, children, {}, nodes)
    return _choices(nodes)


def _choices(nodes: list[GroupNode]) -> list[tuple[int, str]]:
    return [(node.group.pk, f"{'— ' * node.depth}{node.group.code} {node.group.title}".strip()) for node in nodes]


def _walk(parent_id, depth, children, lines, nodes: list[GroupNode]) -> Decimal:
    """Append the groups under ``parent_id`` depth first; return the standard points they hold."""
    total = ZERO
    siblings = children.get(parent_id, [])
    for position, group in enumerate(siblings):
        node = GroupNode(
            group=group,
            depth=depth,
            standard=ZERO,
            criteria=lines.get(group.pk, []),
            code=group.code,
            is_first=position == 0,
            is_last=position == len(siblings) - 1,
            has_children=bool(children.get(group.pk)),
        )
        nodes.append(node)
        own = sum((line.spec.standard_points for line in node.criteria if line.spec.role is pt.Role.REGULAR), ZERO)
        node.standard = own + _walk(group.pk, depth + 1, children, lines, nodes)
        total += node.standard
    return total
