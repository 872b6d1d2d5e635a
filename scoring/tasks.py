"""Celery tasks of the scoring app: thin wrappers that load ids and call one service."""

from celery import shared_task

from scoring.models import RankingRun


@shared_task(name="scoring.ranking_compute")
def ranking_compute_task(*, run_id: int) -> None:
    """Compute one ranking run; safe to run twice (the run is claimed pending → running)."""
    from scoring.ranking_services import ranking_compute

    if not RankingRun.objects.filter(pk=run_id).exists():
        return
    ranking_compute(run_id=run_id)
