"""A small per-client rate limit on the shared cache: N requests per window, counted per client IP and scope.

Counters live in the cache (Redis with several web machines, local memory otherwise) under a key per window, so
they expire on their own. When the cache is down the fail-soft wrapper answers as for a first request: the limit
is then not enforced rather than the page failing (the public pages it protects must stay up).
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, behind TRUSTED_PROXY_COUNT proxies as for the login lock-out (common/lockout.py)."""
    from common.lockout import client_ip as proxied_client_ip  # lazy: registry (axes models)

    return proxied_client_ip(request) or "unknown"


def rate_limited(request: HttpRequest, *, scope: str, limit: int, window: int = 60) -> bool:
    """Count this request of ``scope`` for the client; True when it is over ``limit`` in the current window."""
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_ip(request)}:{bucket}"
    if cache.add(key, 1, timeout=window + 5):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count > limit


def retry_after(window: int = 60) -> int:
    """Seconds until the current window ends (for the Retry-After header)."""
    return max(1, window - int(time.time()) % window)
