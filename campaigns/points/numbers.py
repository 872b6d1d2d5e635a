"""Numbers: Decimal only, rounding half up to hundredths, reading typed amounts."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from campaigns.points.messages import POINTS_QUANTUM

# ---- numbers --------------------------------------------------------------------------------------------------------

_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def round_points(points: Decimal) -> Decimal:
    """Points rounded half up to ``POINTS_QUANTUM`` (0.125 → 0.13)."""
    return points.quantize(POINTS_QUANTUM, rounding=ROUND_HALF_UP)


def to_decimal(raw: object) -> Decimal | None:
    """``raw`` as a finite Decimal (int, Decimal, or text "0,5" / "0.5"); None for anything else (float, bool…)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    if isinstance(raw, str) and _NUMBER_TEXT.fullmatch(raw.strip()):
        return Decimal(raw.strip().replace(",", "."))
    return None


def has_two_decimals(amount: Decimal) -> bool:
    exponent = amount.normalize().as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -2


def _capped(amount: Decimal, cap: Decimal | None) -> Decimal:
    return amount if cap is None else min(amount, cap)


def _decimal(fraction: Fraction) -> Decimal:
    """An exact fraction as a Decimal: one division, the only inexact step."""
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


def _configured[T](value: T | None, code: str, what: str) -> T:
    if value is None:
        raise ValueError(f"{code}: {what} is missing; validate the table first.")
    return value
