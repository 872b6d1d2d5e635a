"""Private files: stored under random server-made names outside the web root, served only after a permission check.

The one place that writes and serves uploaded or generated files (evidence, dossier files, plan documents,
decisions, certificates, minutes). Every caller checks the upload's content first (``common.uploads``) and the
viewer's permission before calling ``private_file_response``.

No orphaned file: ``stored_upload`` removes the file again when the block that writes its row fails, and
``private_files_sweep`` (run by beat) removes files of the registered folders that no row points at once they are
older than ``ORPHAN_GRACE`` — what a rollback outside the block or a killed process leaves behind.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils import timezone

from common.uploads import server_file_name

logger = logging.getLogger(__name__)

ORPHAN_GRACE = timedelta(hours=6)  # longer than any request or task that writes a file and then its row


@dataclass(frozen=True)
class StoredFile:
    name: str  # the storage name the row keeps
    original_name: str  # the uploader's base name, for display and downloads only
    size: int
    sha256: str


def sha256_of_upload(upload: File) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _base_name(name: str | None) -> str:
    """The file's own name without any folders a browser may send (never used on disk)."""
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:255] or "file"


@contextmanager
def stored_upload(upload: File, *, folder: str, file_type: str) -> Iterator[StoredFile]:
    """Save a checked upload under a random name in ``folder``; removed again if the block raises.

    Write the row that points at the file inside the block (in the service's transaction)::

        with stored_upload(upload, folder=EVIDENCE_FOLDER, file_type=kind) as stored:
            Evidence.objects.create(file=stored.name, sha256=stored.sha256, ...)
    """
    sha256 = sha256_of_upload(upload)
    name = default_storage.save(server_file_name(folder, file_type), upload)
    try:
        yield StoredFile(name=name, original_name=_base_name(upload.name), size=upload.size, sha256=sha256)
    except BaseException:
        default_storage.delete(name)
        raise


def private_file_delete_on_commit(name: str) -> None:
    """Remove a stored file once the transaction that removed its row commits (kept if it rolls back)."""
    from django.db import transaction  # lazy: registry (keeps this module importable before the app registry)

    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def private_file_response(name: str, *, filename: str, content_type: str, as_attachment: bool = True) -> FileResponse:
    """The stored file ``name`` as a download (never sniffed, never cached); 404 when it is missing.

    Call it only after the permission check of the object that owns the file.
    """
    if not name:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_matches(name: str, sha256: str) -> bool:
    """True when the stored file ``name`` exists and its content has the hash ``sha256``."""
    if not name or not sha256:
        return False
    path = default_storage.path(name)
    if not os.path.isfile(path):
        return False
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest() == sha256


def write_atomically(name: str, content: bytes) -> str:
    """Write ``content`` to the storage path ``name`` via a temporary file and an atomic rename; its SHA-256."""
    final = Path(default_storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return hashlib.sha256(content).hexdigest()


# --- orphans -------------------------------------------------------------------------------------------------------

# folder -> ("app_label.Model", field name): the rows that may point at files in that folder.
_FOLDERS: dict[str, list[tuple[str, str]]] = {}


def private_folder_register(folder: str, *, model: str, field: str) -> None:
    """Declare that ``model.field`` keeps files under ``folder`` (apps call this in ``AppConfig.ready``)."""
    entries = _FOLDERS.setdefault(folder.strip("/"), [])
    if (model, field) not in entries:
        entries.append((model, field))


def _referenced(folder: str) -> set[str]:
    names: set[str] = set()
    for label, field in _FOLDERS[folder]:
        model = apps.get_model(label)
        names.update(model.objects.filter(**{f"{field}__startswith": f"{folder}/"}).values_list(field, flat=True))
    return names


def private_files_sweep(*, now: datetime | None = None) -> int:
    """Delete files of the registered folders that no row points at and that are older than ``ORPHAN_GRACE``."""
    cutoff = (now or timezone.now()) - ORPHAN_GRACE
    removed = 0
    for folder in sorted(_FOLDERS):
        root = Path(default_storage.path(folder))
        if not root.is_dir():
            continue
        referenced = _referenced(folder)
        for path in root.rglob("*"):
            if not path.is_file() or path.name.startswith("."):
                continue  # temporary files of write_atomically are its own to remove
            name = path.relative_to(Path(default_storage.path(""))).as_posix()
            modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            if name not in referenced and modified < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
    if removed:
        logger.info("Private files: removed %d orphaned file(s)", removed)
    return removed
