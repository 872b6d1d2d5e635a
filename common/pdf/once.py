"""Render a stored PDF exactly once: the one way certificates, decisions and council minutes are rendered.

Crash safety: the row is claimed (pending/failed/done-but-broken → rendering) with a conditional UPDATE, so two
workers never render the same row; a claim older than the task time limit belongs to a worker that died and is
taken over. The PDF is written under a temporary name and moved into place (atomic rename), and only then one
UPDATE points the row at it with its SHA-256 — a row never points at a half-written file. A row whose file is
there with its recorded hash is left alone, so running a task twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from common.files import stored_file_matches, write_atomically

logger = logging.getLogger(__name__)

ERROR_CHARS = 2000


class RenderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RENDERING = "rendering", _("Rendering")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


@dataclass(frozen=True)
class PdfSlot:
    """The columns in which a model keeps one rendered PDF (their names differ between models)."""

    status: str = "status"
    file: str = "file"
    sha256: str = "sha256"
    error: str = "error"
    claimed_at: str = "claimed_at"
    attempts: str | None = None
    rendered_at: str | None = None


def stale_after() -> timedelta:
    """A 'rendering' claim older than the task's hard time limit belongs to a worker that died."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def _intact(row: models.Model, slot: PdfSlot) -> bool:
    # Pending with its file in place: minutes rendered before the status column existed.
    return getattr(row, slot.status) in (RenderStatus.DONE, RenderStatus.PENDING) and stored_file_matches(
        getattr(row, slot.file).name, getattr(row, slot.sha256)
    )


def render_pdf_once(
    queryset: models.QuerySet,
    *,
    pk: int,
    slot: PdfSlot,
    name: Callable[[Any], str],
    render: Callable[[Any], bytes],
    ready: Callable[[Any], bool] = lambda row: True,
) -> Any | None:
    """Render the PDF of row ``pk`` of ``queryset`` unless it is already there; the row, or None when the row is
    gone, not ours to render (another worker holds it) or failed (recorded on the row, not raised).

    ``render(row)`` gives the PDF bytes (called under Vietnamese), ``name(row)`` its storage name; ``ready(row)``
    False leaves the row alone (e.g. minutes of a session still voting).
    """
    row = queryset.filter(pk=pk).first()
    if row is None or not ready(row):
        return row
    if _intact(row, slot):
        return row
    model = queryset.model
    now = timezone.now()
    claimable = Q(**{f"{slot.status}__in": (RenderStatus.PENDING, RenderStatus.FAILED, RenderStatus.DONE)}) | Q(
        **{slot.status: RenderStatus.RENDERING, f"{slot.claimed_at}__lt": now - stale_after()}
    )
    claim = {slot.status: RenderStatus.RENDERING, slot.claimed_at: now, slot.error: "", "updated_at": now}
    if slot.attempts:
        claim[slot.attempts] = F(slot.attempts) + 1
    if not model.objects.filter(claimable, pk=pk).update(**claim):
        return None
    mine = model.objects.filter(pk=pk, **{slot.status: RenderStatus.RENDERING, slot.claimed_at: now})
    try:
        with translation.override("vi"):
            pdf = render(row)
        file_name = name(row)
        digest = write_atomically(file_name, pdf)
    except Exception as exc:  # recorded on the row for the officer; the page offers a retry
        logger.exception("%s %s: the PDF failed to render", model.__name__, pk)
        mine.update(**{slot.status: RenderStatus.FAILED, slot.error: str(exc)[:ERROR_CHARS]}, updated_at=timezone.now())
        return None
    done_at = timezone.now()
    done: dict[str, object] = {
        slot.file: file_name,
        slot.sha256: digest,
        slot.status: RenderStatus.DONE,
        slot.error: "",
    }
    if slot.rendered_at:
        done[slot.rendered_at] = done_at
    mine.update(**done, updated_at=done_at)
    row.refresh_from_db()
    return row
