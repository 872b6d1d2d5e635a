"""Field positions of the overlay mode: text printed onto pre-printed blanks (phôi), in millimetres.

A calibration maps a field name to ``{"x_mm", "y_mm", "width_mm", "font_size_pt"}`` (plus optional
``"visible"``: False for a field the blank already carries). Positions are the top-left corner of the
field's box measured from the top-left corner of the landscape A4 sheet. A partial calibration is
merged over ``DEFAULT_CALIBRATION``; anything unknown or off the page is refused with a clear message.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

PAGE_WIDTH_MM = 297
PAGE_HEIGHT_MM = 210
MIN_FONT_PT = 4
MAX_FONT_PT = 72

# Defaults fit the common 297 × 210 mm blank: national title, emblem, border and the form's name
# (BẰNG KHEN / GIẤY KHEN) are pre-printed in the upper third, so the fields start below them.
DEFAULT_CALIBRATION: dict[str, dict[str, float]] = {
    "authority": {"x_mm": 48, "y_mm": 52, "width_mm": 201, "font_size_pt": 15},
    "recipient_name": {"x_mm": 48, "y_mm": 90, "width_mm": 201, "font_size_pt": 22},
    "recipient_unit": {"x_mm": 48, "y_mm": 102, "width_mm": 201, "font_size_pt": 14},
    "achievement": {"x_mm": 48, "y_mm": 113, "width_mm": 201, "font_size_pt": 14},
    "decision": {"x_mm": 28, "y_mm": 148, "width_mm": 100, "font_size_pt": 10.5},
    "golden_book": {"x_mm": 28, "y_mm": 155, "width_mm": 100, "font_size_pt": 10.5},
    "serial": {"x_mm": 28, "y_mm": 161, "width_mm": 100, "font_size_pt": 10.5},
    "qr": {"x_mm": 28, "y_mm": 168, "width_mm": 22, "font_size_pt": 10},
    "place_date": {"x_mm": 160, "y_mm": 140, "width_mm": 110, "font_size_pt": 13},
    "signer_title": {"x_mm": 160, "y_mm": 147, "width_mm": 110, "font_size_pt": 13},
    "signer_name": {"x_mm": 160, "y_mm": 186, "width_mm": 110, "font_size_pt": 14},
}
NUMBER_KEYS = ("x_mm", "y_mm", "width_mm", "font_size_pt")
KNOWN_KEYS = {*NUMBER_KEYS, "visible"}


def _number_errors(field: str, key: str, value) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return [
            gettext("%(field)s: %(key)s must be a number, got %(value)s.")
            % {"field": field, "key": key, "value": repr(value)[:40]}
        ]
    if not math.isfinite(value):
        return [gettext("%(field)s: %(key)s must be a finite number.") % {"field": field, "key": key}]
    return []


def _check_geometry(field: str, box: Mapping[str, float]) -> list[str]:
    errors = []
    x, y, width, size = (box[key] for key in NUMBER_KEYS)
    if x < 0 or y < 0 or x >= PAGE_WIDTH_MM or y >= PAGE_HEIGHT_MM:
        errors.append(
            gettext("%(field)s: the position (%(x)s, %(y)s) mm is outside the %(w)s × %(h)s mm page.")
            % {"field": field, "x": x, "y": y, "w": PAGE_WIDTH_MM, "h": PAGE_HEIGHT_MM}
        )
    if width <= 0 or x + width > PAGE_WIDTH_MM:
        errors.append(
            gettext("%(field)s: the width %(width)s mm must be positive and end inside the page.")
            % {"field": field, "width": width}
        )
    if not MIN_FONT_PT <= size <= MAX_FONT_PT:
        errors.append(
            gettext("%(field)s: the font size must be between %(min)s and %(max)s pt.")
            % {"field": field, "min": MIN_FONT_PT, "max": MAX_FONT_PT}
        )
    if field == "qr" and y + width > PAGE_HEIGHT_MM:
        errors.append(gettext("%(field)s: the QR code must end inside the page.") % {"field": field})
    return errors


def _field_errors(field: str, box) -> list[str]:
    """What is wrong with one entry of a calibration, before its geometry is checked."""
    if field not in DEFAULT_CALIBRATION:
        return [
            gettext("Unknown field %(field)s; the fields are: %(fields)s.")
            % {"field": str(field)[:40], "fields": ", ".join(DEFAULT_CALIBRATION)}
        ]
    if not isinstance(box, Mapping):
        return [gettext("%(field)s: expected x_mm, y_mm, width_mm and font_size_pt.") % {"field": field}]
    unknown = sorted(set(box) - KNOWN_KEYS)
    if unknown:
        keys = ", ".join(str(key)[:40] for key in unknown[:10])
        return [gettext("%(field)s: unknown keys %(keys)s.") % {"field": field, "keys": keys}]
    errors = [message for key in NUMBER_KEYS if key in box for message in _number_errors(field, key, box[key])]
    if not isinstance(box.get("visible", True), bool):
        errors.append(gettext("%(field)s: visible must be true or false.") % {"field": field})
    return errors


def validate_calibration(calibration: Mapping[str, Mapping] | None) -> dict[str, dict]:
    """The full calibration (defaults merged with ``calibration``), or ValidationError listing every problem."""
    calibration = {} if calibration is None else calibration
    if not isinstance(calibration, Mapping):
        raise ValidationError(gettext("The calibration must map field names to positions."))
    if len(calibration) > len(DEFAULT_CALIBRATION):
        raise ValidationError(
            gettext("The calibration has %(count)s fields; the fields are: %(fields)s.")
            % {"count": len(calibration), "fields": ", ".join(DEFAULT_CALIBRATION)}
        )
    merged = {name: {**box, "visible": True} for name, box in DEFAULT_CALIBRATION.items()}
    errors: list[str] = []
    for field, box in calibration.items():
        field_errors = _field_errors(field, box)
        if field_errors:
            errors.extend(field_errors)
            continue
        merged[field].update({key: float(value) for key, value in box.items() if key != "visible"})
        merged[field]["visible"] = box.get("visible", True)
        errors.extend(_check_geometry(field, merged[field]))
    if errors:
        raise ValidationError(errors)
    return merged
