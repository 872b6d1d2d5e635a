"""The four methods and three kinds of the tables made before rule lines existed, mapped exactly."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from campaigns.points.messages import LEGACY_PART
from campaigns.points.serialise import JsonDict
from campaigns.points.spec import BaseKind, BaseSpec, CriterionSpec, Part, Role, TableSpec, Tier

# ---- legacy (the legacy engine: manual, target, boolean, count; regular, bonus, penalty) ---------------------


def legacy_criterion(
    code: str,
    max_points: Decimal,
    method: str,
    kind: str = Role.REGULAR,
    target_value: Decimal | None = None,
    count_minimum: int | None = None,
    count_partial: bool = False,
    minimum_points: Decimal | None = None,
    evidence_required: bool = False,
) -> CriterionSpec:
    """The criterion that scores exactly like a legacy ``CriterionRule``."""
    bases = {
        "manual": BaseSpec(kind=BaseKind.MANUAL),
        "target": BaseSpec(kind=BaseKind.TARGET, target=target_value),
        "boolean": BaseSpec(kind=BaseKind.YES_NO_PARTS, parts=(Part(LEGACY_PART, max_points),)),
        "count": BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=count_minimum, partial=count_partial),
    }
    if str(method) not in bases:
        raise ValueError(f"{code}: unknown legacy method {method!r}.")
    return CriterionSpec(
        code=code,
        text="",
        standard_points=max_points,
        base=bases[str(method)],
        role=Role(kind),
        minimum_points=minimum_points,
        evidence_required=evidence_required,
    )


def legacy_inputs(method: str, value: object) -> JsonDict:
    """A legacy answer as the new input dict (a boolean may also be given as 1 or 0)."""
    match str(method):
        case "manual":
            return {"points": value}
        case "target":
            return {"value": value}
        case "boolean":
            is_bit = isinstance(value, int) and not isinstance(value, bool) and value in (0, 1)
            return {"parts": {LEGACY_PART: bool(value) if is_bit else value}}
        case "count":
            return {"count": value}
    raise ValueError(f"Unknown legacy method {method!r}.")


def legacy_table(
    criteria: Sequence[CriterionSpec],
    declared_total: Decimal | None,
    bonus_cap: Decimal | None = None,
    penalty_cap: Decimal | None = None,
    tiers: Sequence[Tier] = (),
) -> TableSpec:
    """A flat legacy table (criteria without groups)."""
    return TableSpec(
        criteria=tuple(criteria),
        tiers=tuple(tiers),
        bonus_cap=bonus_cap,
        penalty_cap=penalty_cap,
        declared_total=declared_total,
    )
