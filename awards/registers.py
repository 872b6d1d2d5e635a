"""Number registers of an organisation (decisions, minutes, certificate serials, golden-book numbers), shared by the
decisions and councils parts.

Numbers are taken under a row lock inside the caller's transaction (``register_take``), so they have no gaps and
no duplicates even when several people issue at once. A register's symbol is stored the State way
(``QĐ-BTGTU``); ``common.documents.document_number`` writes it in the organisation's style (``01-QĐ/BTGTU``).
"""

from __future__ import annotations

import unicodedata

from django.db.models import F
from django.utils import timezone

from awards.models import Register
from organizations.models import Organization


def organization_prefix(organization: Organization) -> str:
    """Upper-case ASCII letters and digits of the organisation's code (Đ → D), e.g. ``BTG``."""
    text = unicodedata.normalize("NFKD", organization.code.replace("Đ", "D").replace("đ", "d")).upper()
    prefix = "".join(ch for ch in text if ch.isascii() and ch.isalnum())
    return prefix or f"ORG{organization.pk}"


def register_take(*, organization: Organization, kind: str, year: int, symbol: str, count: int = 1):
    """Lock the register (creating it on first use with ``symbol``) and take ``count`` numbers: (register, first).

    Must run inside a transaction: the row lock is held until it commits, so concurrent callers queue.
    """
    Register.objects.get_or_create(organization=organization, kind=kind, year=year, defaults={"symbol": symbol})
    register = Register.objects.select_for_update().get(organization=organization, kind=kind, year=year)
    first = register.last_number + 1
    Register.objects.filter(pk=register.pk).update(last_number=F("last_number") + count, updated_at=timezone.now())
    return register, first


def register_symbol(*, organization: Organization, kind: str, year: int) -> str | None:
    """The symbol of the organisation's register of ``kind`` for ``year``; None before its first number."""
    return (
        Register.objects.filter(organization=organization, kind=kind, year=year)
        .values_list("symbol", flat=True)
        .first()
    )


def default_decision_symbol(organization: Organization) -> str:
    """The decision register's default symbol: ``QĐ-`` and the organisation's short code."""
    return f"QĐ-{organization_prefix(organization)}"


def default_minutes_symbol(organization: Organization) -> str:
    """The minutes register's default symbol: ``BB-`` and the organisation's short code."""
    return f"BB-{organization_prefix(organization)}"


def symbol_in_use(*, organization: Organization, kind: str, year: int, default: str) -> str:
    """The symbol numbers of ``kind`` will carry in ``year``: that year's register's, else the latest earlier one's
    (a new year's register starts with it), else ``default``."""
    symbols = Register.objects.filter(organization=organization, kind=kind, year__lte=year).order_by("-year")
    return symbols.values_list("symbol", flat=True).first() or default


def register_prepare(*, organization: Organization, kind: str, year: int, symbol: str) -> Register:
    """The register of ``kind`` for ``year``, created with ``symbol`` if it does not exist yet (its symbol is kept
    when it does: numbers already taken keep their meaning)."""
    register, _created = Register.objects.get_or_create(
        organization=organization, kind=kind, year=year, defaults={"symbol": symbol}
    )
    return register
