"""Probes for load balancers and orchestrators: cheap, public, no templates, no sessions.

``/healthz`` says the process answers (liveness: no dependency is touched). ``/readyz`` says it can serve
requests (readiness): the database is required (503 without it); Redis only degrades the service — tasks wait in
the outbox and the cache fails soft — so Redis down is 200 with ``"status": "degraded"``.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Liveness: 200 "ok" whenever the process can answer."""
    return HttpResponse("ok", content_type="text/plain")


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not ready"; the probe must answer, not raise
        logger.warning("Readiness: database unavailable: %s", exc)
        return "down"
    return "ok"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    import redis  # lazy: optional
    from redis.backoff import NoBackoff  # lazy: optional
    from redis.retry import Retry  # lazy: optional

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=settings.REDIS_CONNECT_TIMEOUT,
        socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        client.ping()
    except redis.RedisError as exc:
        logger.warning("Readiness: Redis unavailable: %s", exc)
        return "down"
    finally:
        client.close()
    return "ok"


def _outbox_unsent() -> int | None:
    from outbox.models import OutboxMessage  # lazy: registry

    try:
        return OutboxMessage.objects.filter(sent_at__isnull=True).count()  # the partial index answers
    except Exception:  # reported as unknown; the database check already says whether it is down
        return None


@never_cache
@require_GET
def readyz(request):
    """Readiness: 503 without the database; 200 "degraded" without Redis; 200 "ok" with both."""
    checks = {"database": _database(), "redis": _redis()}
    if checks["database"] != "ok":
        return JsonResponse({"status": "failed", "checks": checks}, status=503)
    status = "degraded" if checks["redis"] == "down" else "ok"
    return JsonResponse({"status": status, "checks": checks, "outbox_unsent": _outbox_unsent()})
