"""Writes for scoring tables (bảng chấm điểm), their groups and criteria, and the campaign's tiers (xếp loại).

Invariant: tables and tiers change only while the campaign is a draft; every write locks the campaign row
first so two officers editing the same table serialise. Launch readiness is ``campaign_table_problems``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from campaigns import scoring_rules as sr
from campaigns.enums import CampaignStatus, CriterionMethod, ParticipantKind, ParticipantScope
from campaigns.models import Campaign, Criterion, CriterionGroup, ScoringTable, Tier

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
    "minimum_points",
    "evidence_required",
    "guidance",
)
# Which form field a per-criterion problem of ``scoring_rules`` belongs to.
PROBLEM_FIELDS = {
    sr.EMPTY_CODE: "code",
    sr.MAX_POINTS_NOT_POSITIVE: "max_points",
    sr.MAX_POINTS_BAD_STEP: "max_points",
    sr.TARGET_VALUE_MISSING: "target_value",
    sr.COUNT_MINIMUM_MISSING: "count_minimum",
    sr.MINIMUM_POINTS_OUT_OF_RANGE: "minimum_points",
    sr.MINIMUM_POINTS_NOT_REGULAR: "minimum_points",
}
SCOPE_KINDS = {
    ParticipantScope.COLLECTIVE: (ParticipantKind.COLLECTIVE,),
    ParticipantScope.INDIVIDUAL: (ParticipantKind.INDIVIDUAL,),
    ParticipantScope.BOTH: (ParticipantKind.COLLECTIVE, ParticipantKind.INDIVIDUAL),
}


def translate(message: str) -> str:
    """A ``scoring_rules`` message in the active language (plain strings pass through)."""
    template = getattr(message, "template", None)
    return _(template) % message.params if template else str(message)


def _lock_editable(campaign: Campaign) -> Campaign:
    """Lock the campaign row; refuse unless it is still a draft."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status in (CampaignStatus.FINALISED, CampaignStatus.ARCHIVED):
        raise ValidationError(_("A finalised or archived campaign can no longer be changed."))
    if locked.status != CampaignStatus.DRAFT:
        raise ValidationError(_("Scoring tables and tiers can only be changed while the campaign is a draft."))
    return locked


# --- tables -------------------------------------------------------------------------------------------


def _check_table_numbers(table: ScoringTable) -> None:
    errors = {}
    for name in ("bonus_cap", "penalty_cap"):
        value = getattr(table, name)
        if value is not None and value < 0:
            errors[name] = _("A cap cannot be negative.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def table_create(
    *,
    campaign: Campaign,
    participant_kind: str,
    declared_total: Decimal = Decimal(100),
    bonus_cap: Decimal | None = None,
    penalty_cap: Decimal | None = None,
) -> ScoringTable:
    """Create the (empty) table of one participant kind; one table per kind and only for kinds taking part."""
    campaign = _lock_editable(campaign)
    if participant_kind not in SCOPE_KINDS[campaign.participant_scope]:
        raise ValidationError({"participant_kind": _("This kind of participant does not take part in the campaign.")})
    if campaign.scoring_tables.filter(participant_kind=participant_kind).exists():
        raise ValidationError({"participant_kind": _("The campaign already has a scoring table for them.")})
    table = ScoringTable(
        campaign=campaign,
        participant_kind=participant_kind,
        declared_total=declared_total,
        bonus_cap=bonus_cap,
        penalty_cap=penalty_cap,
    )
    _check_table_numbers(table)
    table.full_clean()
    table.save()
    return table


@transaction.atomic
def table_update(
    *, table: ScoringTable, declared_total: Decimal, bonus_cap: Decimal | None, penalty_cap: Decimal | None
) -> ScoringTable:
    """Change the declared total and the bonus / penalty caps of a table."""
    _lock_editable(table.campaign)
    table.declared_total, table.bonus_cap, table.penalty_cap = declared_total, bonus_cap, penalty_cap
    _check_table_numbers(table)
    table.full_clean()
    table.save(update_fields=["declared_total", "bonus_cap", "penalty_cap", "updated_at"])
    return table


@transaction.atomic
def table_delete(*, table: ScoringTable) -> None:
    """Delete a draft campaign's table with its groups and criteria."""
    _lock_editable(table.campaign)
    table.delete()


# --- groups -------------------------------------------------------------------------------------------


@transaction.atomic
def group_save(*, table: ScoringTable, group: CriterionGroup | None = None, code: str, title: str) -> CriterionGroup:
    """Add a group at the end of the table, or rename one."""
    _lock_editable(table.campaign)
    if group is None:
        last = table.groups.aggregate(last=Max("position"))["last"]
        group = CriterionGroup(table=table, position=0 if last is None else last + 1)
    group.code, group.title = code.strip(), title.strip()
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def group_delete(*, group: CriterionGroup) -> None:
    """Remove a group and every criterion in it."""
    _lock_editable(group.table.campaign)
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
    """Move a group one place up or down (``direction`` is "up" or "down"); a no-op at either end."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    _lock_editable(group.table.campaign)
    _move(list(group.table.groups.order_by("position", "id")), group, direction, CriterionGroup)
    return group


# --- criteria -----------------------------------------------------------------------------------------


def criterion_rule(criterion: Criterion) -> sr.CriterionRule:
    """The pure rule of a criterion row."""
    return sr.CriterionRule(
        code=criterion.code,
        max_points=criterion.max_points,
        method=sr.Method(criterion.method),
        kind=sr.Kind(criterion.kind),
        target_value=criterion.target_value,
        count_minimum=criterion.count_minimum,
        count_partial=criterion.count_partial,
        minimum_points=criterion.minimum_points,
        evidence_required=criterion.evidence_required,
    )


def criterion_problems(rule: sr.CriterionRule) -> dict[str, list[str]]:
    """Problems of one criterion on its own, translated, by form field (the table's total is not checked)."""
    declared = rule.max_points if rule.kind == sr.Kind.REGULAR else Decimal(1)
    problems = sr.validate_table(sr.TableRule(criteria=(rule,), declared_total=declared))
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        name = PROBLEM_FIELDS.get(problem.template)
        if name:
            by_field.setdefault(name, []).append(translate(problem))
    return by_field


def _clear_unused(criterion: Criterion) -> None:
    """Drop values that the chosen method or kind does not use, so they never mislead later."""
    if criterion.method != CriterionMethod.TARGET:
        criterion.target_value, criterion.target_unit = None, ""
    if criterion.method != CriterionMethod.COUNT:
        criterion.count_minimum, criterion.count_partial = None, False


@transaction.atomic
def criterion_save(
    *, table: ScoringTable, group: CriterionGroup, criterion: Criterion | None = None, **fields
) -> Criterion:
    """Add a criterion at the end of ``group`` or change one; refused with per-field errors when invalid."""
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"criterion_save got unknown fields: {sorted(unknown)}")
    _lock_editable(table.campaign)
    if group.table_id != table.pk:
        raise ValueError("The group belongs to another table.")
    if criterion is None:
        last = group.criteria.aggregate(last=Max("position"))["last"]
        criterion = Criterion(table=table, group=group, position=0 if last is None else last + 1)
    for name, value in fields.items():
        setattr(criterion, name, value.strip() if isinstance(value, str) else value)
    _clear_unused(criterion)
    if criterion.max_points is not None:
        problems = criterion_problems(criterion_rule(criterion))
        if problems:
            raise ValidationError(problems)
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    """Remove one criterion."""
    _lock_editable(criterion.table.campaign)
    criterion.delete()


@transaction.atomic
def criterion_move(*, criterion: Criterion, direction: str) -> Criterion:
    """Move a criterion one place up or down inside its group; a no-op at either end."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    _lock_editable(criterion.table.campaign)
    _move(list(criterion.group.criteria.order_by("position", "id")), criterion, direction, Criterion)
    return criterion


# --- import (rows already parsed and checked by table_xlsx) --------------------------------------------


@dataclass
class GroupData:
    code: str
    title: str
    criteria: list[dict] = field(default_factory=list)


@dataclass
class TableData:
    declared_total: Decimal
    bonus_cap: Decimal | None
    penalty_cap: Decimal | None
    groups: list[GroupData]


@transaction.atomic
def table_replace(*, campaign: Campaign, participant_kind: str, data: TableData) -> ScoringTable:
    """Create or overwrite the table of ``participant_kind`` with ``data``: all of it or nothing."""
    campaign = _lock_editable(campaign)
    if participant_kind not in SCOPE_KINDS[campaign.participant_scope]:
        raise ValidationError(_("This kind of participant does not take part in the campaign."))
    table, _created = ScoringTable.objects.get_or_create(campaign=campaign, participant_kind=participant_kind)
    table.declared_total, table.bonus_cap, table.penalty_cap = data.declared_total, data.bonus_cap, data.penalty_cap
    _check_table_numbers(table)
    table.full_clean()
    table.save()
    table.groups.all().delete()  # criteria go with their groups
    criteria = []
    for group_position, group_data in enumerate(data.groups):
        group = CriterionGroup.objects.create(
            table=table, position=group_position, code=group_data.code, title=group_data.title
        )
        for position, values in enumerate(group_data.criteria):
            criterion = Criterion(table=table, group=group, position=position, **values)
            _clear_unused(criterion)
            criterion.full_clean(validate_unique=False, validate_constraints=False)
            criteria.append(criterion)
    Criterion.objects.bulk_create(criteria)  # the database constraints still guard every row
    return table


# --- tiers --------------------------------------------------------------------------------------------


def _smallest_total(campaign: Campaign) -> Decimal | None:
    totals = [t.declared_total for t in campaign.scoring_tables.all()]
    return min(totals) if totals else None


@transaction.atomic
def tiers_replace(*, campaign: Campaign, tiers: Sequence[tuple[str, Decimal]]) -> list[Tier]:
    """Replace the campaign's tiers (best first); refused unless strictly descending down to 0, names unique."""
    campaign = _lock_editable(campaign)
    rules = [sr.TierRule(name=name.strip(), lower_bound=bound) for name, bound in tiers]
    problems = sr.validate_tiers(rules, _smallest_total(campaign))
    if problems:
        raise ValidationError([translate(p) for p in problems])
    campaign.tiers.all().delete()
    return Tier.objects.bulk_create(
        Tier(campaign=campaign, position=position, name=rule.name, lower_bound=rule.lower_bound)
        for position, rule in enumerate(rules)
    )


# --- launch readiness ---------------------------------------------------------------------------------


def table_rule(table: ScoringTable, criteria: Sequence[Criterion]) -> sr.TableRule:
    """The pure rule of a table from its rows (``criteria`` in display order)."""
    return sr.TableRule(
        criteria=tuple(criterion_rule(c) for c in criteria),
        declared_total=table.declared_total,
        bonus_cap=table.bonus_cap,
        penalty_cap=table.penalty_cap,
    )


def campaign_table_problems(campaign: Campaign) -> list[str]:
    """Every reason (translated) why the campaign's tables or tiers would stop a launch; empty when ready."""
    tables = list(campaign.scoring_tables.prefetch_related("criteria").order_by("participant_kind"))
    problems: list[str] = []
    present = {t.participant_kind for t in tables}
    for kind in SCOPE_KINDS[campaign.participant_scope]:
        if kind not in present:
            problems.append(_("There is no scoring table for: %(kind)s.") % {"kind": ParticipantKind(kind).label})
    for table in tables:
        criteria = list(table.criteria.all())
        label = table.get_participant_kind_display()
        for problem in sr.validate_table(table_rule(table, criteria)):
            problems.append(_("Table for %(kind)s: %(problem)s") % {"kind": label, "problem": translate(problem)})
    tier_rules = [sr.TierRule(t.name, t.lower_bound) for t in campaign.tiers.order_by("position", "-lower_bound")]
    smallest = min((t.declared_total for t in tables), default=None)
    problems.extend(translate(p) for p in sr.validate_tiers(tier_rules, smallest))
    return problems
