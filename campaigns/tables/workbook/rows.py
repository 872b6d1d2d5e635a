"""A row of the table sheet as read, what each row type reads, and the engine's specs it stands for."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from campaigns import points as pt
from campaigns.tables.workbook.cells import amount, bands_of, matrix_of, parts_of, spans_of, text, whole
from campaigns.tables.workbook.layout import CRITERION, GROUP, RULE


@dataclass
class Row:
    line: int
    kind: str
    code: str
    parent: str
    values: dict = field(default_factory=dict)
    bad: set[str] = field(default_factory=set)


# What each row type reads: column → reader (the other columns of the row are ignored).
GROUP_CELLS = {"text": text, "points": amount}
CRITERION_CELLS = {
    "text": text,
    "points": amount,
    "target": amount,
    "minimum": whole,
    "parts": parts_of,
    "bands": bands_of,
    "lookup_rows": spans_of,
    "lookup_columns": spans_of,
    "lookup_points": matrix_of,
    "deduction_cap": amount,
    "bonus_cap": amount,
    "input_label": text,
    "size_label": text,
    "target_label": text,
    "minimum_points": amount,
    "notes": text,
}
RULE_CELLS = {
    "text": text,
    "points": amount,
    "bonus": amount,
    "deduction": amount,
    "above": lambda value: amount(value, places=4),
    "step": lambda value: amount(value, places=4),
    "cap": amount,
    "input_label": text,
}
CHOICES = {GROUP: (), CRITERION: ("role", "method", "scope"), RULE: ("rule_kind", "per")}
FLAGS = {CRITERION: {"partial": True, "evidence_required": False}, RULE: {"only_without_deductions": False}}
REQUIRED = {GROUP: ("code",), CRITERION: ("code", "parent", "text", "points"), RULE: ("code", "parent", "rule_kind")}


def criterion_spec(row: Row, rule_rows: list[Row]) -> pt.CriterionSpec:
    """The criterion a row stands for, with its rule lines (those whose kind could be read)."""
    values = row.values
    kind = pt.BaseKind(values.get("method") or pt.BaseKind.STANDARD)
    uses = {name: kind is base for name, base in BASE_LISTS.items()}
    base = pt.BaseSpec(
        kind=kind,
        parts=(values.get("parts") or ()) if uses["parts"] else (),
        bands=(values.get("bands") or ()) if uses["bands"] else (),
        target=values.get("target") if kind is pt.BaseKind.TARGET else None,
        minimum=values.get("minimum") if kind is pt.BaseKind.COUNT_MINIMUM else None,
        partial=values.get("partial", True) if kind is pt.BaseKind.COUNT_MINIMUM else True,
        rows=(values.get("lookup_rows") or ()) if uses["lookup"] else (),
        columns=(values.get("lookup_columns") or ()) if uses["lookup"] else (),
        matrix=(values.get("lookup_points") or ()) if uses["lookup"] else (),
        scope=pt.Scope(values["scope"]) if kind is pt.BaseKind.RELATIVE_TO_LEADER and values.get("scope") else None,
        input_label=values.get("input_label") or "",
        size_label=values.get("size_label") or "",
        target_label=values.get("target_label") or "",
    )
    return pt.CriterionSpec(
        code=row.code,
        text=values.get("text") or "",
        standard_points=values.get("points") or Decimal(0),
        base=base,
        rules=tuple(rule_spec(rule) for rule in rule_rows if rule.values.get("rule_kind")),
        role=pt.Role(values.get("role") or pt.Role.REGULAR),
        deduction_cap=values.get("deduction_cap"),
        bonus_cap=values.get("bonus_cap"),
        minimum_points=values.get("minimum_points"),
        evidence_required=bool(values.get("evidence_required")),
        notes=values.get("notes") or "",
    )


BASE_LISTS = {"parts": pt.BaseKind.YES_NO_PARTS, "bands": pt.BaseKind.BANDS, "lookup": pt.BaseKind.LOOKUP}


def rule_spec(row: Row) -> pt.RuleSpec:
    """The rule line a row stands for."""
    values = row.values
    return pt.RuleSpec(
        code=row.code,
        kind=pt.RuleKind(values["rule_kind"]),
        text=values.get("text") or "",
        per=pt.Per(values["per"]) if values.get("per") else None,
        points=values.get("points"),
        bonus=values.get("bonus"),
        deduction=values.get("deduction"),
        above=values.get("above"),
        step=values.get("step"),
        cap=values.get("cap"),
        only_without_deductions=bool(values.get("only_without_deductions")),
        input_label=values.get("input_label") or "",
    )
