"""A Redis cache that fails soft: with Redis down, every call logs and returns its default instead of raising.

Django's RedisCache raises ``redis.ConnectionError`` on every call when Redis is down, which would turn an outage
of a non-essential service into server errors. Here a failure is logged (once per pause), the call returns what a
cache miss returns, and Redis is skipped for ``FAIL_SOFT_PAUSE`` seconds so an outage costs requests nothing.
redis-py's own retries (several, with back-off, by default since redis-py 6) are turned off.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# method name → what it returns when Redis is unavailable (the value a miss or a no-op returns)
_DEFAULTS: dict[str, object] = {
    "add": False,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": [],
    "delete_many": None,
    "clear": None,
}


class FailSoftRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("retry", Retry(NoBackoff(), 0))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._pause = float(params.get("FAIL_SOFT_PAUSE", 5.0))
        self._down_until = 0.0

    def _soft[T](self, name: str, default: T, call: Callable[[], T]) -> T:
        if time.monotonic() < self._down_until:
            return default
        try:
            return call()
        except RedisError as exc:
            self._down_until = time.monotonic() + self._pause
            logger.warning("Cache unavailable (%s: %s); %s() returns its default", type(exc).__name__, exc, name)
            return default

    def get(self, key: Any, default: Any | None = None, version: int | None = None) -> Any:
        return self._soft("get", default, lambda: super(FailSoftRedisCache, self).get(key, default, version))

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        # A missing key still raises ValueError (Django's contract); an unreachable Redis counts as 0 + delta.
        return self._soft("incr", delta, lambda: super(FailSoftRedisCache, self).incr(key, delta, version))


def _wrap(name: str, default: object) -> Callable[..., Any]:
    parent = getattr(RedisCache, name)

    @functools.wraps(parent)
    def method(self: FailSoftRedisCache, *args: Any, **kwargs: Any) -> Any:
        value = default.copy() if isinstance(default, dict | list) else default
        return self._soft(name, value, lambda: parent(self, *args, **kwargs))

    return method


for _name, _default in _DEFAULTS.items():
    setattr(FailSoftRedisCache, _name, _wrap(_name, _default))
