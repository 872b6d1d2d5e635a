"""Celery tasks of the scoring app's ranking part (imported by scoring/tasks.py): thin, safe to run twice."""

from celery import shared_task

from scoring.models import RankingRun
from scoring.ranking.services import RANKING_COMPUTE_TASK, ranking_compute

__all__ = ["ranking_compute_task"]


@shared_task(name=RANKING_COMPUTE_TASK)
def ranking_compute_task(*, run_id: int) -> None:
    """Compute one ranking run; safe to run twice (the run is claimed pending → running)."""
    if not RankingRun.objects.filter(pk=run_id).exists():
        return
    ranking_compute(run_id=run_id)
