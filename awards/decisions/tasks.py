"""Celery tasks of the awards app's decision part (imported by awards/tasks.py): thin, safe to run twice."""

from celery import shared_task

from awards.decisions.services.certificates import (
    CERTIFICATE_RENDER_TASK,
    CERTIFICATE_SWEEP_TASK,
    DECISION_DOCUMENT_RENDER_TASK,
    certificate_render,
    certificate_sweep,
    decision_document_render,
)

__all__ = ["certificate_render_task", "certificate_sweep_task", "decision_document_render_task"]


@shared_task(name=CERTIFICATE_RENDER_TASK)
def certificate_render_task(*, certificate_id: int) -> None:
    """Render one certificate; a no-op when it is done (same hash) or another worker holds it."""
    certificate_render(certificate_id=certificate_id)


@shared_task(name=DECISION_DOCUMENT_RENDER_TASK)
def decision_document_render_task(*, decision_id: int) -> None:
    """Render an issued decision's PDF; a no-op when it is done or being rendered."""
    decision_document_render(decision_id=decision_id)


@shared_task(name=CERTIFICATE_SWEEP_TASK)
def certificate_sweep_task() -> int:
    """Re-enqueue certificates left in 'rendering' by a worker that died (run periodically by beat)."""
    return certificate_sweep()
