"""Tables as JSON, in the shape of campaigns/demo_data/rule_table_example.json; exact round trip."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum

from campaigns.points.messages import TableFormatError
from campaigns.points.numbers import to_decimal
from campaigns.points.spec import (
    Band,
    BaseKind,
    BaseSpec,
    CriterionSpec,
    GroupSpec,
    Part,
    Per,
    Role,
    RuleKind,
    RuleSpec,
    Scope,
    Span,
    TableSpec,
    Tier,
)

# ---- serialisation (the JSON format of examples/rule-table-example.json) --------------------------------------------

type JsonDict = dict[str, object]
_TABLE_KEYS = {"title", "total_standard_points", "bonus_cap", "penalty_cap", "tiers", "groups", "criteria"}
_GROUP_KEYS = {"code", "name", "max_points", "groups", "criteria"}
_CRITERION_KEYS = {
    *("code", "text", "standard_points", "base", "rules", "role", "deduction_cap", "bonus_cap"),
    *("minimum_points", "evidence_required", "notes"),
}
_BASE_KEYS_JSON = {
    *("kind", "input", "size_input", "target_input", "parts", "bands", "rows", "columns", "points"),
    *("target", "minimum", "partial", "scope"),
}
_RULE_KEYS = {
    *("code", "kind", "text", "per", "points", "bonus", "deduction", "above", "step", "cap"),
    *("only_without_deductions", "input"),
}


def _dump_amount(amount: Decimal) -> int | str:
    """Whole amounts as int, others as exact strings ("0.2")."""
    return int(amount) if amount == amount.to_integral_value() else format(amount, "f")


def _compact(data: dict[str, object]) -> JsonDict:
    """Drop absent, empty and default values so that the dict reads like a hand-written one."""
    return {key: value for key, value in data.items() if not (value is None or value is False or value in ("", []))}


def _dump_optional(amount: Decimal | None) -> int | str | None:
    return None if amount is None else _dump_amount(amount)


def _checked_keys(data: object, allowed: set[str], where: str) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        raise TableFormatError(f"{where}: expected an object.")
    unknown = set(data) - allowed
    if unknown:
        raise TableFormatError(f"{where}: unknown keys {sorted(map(str, unknown))}.")
    return data


def _load_amount(data: Mapping[str, object], key: str, where: str) -> Decimal | None:
    raw = data.get(key)
    if raw is None:
        return None
    amount = to_decimal(raw)
    if amount is None:
        raise TableFormatError(f"{where}: “{key}” must be a number, not {raw!r}.")
    return amount


def _load_required(data: Mapping[str, object], key: str, where: str) -> Decimal:
    amount = _load_amount(data, key, where)
    if amount is None:
        raise TableFormatError(f"{where}: “{key}” is required.")
    return amount


def _load_str(data: Mapping[str, object], key: str, where: str) -> str:
    raw = data.get(key, "")
    if not isinstance(raw, str):
        raise TableFormatError(f"{where}: “{key}” must be text.")
    return raw


def _load_bool(data: Mapping[str, object], key: str, where: str, default: bool = False) -> bool:
    raw = data.get(key, default)
    if not isinstance(raw, bool):
        raise TableFormatError(f"{where}: “{key}” must be true or false.")
    return raw


def _load_list(data: Mapping[str, object], key: str, where: str) -> list[object]:
    raw = data.get(key, [])
    if not isinstance(raw, list | tuple):
        raise TableFormatError(f"{where}: “{key}” must be a list.")
    return list(raw)


def _load_enum[E: StrEnum](enum: type[E], data: Mapping[str, object], key: str, where: str) -> E | None:
    raw = data.get(key)
    if raw is None:
        return None
    try:
        return enum(str(raw))
    except ValueError:
        raise TableFormatError(f"{where}: “{key}” cannot be {raw!r}.") from None


def _load_kind[E: StrEnum](enum: type[E], data: Mapping[str, object], where: str) -> E:
    kind = _load_enum(enum, data, "kind", where)
    if kind is None:
        raise TableFormatError(f"{where}: “kind” is required.")
    return kind


def _load_minimum(data: Mapping[str, object], where: str) -> int | None:
    amount = _load_amount(data, "minimum", where)
    if amount is None:
        return None
    if amount != amount.to_integral_value():
        raise TableFormatError(f"{where}: “minimum” must be a whole number.")
    return int(amount)


def _load_range(data: object, where: str) -> tuple[Decimal, Decimal | None, str, Mapping[str, object]]:
    item = _checked_keys(data, {"from", "below", "name", "points"}, where)
    return _load_required(item, "from", where), _load_amount(item, "below", where), _load_str(item, "name", where), item


def _load_band(data: object, where: str) -> Band:
    lower, below, name, item = _load_range(data, where)
    return Band(lower=lower, points=_load_required(item, "points", where), below=below, name=name)


def _load_span(data: object, where: str) -> Span:
    lower, below, name, item = _load_range(data, where)
    if "points" in item:
        raise TableFormatError(f"{where}: a row or column has no points.")
    return Span(lower=lower, below=below, name=name)


def _load_part(data: object, where: str) -> Part:
    item = _checked_keys(data, {"code", "points", "text"}, where)
    return Part(_load_str(item, "code", where), _load_required(item, "points", where), _load_str(item, "text", where))


def _load_matrix(data: Mapping[str, object], where: str) -> tuple[tuple[Decimal, ...], ...]:
    rows = []
    for row in _load_list(data, "points", where):
        if not isinstance(row, list | tuple):
            raise TableFormatError(f"{where}: “points” must be a list of rows.")
        rows.append(tuple(_load_required({"points": cell}, "points", where) for cell in row))
    return tuple(rows)


def base_from_dict(data: object, where: str = "base") -> BaseSpec:
    item = _checked_keys(data, _BASE_KEYS_JSON, where)
    return BaseSpec(
        kind=_load_kind(BaseKind, item, where),
        parts=tuple(_load_part(part, where) for part in _load_list(item, "parts", where)),
        bands=tuple(_load_band(band, where) for band in _load_list(item, "bands", where)),
        target=_load_amount(item, "target", where),
        minimum=_load_minimum(item, where),
        partial=_load_bool(item, "partial", where, default=True),
        rows=tuple(_load_span(row, where) for row in _load_list(item, "rows", where)),
        columns=tuple(_load_span(column, where) for column in _load_list(item, "columns", where)),
        matrix=_load_matrix(item, where),
        scope=_load_enum(Scope, item, "scope", where),
        input_label=_load_str(item, "input", where),
        size_label=_load_str(item, "size_input", where),
        target_label=_load_str(item, "target_input", where),
    )


def _dump_range(item: Band | Span) -> JsonDict:
    data: JsonDict = {"from": _dump_amount(item.lower), "below": _dump_optional(item.below), "name": item.name}
    if isinstance(item, Band):
        data["points"] = _dump_amount(item.points)
    return {key: value for key, value in data.items() if value is not None and value != ""}


def base_to_dict(base: BaseSpec) -> JsonDict:
    data: JsonDict = {
        "kind": base.kind.value,
        "input": base.input_label,
        "size_input": base.size_label,
        "target_input": base.target_label,
        "scope": None if base.scope is None else base.scope.value,
        "target": _dump_optional(base.target),
        "minimum": base.minimum,
        "parts": [_compact({"code": p.code, "points": _dump_amount(p.points), "text": p.text}) for p in base.parts],
        "bands": [_dump_range(band) for band in base.bands],
        "rows": [_dump_range(row) for row in base.rows],
        "columns": [_dump_range(column) for column in base.columns],
        "points": [[_dump_amount(cell) for cell in row] for row in base.matrix],
    }
    data = _compact(data)
    if not base.partial:
        data["partial"] = False
    return data


def rule_from_dict(data: object, where: str = "rule") -> RuleSpec:
    item = _checked_keys(data, _RULE_KEYS, where)
    where = f"{where} {item.get('code', '')}".strip()
    return RuleSpec(
        code=_load_str(item, "code", where),
        kind=_load_kind(RuleKind, item, where),
        text=_load_str(item, "text", where),
        per=_load_enum(Per, item, "per", where),
        points=_load_amount(item, "points", where),
        bonus=_load_amount(item, "bonus", where),
        deduction=_load_amount(item, "deduction", where),
        above=_load_amount(item, "above", where),
        step=_load_amount(item, "step", where),
        cap=_load_amount(item, "cap", where),
        only_without_deductions=_load_bool(item, "only_without_deductions", where),
        input_label=_load_str(item, "input", where),
    )


def rule_to_dict(rule: RuleSpec) -> JsonDict:
    return _compact(
        {
            "code": rule.code,
            "kind": rule.kind.value,
            "per": None if rule.per is None else rule.per.value,
            "points": _dump_optional(rule.points),
            "bonus": _dump_optional(rule.bonus),
            "deduction": _dump_optional(rule.deduction),
            "above": _dump_optional(rule.above),
            "step": _dump_optional(rule.step),
            "cap": _dump_optional(rule.cap),
            "only_without_deductions": rule.only_without_deductions,
            "input": rule.input_label,
            "text": rule.text,
        }
    )


def criterion_from_dict(data: object, where: str = "criterion") -> CriterionSpec:
    item = _checked_keys(data, _CRITERION_KEYS, where)
    where = f"{where} {item.get('code', '')}".strip()
    return CriterionSpec(
        code=_load_str(item, "code", where),
        text=_load_str(item, "text", where),
        standard_points=_load_required(item, "standard_points", where),
        base=base_from_dict(item["base"], f"{where} base") if "base" in item else BaseSpec(),
        rules=tuple(rule_from_dict(rule, where) for rule in _load_list(item, "rules", where)),
        role=_load_enum(Role, item, "role", where) or Role.REGULAR,
        deduction_cap=_load_amount(item, "deduction_cap", where),
        bonus_cap=_load_amount(item, "bonus_cap", where),
        minimum_points=_load_amount(item, "minimum_points", where),
        evidence_required=_load_bool(item, "evidence_required", where),
        notes=_load_str(item, "notes", where),
    )


def criterion_to_dict(criterion: CriterionSpec) -> JsonDict:
    return _compact(
        {
            "code": criterion.code,
            "text": criterion.text,
            "standard_points": _dump_amount(criterion.standard_points),
            "role": None if criterion.role is Role.REGULAR else criterion.role.value,
            "base": base_to_dict(criterion.base),
            "deduction_cap": _dump_optional(criterion.deduction_cap),
            "bonus_cap": _dump_optional(criterion.bonus_cap),
            "minimum_points": _dump_optional(criterion.minimum_points),
            "evidence_required": criterion.evidence_required,
            "rules": [rule_to_dict(rule) for rule in criterion.rules],
            "notes": criterion.notes,
        }
    )


def group_from_dict(data: object, where: str = "group") -> GroupSpec:
    item = _checked_keys(data, _GROUP_KEYS, where)
    where = f"{where} {item.get('code', '')}".strip()
    return GroupSpec(
        code=_load_str(item, "code", where),
        name=_load_str(item, "name", where),
        max_points=_load_amount(item, "max_points", where),
        groups=tuple(group_from_dict(group, where) for group in _load_list(item, "groups", where)),
        criteria=tuple(criterion_from_dict(criterion, where) for criterion in _load_list(item, "criteria", where)),
    )


def group_to_dict(group: GroupSpec) -> JsonDict:
    return _compact(
        {
            "code": group.code,
            "name": group.name,
            "max_points": _dump_optional(group.max_points),
            "groups": [group_to_dict(child) for child in group.groups],
            "criteria": [criterion_to_dict(criterion) for criterion in group.criteria],
        }
    )


def _load_tier(data: object) -> Tier:
    item = _checked_keys(data, {"name", "from"}, "tier")
    return Tier(name=_load_str(item, "name", "tier"), lower=_load_required(item, "from", "tier"))


def table_from_dict(data: object) -> TableSpec:
    """A table from the ``table`` object of the example format (amounts from Decimal, int or str; floats refused)."""
    item = _checked_keys(data, _TABLE_KEYS, "table")
    return TableSpec(
        groups=tuple(group_from_dict(group) for group in _load_list(item, "groups", "table")),
        criteria=tuple(criterion_from_dict(criterion) for criterion in _load_list(item, "criteria", "table")),
        tiers=tuple(_load_tier(tier) for tier in _load_list(item, "tiers", "table")),
        bonus_cap=_load_amount(item, "bonus_cap", "table"),
        penalty_cap=_load_amount(item, "penalty_cap", "table"),
        declared_total=_load_amount(item, "total_standard_points", "table"),
        title=_load_str(item, "title", "table"),
    )


def table_to_dict(table: TableSpec) -> JsonDict:
    """The table as JSON-able data (amounts as int or str); ``table_from_dict`` gives it back exactly."""
    return _compact(
        {
            "title": table.title,
            "total_standard_points": _dump_optional(table.declared_total),
            "bonus_cap": _dump_optional(table.bonus_cap),
            "penalty_cap": _dump_optional(table.penalty_cap),
            "tiers": [{"name": tier.name, "from": _dump_amount(tier.lower)} for tier in table.tiers],
            "criteria": [criterion_to_dict(criterion) for criterion in table.criteria],
            "groups": [group_to_dict(group) for group in table.groups],
        }
    )
