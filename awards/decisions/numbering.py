"""Pure numbering formats (no Django): decision numbers, certificate serials, golden-book numbers.

Formats:

- decision number: ``<number>/<symbol>``, e.g. ``45/QĐ-BTG``; the number comes from the organisation's
  register (the Django layer keeps it gap-free and unique), the symbol is the document kind and the
  issuing body (``QĐ-BTG``, ``QĐ-UBND``). ``min_digits`` pads small numbers (issued decisions use 2:
  ``05/QĐ-BTG``). Party bodies write ``<number>-<kind>/<issuer>`` (``05-QĐ/BTGTU``, ``383-KH/BTGTW``) from the
  same symbol (``style="party"``, see ``common.documents``); both shapes parse back to (number, symbol);
- certificate serial: ``<PREFIX>-<year>-<number, at least 6 digits>``, e.g. ``BTG-2025-000123``;
- golden-book number (số sổ vàng): ``<PREFIX>-<year>-<number, at least 4 digits>``, e.g. ``SV-2025-0045``.

Prefixes are upper-case ASCII letters and digits so serials survive QR codes, URLs and spreadsheets.
Numbers larger than the width keep all of their digits (nothing is ever truncated).
"""

from __future__ import annotations

import re
import unicodedata

from common.documents import STATE, document_number

SERIAL_DIGITS = 6
GOLDEN_BOOK_DIGITS = 4

_DECISION_RE = re.compile(r"(?:số\s*:?\s*)?([0-9]+)/([^/\s]+)", re.IGNORECASE)
_PARTY_RE = re.compile(r"(?:số\s*:?\s*)?([0-9]+)-([^/\s-]+)/([^/\s]+)", re.IGNORECASE)
_PREFIX_RE = re.compile(r"[A-Z0-9]+")


def _check_number(number: object, what: str) -> int:
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"The {what} must be a whole number, not {number!r}.")
    if number < 1:
        raise ValueError(f"The {what} must be at least 1, not {number}.")
    return number


def _check_symbol(symbol: object) -> str:
    if not isinstance(symbol, str):
        raise TypeError(f"The decision symbol must be text, not {symbol!r}.")
    symbol = unicodedata.normalize("NFC", symbol)
    if not symbol:
        raise ValueError("The decision symbol is empty (expected something like “QĐ-BTG”).")
    if "/" in symbol:
        raise ValueError(f"The decision symbol “{symbol}” cannot contain “/” (it separates number and symbol).")
    if any(char.isspace() for char in symbol):
        raise ValueError(f"The decision symbol “{symbol}” cannot contain spaces.")
    if not symbol_is_valid(symbol):
        raise ValueError(f"The decision symbol {symbol!r} may contain only letters, digits and “-”.")
    return symbol


def symbol_is_valid(symbol: str) -> bool:
    """Letters (Vietnamese included), digits and “-” only, starting with a letter or digit: ``QĐ-BTGTU``."""
    return bool(symbol) and symbol[0].isalnum() and all(char.isalnum() or char == "-" for char in symbol)


def format_decision_number(number: int, symbol: str, *, min_digits: int = 1, style: str = STATE) -> str:
    """``45/QĐ-BTG`` from 45 and ``QĐ-BTG``; ``min_digits=2`` writes 5 as ``05``; ``style="party"`` writes
    ``05-QĐ/BTG``. Symbol is NFC-normalised."""
    _check_number(number, "decision number")
    if isinstance(min_digits, bool) or not isinstance(min_digits, int) or min_digits < 1:
        raise ValueError(f"min_digits must be a whole number of at least 1, not {min_digits!r}.")
    return document_number(number, _check_symbol(symbol), style=style, min_digits=min_digits)


def parse_decision_number(text: str) -> tuple[int, str]:
    """``(45, "QĐ-BTG")`` from ``45/QĐ-BTG``.

    Lenient where imported ledgers vary: surrounding spaces, a leading ``Số:`` as printed on the
    document, leading zeros (``05/…`` → 5), Unicode normalisation, the Party shape (``05-QĐ/BTGTU`` →
    ``(5, "QĐ-BTGTU")``). Raises ``ValueError`` otherwise.
    """
    if not isinstance(text, str):
        raise TypeError(f"A decision number must be text, not {text!r}.")
    cleaned = unicodedata.normalize("NFC", text).strip()
    party = _PARTY_RE.fullmatch(cleaned)
    if party is not None:
        number = int(party.group(1))
        if number < 1:
            raise ValueError(f"“{text}”: the decision number must be at least 1.")
        return number, _check_symbol(f"{party.group(2)}-{party.group(3)}")
    match = _DECISION_RE.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"“{text}” is not a decision number like “45/QĐ-BTG” (number, “/”, symbol).")
    number = int(match.group(1))
    if number < 1:
        raise ValueError(f"“{text}”: the decision number must be at least 1.")
    return number, _check_symbol(match.group(2))


def _year_number(prefix: str, year: int, number: int, digits: int, what: str) -> str:
    if not isinstance(prefix, str) or not _PREFIX_RE.fullmatch(prefix):
        raise ValueError(f"The {what} prefix must be upper-case letters A–Z and digits, not {prefix!r}.")
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise ValueError(f"The {what} year must be a four-digit year, not {year!r}.")
    _check_number(number, f"{what} number")
    return f"{prefix}-{year}-{number:0{digits}d}"


def next_serial(prefix: str, year: int, number: int) -> str:
    """Certificate serial ``BTG-2025-000123`` (number padded to ``SERIAL_DIGITS``)."""
    return _year_number(prefix, year, number, SERIAL_DIGITS, "serial")


def golden_book_number(prefix: str, year: int, number: int) -> str:
    """Golden-book number ``SV-2025-0045`` (number padded to ``GOLDEN_BOOK_DIGITS``)."""
    return _year_number(prefix, year, number, GOLDEN_BOOK_DIGITS, "golden-book")
