"""Checking uploaded files by their content (never by name) and giving them server-made names.

Shared by every app that accepts files (plan documents, evidence, dossiers). The magic-byte sniffing
is deliberately small and strict: a file is accepted only when its first bytes are those of an
allowed type, and Office files are checked to be zip containers with the part that type needs.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF, JPEG, PNG, DOCX, XLSX = "pdf", "jpeg", "png", "docx", "xlsx"
_OFFICE_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
_LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", DOCX: "Word (.docx)", XLSX: "Excel (.xlsx)"}


def sniff_type(data: bytes) -> str | None:
    """The type of a file from its content, or None when it is none of the types we know."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        return next((kind for kind, part in _OFFICE_PARTS.items() if part in names), None)
    return None


def check_upload(upload, *, allowed: set[str], max_bytes: int | None = None) -> str:
    """Raise a clear ValidationError unless ``upload`` is non-empty, small enough and of an allowed type."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); at most %(limit)s is accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = sniff_type(data)
    if kind not in allowed:
        accepted = ", ".join(_LABELS[k] for k in sorted(allowed))
        raise ValidationError(_("This file's content is not an accepted type (%(types)s).") % {"types": accepted})
    return kind


def server_file_name(folder: str, kind: str) -> str:
    """A random storage name: user-supplied names never reach the file system."""
    extension = "jpg" if kind == JPEG else kind
    return str(PurePosixPath(folder) / f"{uuid.uuid4().hex}.{extension}")
