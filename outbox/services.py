"""Writing, publishing and draining outbox rows.

Invariants: a row is written in the caller's transaction, so a rolled-back request enqueues nothing and a committed
one never loses its task; it is published only after commit; publishing never waits for a down broker inside a
request (one attempt, short socket timeouts, then a short pause during which requests leave rows to the drain).
A row may be published twice (the on-commit attempt racing the drain, or a crash between publish and mark):
every task is safe to run twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

ERROR_CHARS = 2000
DRAIN_BATCH = 200
SENT_RETENTION = timedelta(days=30)  # sent rows are kept this long (to look back at), then the drain removes them
# Per process: after a failed publish, requests skip the broker until this monotonic time (the drain retries).
_broker_down_until = 0.0


def _celery_app():
    # The project's Celery app (emulation/celery.py sets it as current); the outbox never imports the project.
    return current_app


def _task_name(task) -> str:
    return task if isinstance(task, str) else task.name


def _task(task):
    """The task object for ``task`` (a task or its registered name), importing the apps' tasks modules if needed."""
    if not isinstance(task, str):
        return task
    app = _celery_app()
    if task not in app.tasks:
        app.loader.import_default_modules()  # Celery's autodiscovery of every app's tasks.py
    return app.tasks[task]


def enqueue(task, **kwargs) -> OutboxMessage | None:
    """Record ``task(**kwargs)`` in the current transaction; publish it after commit (the drain retries).

    In-process mode (no broker: ``task_always_eager``) runs the task after commit as before and writes no row.
    """
    rows = enqueue_many(task, [kwargs])
    return rows[0] if rows else None


def enqueue_many(task, kwargs_list: Iterable[dict]) -> list[OutboxMessage]:
    """Record one ``task`` per keyword dict in one INSERT; published together after commit.

    ``task`` is a Celery task or its registered name: services pass the name, so that they never import their
    ``tasks`` module (which imports them).
    """
    kwargs_list = list(kwargs_list)
    if _celery_app().conf.task_always_eager:
        transaction.on_commit(lambda: [_task(task).delay(**kwargs) for kwargs in kwargs_list])
        return []
    name = _task_name(task)
    rows = OutboxMessage.objects.bulk_create(OutboxMessage(task_name=name, kwargs=kw) for kw in kwargs_list)
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: outbox_publish(message_ids=ids))
    return rows


def outbox_publish(*, message_ids: list[int]) -> int:
    """Try once to publish these rows right away (after commit); how many were sent. Never raises."""
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        return 0  # the broker failed a moment ago: don't make this request wait, the drain will send them
    try:
        with transaction.atomic():
            messages = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk__in=message_ids, sent_at__isnull=True)
                .order_by("pk")
            )
            sent = _publish(messages, retry=False)
    except Exception:  # a database error here must not fail a request whose work is committed
        logger.exception("Outbox: could not publish %d message(s) after commit", len(message_ids))
        return 0
    if sent < len(messages):
        _broker_down_until = time.monotonic() + settings.OUTBOX_BROKER_PAUSE_SECONDS
    return sent


def outbox_drain(*, limit: int = 10_000) -> int:
    """Publish the unsent rows oldest first, claimed with ``SKIP LOCKED``; stops at the first failure. Sent count."""
    total = 0
    while total < limit:
        with transaction.atomic():
            messages = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True)
                .order_by("pk")[:DRAIN_BATCH]
            )
            sent = _publish(messages, retry=True)
        total += sent
        if sent < DRAIN_BATCH:  # nothing left, or the broker failed: the next beat tick goes on
            break
    if total:
        logger.info("Outbox: drained %d message(s)", total)
    outbox_prune()
    return total


def outbox_prune(*, now=None) -> int:
    """Delete rows sent longer than ``SENT_RETENTION`` ago (unsent rows are never deleted); how many."""
    cutoff = (now or timezone.now()) - SENT_RETENTION
    deleted, _by_model = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def _publish(messages: list[OutboxMessage], *, retry: bool) -> int:
    """Send ``messages`` in order through one producer; mark the sent ones, record the error on the first failure."""
    if not messages:
        return 0
    app = _celery_app()
    sent: list[int] = []
    error = ""
    try:
        with app.producer_or_acquire() as producer:
            for message in messages:
                app.send_task(
                    message.task_name,
                    kwargs=message.kwargs,
                    task_id=f"outbox-{message.pk}-{message.attempts + 1}",
                    producer=producer,
                    retry=retry,
                    ignore_result=True,  # nobody waits on these; the work records its outcome on its rows
                    retry_policy=settings.OUTBOX_RETRY_POLICY,
                )
                sent.append(message.pk)
    except Exception as exc:  # the broker is down or slow: the rows stay unsent for the drain
        error = f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
        logger.warning("Outbox: publishing failed after %d of %d message(s): %s", len(sent), len(messages), error)
    now = timezone.now()
    if sent:
        OutboxMessage.objects.filter(pk__in=sent).update(sent_at=now, attempts=F("attempts") + 1, updated_at=now)
    if error:
        failed = messages[len(sent)].pk
        OutboxMessage.objects.filter(pk=failed).update(attempts=F("attempts") + 1, last_error=error, updated_at=now)
    return len(sent)
