"""Reads for scoring tables and tiers: rows prefetched in display order, running totals summed in the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from campaigns.enums import CriterionKind
from campaigns.models import Campaign, Criterion, CriterionGroup, ScoringTable, Tier


def _points_sum(kind: str) -> Coalesce:
    return Coalesce(
        Sum("criteria__max_points", filter=Q(criteria__kind=kind)),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=9, decimal_places=2),
    )


def table_list(*, campaign: Campaign) -> QuerySet[ScoringTable]:
    """The campaign's tables with ``regular_total``, ``bonus_total``, ``penalty_total`` and ``criterion_count``
    (one aggregate query) and their groups → criteria prefetched in display order."""
    criteria = Criterion.objects.order_by("position", "id")
    groups = CriterionGroup.objects.order_by("position", "id").prefetch_related(Prefetch("criteria", criteria))
    return (
        ScoringTable.objects.filter(campaign=campaign)
        .annotate(
            regular_total=_points_sum(CriterionKind.REGULAR),
            bonus_total=_points_sum(CriterionKind.BONUS),
            penalty_total=_points_sum(CriterionKind.PENALTY),
            criterion_count=Count("criteria"),
        )
        .prefetch_related(Prefetch("groups", groups))
        .order_by("participant_kind")
    )


def table_totals(*, campaign: Campaign) -> QuerySet[ScoringTable]:
    """Only the running totals of the campaign's tables (no rows), for the overview page."""
    return (
        ScoringTable.objects.filter(campaign=campaign)
        .annotate(regular_total=_points_sum(CriterionKind.REGULAR), criterion_count=Count("criteria"))
        .order_by("participant_kind")
    )


def tier_list(*, campaign: Campaign) -> QuerySet[Tier]:
    """The campaign's tiers, best first."""
    return Tier.objects.filter(campaign=campaign).order_by("position", "-lower_bound")


@dataclass
class PreviewGroup:
    group: CriterionGroup
    criteria: list[Criterion] = field(default_factory=list)

    @property
    def subtotal(self) -> Decimal:
        return sum((c.max_points for c in self.criteria), Decimal(0))


@dataclass
class TablePreview:
    """A table laid out as a unit sees it: groups of regular criteria, then bonus and penalty sections."""

    table: ScoringTable
    groups: list[PreviewGroup]
    bonus: list[Criterion]
    penalty: list[Criterion]

    @property
    def extra_sections(self) -> list[tuple[str, list[Criterion], Decimal | None]]:
        """(kind, criteria, cap) of the bonus and penalty sections that have criteria."""
        sections = [
            (CriterionKind.BONUS.value, self.bonus, self.table.bonus_cap),
            (CriterionKind.PENALTY.value, self.penalty, self.table.penalty_cap),
        ]
        return [section for section in sections if section[1]]


def table_preview(table: ScoringTable) -> TablePreview:
    """Split a table from ``table_list`` (rows already prefetched, no query) into the sections of the preview."""
    groups: list[PreviewGroup] = []
    sections: dict[str, list[Criterion]] = {CriterionKind.BONUS: [], CriterionKind.PENALTY: []}
    for group in table.groups.all():
        regular = PreviewGroup(group)
        for criterion in group.criteria.all():
            if criterion.kind == CriterionKind.REGULAR:
                regular.criteria.append(criterion)
            else:
                sections[criterion.kind].append(criterion)
        if regular.criteria:
            groups.append(regular)
    return TablePreview(table, groups, sections[CriterionKind.BONUS], sections[CriterionKind.PENALTY])
