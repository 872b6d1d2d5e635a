"""Transactional outbox: tasks are recorded in the caller's transaction and published to the broker after commit.

A task requested while Redis is down is not lost and the request does not wait for Redis: the row stays unsent
and the beat task ``outbox.drain`` publishes it once the broker answers again. Services write
``import outbox`` then ``outbox.enqueue(RANKING_COMPUTE_TASK, run_id=run.pk)`` with the task's registered name.
"""


def enqueue(task, **kwargs):
    """See ``services.enqueue`` (imported lazily: app registry)."""
    from outbox.services import enqueue as _enqueue  # lazy: registry

    return _enqueue(task, **kwargs)


def enqueue_many(task, kwargs_list):
    """See ``services.enqueue_many``."""
    from outbox.services import enqueue_many as _enqueue_many  # lazy: registry

    return _enqueue_many(task, kwargs_list)
