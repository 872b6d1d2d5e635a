"""Writes for whole scoring tables: create, settings, delete, replace from a spec (the import, the demo), the tiers,
and what stops a launch."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns import points as pt
from campaigns.enums import ParticipantKind
from campaigns.models import Campaign, Criterion, CriterionGroup, CriterionRule, ScoringTable, Tier
from campaigns.tables import spec as tspec
from campaigns.tables.services.base import SCOPE_KINDS, lock_editable, translate

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
    campaign = lock_editable(campaign)
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
    lock_editable(table.campaign)
    table.declared_total, table.bonus_cap, table.penalty_cap = declared_total, bonus_cap, penalty_cap
    _check_table_numbers(table)
    table.full_clean()
    table.save(update_fields=["declared_total", "bonus_cap", "penalty_cap", "updated_at"])
    return table


@transaction.atomic
def table_delete(*, table: ScoringTable) -> None:
    """Delete a draft campaign's table with its groups and criteria."""
    lock_editable(table.campaign)
    table.delete()


# --- a whole table from its spec (import, the demo) ----------------------------------------------------


def _create_groups(table: ScoringTable, groups: Sequence[pt.GroupSpec], parent, rules: list, criteria: list) -> None:
    for position, group_spec in enumerate(groups):
        group = CriterionGroup.objects.create(
            table=table,
            parent=parent,
            position=position,
            code=group_spec.code,
            title=group_spec.name or group_spec.code,
            max_points=group_spec.max_points,
        )
        for index, criterion_spec in enumerate(group_spec.criteria):
            criterion = Criterion(table=table, group=group, position=index, **tspec.criterion_fields(criterion_spec))
            criterion.full_clean(validate_unique=False, validate_constraints=False)
            criteria.append(criterion)
            rules.append((criterion, criterion_spec.rules))
        _create_groups(table, group_spec.groups, group, rules, criteria)


@transaction.atomic
def table_replace(*, campaign: Campaign, participant_kind: str, spec: pt.TableSpec) -> ScoringTable:
    """Create or overwrite the table of ``participant_kind`` from ``spec``: all of it or nothing.

    Refused (ValidationError listing every problem) when ``points.validate_table`` finds any.
    """
    campaign = lock_editable(campaign)
    if participant_kind not in SCOPE_KINDS[campaign.participant_scope]:
        raise ValidationError(_("This kind of participant does not take part in the campaign."))
    problems = pt.validate_table(spec)
    if problems:
        raise ValidationError([translate(p) for p in problems])
    if spec.criteria:
        spec = pt.TableSpec(
            groups=(pt.GroupSpec(code="I", name=_("Criteria"), criteria=spec.criteria), *spec.groups),
            tiers=spec.tiers,
            bonus_cap=spec.bonus_cap,
            penalty_cap=spec.penalty_cap,
            declared_total=spec.declared_total,
        )
    table, _created = ScoringTable.objects.get_or_create(campaign=campaign, participant_kind=participant_kind)
    total = spec.declared_total
    if total is None:
        total = tspec.standard_sum(pt.iter_criteria(spec))
    table.declared_total, table.bonus_cap, table.penalty_cap = total, spec.bonus_cap, spec.penalty_cap
    _check_table_numbers(table)
    table.full_clean()
    table.save()
    table.groups.all().delete()  # subgroups, criteria and their rules go with them
    table.tiers.all().delete()
    rules: list = []
    criteria: list[Criterion] = []
    _create_groups(table, spec.groups, None, rules, criteria)
    Criterion.objects.bulk_create(criteria)  # the database constraints still guard every row
    CriterionRule.objects.bulk_create(
        CriterionRule(criterion=criterion, position=position, **tspec.rule_fields(rule_spec))
        for criterion, rule_specs in rules
        for position, rule_spec in enumerate(rule_specs)
    )
    Tier.objects.bulk_create(
        Tier(table=table, position=position, name=tier.name, lower_bound=tier.lower)
        for position, tier in enumerate(spec.tiers)
    )
    return table


# --- tiers --------------------------------------------------------------------------------------------


def _tier_problems(rows: Sequence[tuple[str, Decimal]]) -> list[str]:
    tiers = tuple(pt.Tier(name=name.strip(), lower=bound) for name, bound in rows)
    problems = [p for p in pt.validate_table(pt.TableSpec(tiers=tiers)) if p.template in TIER_TEMPLATES]
    return [translate(p) for p in problems]


TIER_TEMPLATES = {pt.EMPTY_TIER_NAME, pt.DUPLICATE_TIER_NAME, pt.TIERS_NOT_DESCENDING}


@transaction.atomic
def tiers_replace(
    *,
    tiers: Sequence[tuple[str, Decimal]],
    table: ScoringTable | None = None,
    campaign: Campaign | None = None,
) -> list[Tier]:
    """Replace the tiers (best first, strictly descending, names unique; none at all is allowed: the table then
    only ranks) of ``table``, or of every table of ``campaign``."""
    if (table is None) == (campaign is None):
        raise TypeError("tiers_replace takes a table or a campaign")
    campaign = lock_editable(campaign or table.campaign)
    problems = _tier_problems(tiers)
    for name, bound in tiers:
        if bound < 0:
            problems.append(_("“%(name)s”: the lower bound cannot be negative.") % {"name": name.strip()})
    if problems:
        raise ValidationError(problems)
    tables = [table] if table is not None else list(campaign.scoring_tables.all())
    Tier.objects.filter(table__in=tables).delete()
    return Tier.objects.bulk_create(
        Tier(table=t, position=position, name=name.strip(), lower_bound=bound)
        for t in tables
        for position, (name, bound) in enumerate(tiers)
    )


# --- launch readiness ---------------------------------------------------------------------------------


def campaign_table_problems(campaign: Campaign) -> list[str]:
    """Every reason (translated) why the campaign's tables would stop a launch; empty when ready (five queries)."""
    tables = list(campaign.scoring_tables.order_by("participant_kind"))
    problems: list[str] = []
    present = {t.participant_kind for t in tables}
    for kind in SCOPE_KINDS[campaign.participant_scope]:
        if kind not in present:
            problems.append(_("There is no scoring table for: %(kind)s.") % {"kind": ParticipantKind(kind).label})
    for table, spec in zip(tables, _table_specs(tables), strict=True):
        label = table.get_participant_kind_display()
        if not any(True for _criterion in pt.iter_criteria(spec)):
            problems.append(_("Table for %(kind)s: add at least one criterion.") % {"kind": label})
        for problem in pt.validate_table(spec):
            problems.append(_("Table for %(kind)s: %(problem)s") % {"kind": label, "problem": translate(problem)})
    return problems


def _table_specs(tables: list[ScoringTable]) -> list[pt.TableSpec]:
    """The specs of ``tables`` in four queries whatever their number (rows read once, split by table)."""
    ids = [table.pk for table in tables]
    rows: dict[str, dict[int, list]] = {name: defaultdict(list) for name in ("groups", "criteria", "rules", "tiers")}
    for group in CriterionGroup.objects.filter(table_id__in=ids).order_by("position", "id"):
        rows["groups"][group.table_id].append(group)
    table_of: dict[int, int] = {}
    for criterion in Criterion.objects.filter(table_id__in=ids).order_by("position", "id"):
        rows["criteria"][criterion.table_id].append(criterion)
        table_of[criterion.pk] = criterion.table_id
    rules = CriterionRule.objects.filter(criterion__table_id__in=ids).order_by("criterion_id", "position", "id")
    for rule in rules:
        rows["rules"][table_of[rule.criterion_id]].append(rule)
    for tier in Tier.objects.filter(table_id__in=ids).order_by("position", "-lower_bound"):
        rows["tiers"][tier.table_id].append(tier)
    return [
        tspec.table_spec_from_rows(table, *(rows[name][table.pk] for name in ("groups", "criteria", "rules", "tiers")))
        for table in tables
    ]
