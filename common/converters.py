"""Bounded ids in URLs and query strings: an id a database column cannot hold is "not found", never a server error.

``IdConverter`` is registered as ``<id:…>`` (``CommonConfig.ready``) and used by every URL pattern instead of
``<int:…>``: at most 18 digits, so the value always fits a signed 64-bit column. ``query_id`` reads an id from a
query string (``?bloc=``, ``?plan=``, …) the same way: anything else is None.
"""

from __future__ import annotations

import re
from typing import Any

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,18}")


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:  # cannot happen with 18 digits; kept so a wider regex never lets one through
            raise ValueError(value)
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))


def bounded_id(value: object) -> int | None:
    """``value`` as a database id (1 to 2**63 - 1) when it is one, else None (empty, negative, huge, text, NUL…)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_ID else None
    text = str(value or "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def query_id(params: Any, name: str) -> int | None:
    """The bounded id in query parameter ``name`` (``request.GET``), or None."""
    return bounded_id(params.get(name, ""))
