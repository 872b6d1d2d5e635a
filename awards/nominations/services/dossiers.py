"""Writes for a nomination's dossier: files checked by content, stored under server-made names, removable while
the nomination is still proposed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import DocumentKind, NominationStatus
from awards.models import Nomination, NominationDocument
from common.files import private_file_delete_on_commit, stored_upload
from common.uploads import DOC, DOCX, JPEG, PDF, PNG, XLS, XLSX, check_upload

DOSSIER_TYPES = frozenset({PDF, DOCX, JPEG, PNG, XLSX, DOC, XLS})
DOSSIER_FOLDER = "awards/dossiers"


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
    with stored_upload(upload, folder=DOSSIER_FOLDER, file_type=file_type) as stored:
        return NominationDocument.objects.create(
            nomination=nomination,
            kind=kind,
            file=stored.name,
            original_name=stored.original_name,
            file_type=file_type,
            size=stored.size,
            sha256=stored.sha256,
            uploaded_by=actor,
        )


@transaction.atomic
def nomination_document_delete(*, document: NominationDocument, actor) -> None:
    """Remove a dossier file while its nomination is proposed; the stored file goes after commit."""
    _lock_proposed(document.nomination)
    name = document.file.name
    document.delete()
    private_file_delete_on_commit(name)
