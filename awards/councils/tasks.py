"""Celery tasks of the awards app's council part (imported by awards/tasks.py)."""

from celery import shared_task

from awards.councils.services.ballots import MINUTES_RENDER_TASK
from awards.councils.services.minutes import minutes_render

__all__ = ["minutes_render_task"]


@shared_task(name=MINUTES_RENDER_TASK)
def minutes_render_task(*, session_id: int) -> None:
    """Render the vote-counting minutes of a closed session (safe to run twice; quiet if the session is gone)."""
    minutes_render(session_id=session_id)
