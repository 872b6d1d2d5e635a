"""Transactional outbox: tasks are recorded in the caller's transaction and published to the broker after commit.

A task requested while Redis is down is not lost and the request does not wait for Redis: the row stays unsent
and the beat task ``outbox.drain`` publishes it once the broker answers again. Services write
``from emulation import outbox`` then ``outbox.enqueue(ranking_compute_task, run_id=run.pk)``.
"""


def enqueue(task, **kwargs):
    """See ``services.enqueue`` (imported lazily: this package is loaded before the app registry is ready)."""
    from emulation.outbox.services import enqueue as _enqueue

    return _enqueue(task, **kwargs)


def enqueue_many(task, kwargs_list):
    """See ``services.enqueue_many``."""
    from emulation.outbox.services import enqueue_many as _enqueue_many

    return _enqueue_many(task, kwargs_list)
