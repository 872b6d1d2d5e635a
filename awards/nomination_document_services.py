"""Writes for a nomination's dossier: files checked by content, stored under server-made names, removable while
the nomination is still proposed."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.uploads import DOCX, JPEG, PDF, PNG, XLSX, check_upload, server_file_name

from awards.enums import DocumentKind, NominationStatus
from awards.models import Nomination, NominationDocument

DOSSIER_TYPES = frozenset({PDF, DOCX, JPEG, PNG, XLSX})
DOSSIER_FOLDER = "awards/dossiers"


def _base_name(name: str) -> str:
    """The file's own name without any folders a browser may send (never used on disk)."""
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:255] or "file"


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _lock_proposed(nomination: Nomination) -> Nomination:
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if locked.status != NominationStatus.PROPOSED:
        raise ValidationError(_("The dossier of a nomination that is no longer proposed cannot change."))
    return locked


@transaction.atomic
def nomination_document_add(*, nomination: Nomination, kind: str, upload, actor) -> NominationDocument:
    """Attach a dossier file (PDF, DOCX, JPEG, PNG or XLSX by content, within UPLOAD_MAX_BYTES) to a nomination.

    The file is stored before the row is written and removed again if the write fails.
    """
    nomination = _lock_proposed(nomination)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [_("Choose the kind of document.")]})
    try:
        file_type = check_upload(upload, allowed=set(DOSSIER_TYPES))
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    sha256 = _sha256(upload)
    name = default_storage.save(server_file_name(DOSSIER_FOLDER, file_type), upload)
    try:
        return NominationDocument.objects.create(
            nomination=nomination,
            kind=kind,
            file=name,
            original_name=_base_name(upload.name),
            file_type=file_type,
            size=upload.size,
            sha256=sha256,
            uploaded_by=actor,
        )
    except Exception:
        default_storage.delete(name)
        raise


@transaction.atomic
def nomination_document_delete(*, document: NominationDocument, actor) -> None:
    """Remove a dossier file while its nomination is proposed; the stored file goes after commit."""
    _lock_proposed(document.nomination)
    name = document.file.name
    document.delete()
    transaction.on_commit(lambda: default_storage.delete(name))
