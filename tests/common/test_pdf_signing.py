"""PAdES signatures with pyHanko: off without configuration; with a PKCS#12 made at test time, the signature is
validated by pyHanko's own validation API against the test CA; a changed byte breaks it."""

import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from common.pdf import signing
from common.pdf.engine import html_to_pdf
from tests.pki import make_pkcs12

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf():
    return html_to_pdf("<html><body><p>Quyết định khen thưởng</p></body></html>")


@pytest.fixture
def pki(settings, tmp_path):
    made = make_pkcs12(tmp_path)
    settings.PDF_SIGNING_PKCS12, settings.PDF_SIGNING_PASSPHRASE = made["path"], made["passphrase"]
    signing._signer.cache_clear()
    yield made
    signing._signer.cache_clear()


def _asn1(cert):
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def test_without_configuration_nothing_changes(settings, pdf):
    settings.PDF_SIGNING_PKCS12 = ""
    assert signing.sign_pdf(pdf, reason="Ban hành") == pdf
    assert signing.signature_info(pdf) == signing.SignatureInfo(signed=False)


def test_signed_pdf_validates_against_the_test_ca(pki, pdf):
    signed = signing.sign_pdf(pdf, reason="Ban hành quyết định", location="Sóc Trăng")

    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert len(embedded) == 1
    context = ValidationContext(trust_roots=[_asn1(pki["ca"])], allow_fetching=False)
    status = validate_pdf_signature(embedded[0], signer_validation_context=context)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.signing_cert.subject.native["common_name"] == "Lâm Văn Mẫn"
    info = signing.signature_info(signed, trust_roots=[_asn1(pki["ca"])])
    assert (info.signed, info.intact, info.trusted, info.signer) == (True, True, True, "Lâm Văn Mẫn")


def test_a_changed_byte_breaks_the_signature(pki, pdf):
    signed = bytearray(signing.sign_pdf(pdf))
    at = signed.index(b"/MediaBox")  # inside the signed byte range
    signed[at + 1] = ord("N")
    info = signing.signature_info(bytes(signed), trust_roots=[_asn1(pki["ca"])])
    assert not (info.signed and info.intact)


def test_a_foreign_root_is_not_trusted(pki, pdf, tmp_path):
    (tmp_path / "other").mkdir()
    other = make_pkcs12(tmp_path / "other", signer_name="Người khác")
    info = signing.signature_info(signing.sign_pdf(pdf), trust_roots=[_asn1(other["ca"])])
    assert info.intact and not info.trusted
