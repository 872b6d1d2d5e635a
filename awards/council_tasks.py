"""Celery tasks of the awards app's council part (imported by awards/tasks.py)."""

from celery import shared_task

__all__ = ["minutes_render_task"]


@shared_task(name="awards.minutes_render")
def minutes_render_task(*, session_id: int) -> None:
    """Render the vote-counting minutes of a closed session (safe to run twice; quiet if the session is gone)."""
    from awards.council_ballot_services import minutes_render

    minutes_render(session_id=session_id)
