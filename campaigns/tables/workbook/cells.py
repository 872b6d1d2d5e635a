"""Reading one cell of the workbook: numbers written "0,25" or "0.25", yes/no, and the lists of parts, bands and the
lookup (one item per line, its values separated by "|"). A cell that cannot be read raises ``CellError``."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from campaigns import points as pt
from campaigns.tables.services import number_text
from campaigns.tables.workbook.layout import NO_WORDS, YES_WORDS, normal


class CellError(ValueError):
    """A cell that cannot be read; the message says why."""


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def amount(value, places: int = 2) -> Decimal | None:
    """A non-negative number with at most ``places`` decimals, from a number cell or text ("0,25" / "0.25")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        number = pt.to_decimal(str(value).replace("\u00a0", "").replace(" ", ""))
    if number is None or not number.is_finite():
        raise CellError(_("“%(value)s” is not a number; write it like 0,25.") % {"value": text(value)})
    if number < 0:
        raise CellError(_("the number cannot be negative."))
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise CellError(
            _("%(value)s has more than %(places)s decimals.") % {"value": number_text(number), "places": places}
        )
    return number


def whole(value) -> int | None:
    number = amount(value, places=0)
    return None if number is None else int(number)


def yes_no(value, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    word = normal(text(value))
    if not word:
        return default
    if word in YES_WORDS or word == normal(_("Yes")):
        return True
    if word in NO_WORDS or word == normal(_("No")):
        return False
    raise CellError(_("write yes or no."))


def _split(line: str, least: int, shape: str) -> list[str]:
    parts = [part.strip() for part in line.split("|")]
    if len(parts) < least:
        raise CellError(_("write each item as “%(shape)s”.") % {"shape": shape})
    return parts


def items(value) -> list[str]:
    return [line.strip() for line in text(value).splitlines() if line.strip()]


def parts_of(value) -> tuple[pt.Part, ...]:
    found = []
    for line in items(value):
        cells = _split(line, 2, _("code | text | points"))
        points = amount(cells[-1])
        if points is None:
            raise CellError(_("part %(code)s has no points.") % {"code": cells[0]})
        found.append(pt.Part(code=cells[0], points=points, text=" | ".join(cells[1:-1])))
    return tuple(found)


def _bounds(cells: list[str]) -> tuple[Decimal, Decimal | None]:
    lower = amount(cells[0], places=4)
    if lower is None:
        raise CellError(_("every item needs its “from” value."))
    return lower, amount(cells[1], places=4) if len(cells) > 1 else None


def bands_of(value) -> tuple[pt.Band, ...]:
    found = []
    for line in items(value):
        cells = _split(line, 3, _("from | below | points | name"))
        lower, below = _bounds(cells)
        points = amount(cells[2])
        if points is None:
            raise CellError(_("every band needs its points."))
        found.append(pt.Band(lower=lower, points=points, below=below, name=" | ".join(cells[3:])))
    return tuple(found)


def spans_of(value) -> tuple[pt.Span, ...]:
    found = []
    for line in items(value):
        cells = _split(line, 1, _("from | below | name"))
        lower, below = _bounds(cells)
        found.append(pt.Span(lower=lower, below=below, name=" | ".join(cells[2:])))
    return tuple(found)


def matrix_of(value) -> tuple[tuple[Decimal, ...], ...]:
    rows = []
    for line in items(value):
        cells = [amount(cell) for cell in line.split("|")]
        if any(cell is None for cell in cells):
            raise CellError(_("every cell of the lookup needs its points."))
        rows.append(tuple(cells))
    return tuple(rows)
