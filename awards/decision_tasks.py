"""Celery tasks of the awards app's decision part (imported by awards/tasks.py): thin, safe to run twice."""

from celery import shared_task

__all__ = ["certificate_render_task", "certificate_sweep_task", "decision_document_render_task"]


@shared_task(name="awards.certificate_render")
def certificate_render_task(*, certificate_id: int) -> None:
    """Render one certificate; a no-op when it is done (same hash) or another worker holds it."""
    from awards.certificate_services import certificate_render

    certificate_render(certificate_id=certificate_id)


@shared_task(name="awards.decision_document_render")
def decision_document_render_task(*, decision_id: int) -> None:
    """Render an issued decision's PDF; a no-op when it is done or being rendered."""
    from awards.certificate_services import decision_document_render

    decision_document_render(decision_id=decision_id)


@shared_task(name="awards.certificate_sweep")
def certificate_sweep_task() -> int:
    """Re-enqueue certificates left in 'rendering' by a worker that died (run periodically by beat)."""
    from awards.certificate_services import certificate_sweep

    return certificate_sweep()
