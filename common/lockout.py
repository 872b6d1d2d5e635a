"""Login lock-out that protects without locking people out (django-axes underneath).

- The client's address is read behind ``TRUSTED_PROXY_COUNT`` reverse proxies (``client_ip``): without it every
  request behind the proxy would come from the proxy's address; with it a client still cannot choose its address.
- An account is locked for one address after ``LOGIN_FAILURE_LIMIT`` failures of that user name from that
  address — never on the user name alone, so nobody elsewhere can lock a signer before a deadline or a council
  member during a vote by typing their name.
- An address is locked across user names after ``LOGIN_IP_FAILURE_LIMIT`` failures (password spraying: a few
  tries for each of many names); the limit is higher, because a whole office may sit behind one address.
- Failures are forgotten after ``LOGIN_COOLOFF_MINUTES``; a successful login clears that user's failures from that
  address; an administrator can unlock a name or an address (``lockout_reset``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind N trusted proxies (each appending the address it saw to
    X-Forwarded-For, as nginx's ``proxy_add_x_forwarded_for`` does) the N-th address from the right — what a
    client writes into the header itself stays to the left and is never used."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    candidate = forwarded[-min(count, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, plus a lock of an address that failed too often across user names."""

    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
        return bool(address) and address_failures(address, since=get_cool_off_threshold(request)) >= ip_limit()


def ip_limit() -> int:
    return settings.LOGIN_IP_FAILURE_LIMIT


def address_failures(address: str, *, since: datetime) -> int:
    """Failed logins from ``address`` since ``since``, whatever the user names."""
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


@dataclass(frozen=True)
class Lock:
    """A current lock-out: of a user name from an address, or of an address across names."""

    username: str
    ip_address: str
    failures: int
    last_attempt: datetime


def _recent(since: datetime) -> QuerySet[AccessAttempt]:
    recent: QuerySet[AccessAttempt] = AccessAttempt.objects.filter(attempt_time__gte=since)
    return recent


def locks(*, since: datetime) -> tuple[list[Lock], list[Lock]]:
    """(user names locked from an address, addresses locked across names), newest first."""
    user_locks = [
        Lock(a.username or "", a.ip_address or "", a.failures_since_start, a.attempt_time)
        for a in _recent(since).filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by("-attempt_time")
    ]
    by_address = (
        _recent(since)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=ip_limit())
        .order_by("-last")
    )
    address_locks = [Lock("", row["ip_address"] or "", row["failures"], row["last"]) for row in by_address]
    return user_locks, address_locks


def lockout_reset(*, username: str | None = None, ip_address: str | None = None) -> int:
    """Unlock a user name (from every address) or an address (for every name); the number of records cleared."""
    if not username and not ip_address:
        raise ValueError("lockout_reset needs a user name or an address")
    cleared: int = reset(username=username) if username else reset(ip=ip_address)
    return cleared
