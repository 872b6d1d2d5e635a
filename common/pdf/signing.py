"""PAdES digital signatures on generated PDFs (pyHanko), and reading a PDF's signature back.

Signing is on when ``settings.PDF_SIGNING_PKCS12`` names a PKCS#12 file (key + certificate, with the optional
chain) and ``settings.PDF_SIGNING_PASSPHRASE`` opens it; otherwise ``sign_pdf`` returns the PDF unchanged. Documents
are signed at rendering time (issued decisions, certificates) with an invisible PAdES-B-B signature; the verify page
reads it with ``signature_info``.

Trust: ``signature_info`` checks the signature's integrity (the bytes are the signed ones) and reports the signer's
certificate; whether that certificate chains to a trusted root needs a validation context, given by the caller
(``trust_roots``) — by default the signing certificate's own chain from the PKCS#12 file is trusted.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

FIELD_NAME = "ChuKySo"


def signing_configured() -> bool:
    return bool(getattr(settings, "PDF_SIGNING_PKCS12", ""))


@lru_cache(maxsize=4)
def _signer(path: str, passphrase: str) -> Any:
    from pyhanko.sign import signers  # lazy: heavy

    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=passphrase.encode() if passphrase else None)
    if signer is None:
        raise ValueError(f"The PKCS#12 file {path} could not be opened (wrong passphrase or not a PKCS#12 file).")
    return signer


def configured_signer() -> Any:
    """The signer of the configured PKCS#12 file (cached per path and passphrase), or None when not configured."""
    if not signing_configured():
        return None
    return _signer(settings.PDF_SIGNING_PKCS12, getattr(settings, "PDF_SIGNING_PASSPHRASE", ""))


def sign_pdf(pdf: bytes, *, reason: str = "", location: str = "") -> bytes:
    """``pdf`` with a PAdES signature by the configured key; ``pdf`` itself when signing is not configured."""
    signer = configured_signer()
    if signer is None:
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # lazy: heavy
    from pyhanko.sign import fields, signers  # lazy: heavy

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason or None,
        location=location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    output = signers.sign_pdf(writer, meta, signer=signer)
    return bytes(output.getvalue())


@dataclass(frozen=True)
class SignatureInfo:
    """What a PDF's (last) signature says: whether it is intact, and who signed when."""

    signed: bool
    intact: bool = False  # the signed bytes are unchanged and the signature matches the certificate
    trusted: bool = False  # the certificate chains to a trusted root (see the module docstring)
    signer: str = ""  # the certificate subject's common name (or the full subject)
    signed_at: datetime | None = None
    covers_whole_file: bool = False


def _configured_roots() -> list:
    signer = configured_signer() if signing_configured() else None
    if signer is None:
        return []
    roots = [signer.signing_cert]
    roots.extend(signer.cert_registry)
    return roots


def signature_info(pdf: bytes, *, trust_roots: list | None = None) -> SignatureInfo:
    """The last signature of ``pdf``, validated; ``SignatureInfo(signed=False)`` for an unsigned or unreadable PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # lazy: heavy
    from pyhanko.sign.validation import validate_pdf_signature  # lazy: heavy
    from pyhanko_certvalidator import ValidationContext  # lazy: heavy

    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        embedded = reader.embedded_signatures
    except Exception:  # an unreadable PDF carries no signature we can vouch for
        logger.warning("A PDF could not be read for its signature", exc_info=True)
        return SignatureInfo(signed=False)
    if not embedded:
        return SignatureInfo(signed=False)
    signature = embedded[-1]
    roots = _configured_roots() if trust_roots is None else trust_roots
    context = ValidationContext(trust_roots=roots, allow_fetching=False) if roots else None
    try:
        status = validate_pdf_signature(signature, signer_validation_context=context)
    except Exception:
        logger.warning("A PDF signature could not be validated", exc_info=True)
        return SignatureInfo(signed=True)
    subject = status.signing_cert.subject
    names = subject.native.get("common_name") or subject.human_friendly
    return SignatureInfo(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer=str(names),
        signed_at=status.signer_reported_dt,
        covers_whole_file=status.coverage is not None and status.coverage.name == "ENTIRE_FILE",
    )
