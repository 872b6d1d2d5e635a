"""Files built from rendered certificates: the merged print file, the ZIP, an overlay page; blank templates.

The print file concatenates the stored per-certificate PDFs (never one giant WeasyPrint document: 1000 pages laid
out at once take 760 MB); both bundles are spooled to a temporary file and streamed.
"""

from __future__ import annotations

import tempfile
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from awards.decisions.services.certificates import certificate_data
from awards.documents import merge_pdfs, render_certificate, validate_calibration
from awards.models import AwardDecision, Certificate, CertificateTemplate

SPOOL_BYTES = 8 * 1024 * 1024


def _paths(certificates) -> list[str]:
    return [default_storage.path(certificate.file.name) for certificate in certificates]


def certificates_merged(*, certificates) -> tuple[tempfile.SpooledTemporaryFile, int]:
    """One PDF of all ``certificates`` in order (a rewound temporary file) and its page count."""
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned open, closed by the response
    pages = merge_pdfs(_paths(certificates), output)
    output.seek(0)
    return output, pages


def certificates_zip(*, certificates) -> tempfile.SpooledTemporaryFile:
    """A ZIP with one ``<serial>.pdf`` per certificate (stored, PDFs are already compressed), rewound."""
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned open, closed by the response
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate, path in zip(certificates, _paths(certificates), strict=True):
            archive.write(path, arcname=f"{certificate.serial}.pdf")
    output.seek(0)
    return output


def certificate_overlay_pdf(*, certificate: Certificate, template: CertificateTemplate) -> bytes:
    """Only the certificate's text fields, placed by ``template``'s calibration, for a pre-printed blank."""
    with translation.override("vi"):
        return render_certificate(certificate_data(certificate), mode="overlay", calibration=template.calibration)


def certificate_template_save(
    *, name: str, calibration: dict, template: CertificateTemplate | None = None, organization=None
) -> CertificateTemplate:
    """Create or change a blank template; the calibration is validated (positions inside the page)."""
    validate_calibration(calibration)
    if template is None:
        template = CertificateTemplate(organization=organization)
    template.name, template.calibration = name.strip(), calibration
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError as exc:
        raise ValidationError({"name": _("This organisation already has a template with this name.")}) from exc
    return template


def decision_can_bundle(decision: AwardDecision, progress: dict) -> bool:
    return decision.is_issued and progress["is_complete"]
