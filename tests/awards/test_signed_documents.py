"""Issued decisions, certificates and council minutes carry a PAdES signature when a PKCS#12 key is configured
(made at test time): pyHanko validates them against the test CA, and the verify page reports the signature and its
signer."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import io
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.core.files.storage import default_storage
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from awards.councils.services import ballots as ballot
from awards.councils.services import minutes
from awards.models import Certificate, DecisionDocument
from common.pdf import signing
from tests.awards.council_factories import council_with_members, custom_award
from tests.awards.decision_factories import (  # noqa: F401
    VIETNAMESE_NAME,
    draft_decision,
    issue,
    media,
    person_line,
    signer,
)
from tests.awards.test_minutes_records import CLOSED, _cast, _voting
from tests.pki import make_pkcs12

pytestmark = pytest.mark.django_db


@pytest.fixture
def pki(settings, tmp_path):
    made = make_pkcs12(tmp_path, signer_name="Lâm Văn Mẫn")
    settings.PDF_SIGNING_PKCS12, settings.PDF_SIGNING_PASSPHRASE = made["path"], made["passphrase"]
    signing._signer.cache_clear()
    yield made
    signing._signer.cache_clear()


@pytest.fixture
def issued(org_tree, signer, media, django_capture_on_commit_callbacks):
    """An issued decision whose PDF and certificates were rendered (the outbox tasks run after commit)."""

    def make():
        decision = draft_decision(org_tree["root"], lines=1)
        person_line(decision, org_tree["ward_a"])
        with django_capture_on_commit_callbacks(execute=True):
            return issue(decision, signer)

    return make


def _status(name: str, ca):
    with default_storage.open(name, "rb") as handle:
        embedded = PdfFileReader(io.BytesIO(handle.read())).embedded_signatures
    assert len(embedded) == 1
    root = asn1_x509.Certificate.load(ca.public_bytes(serialization.Encoding.DER))
    context = ValidationContext(trust_roots=[root], allow_fetching=False)
    return validate_pdf_signature(embedded[0], signer_validation_context=context)


def test_issued_decision_and_certificates_are_signed(client, issued, pki):
    decision = issued()

    document = DecisionDocument.objects.get(decision=decision)
    status = _status(document.file.name, pki["ca"])
    assert status.intact and status.valid and status.trusted and status.coverage.name == "ENTIRE_FILE"
    for certificate in Certificate.objects.filter(recipient__decision=decision):
        status = _status(certificate.file.name, pki["ca"])
        assert status.intact and status.valid and status.trusted
        assert status.signing_cert.subject.native["common_name"] == "Lâm Văn Mẫn"

    certificate = Certificate.objects.get(recipient__decision=decision, recipient__recipient_name=VIETNAMESE_NAME)
    body = client.get(reverse("verify", args=[certificate.verify_code])).content.decode()
    assert "Chữ ký số hợp lệ của Lâm Văn Mẫn" in body


def test_without_a_key_nothing_is_signed_and_the_page_says_so(client, issued, settings):
    settings.PDF_SIGNING_PKCS12 = ""
    decision = issued()
    certificate = Certificate.objects.get(recipient__decision=decision, recipient__recipient_name=VIETNAMESE_NAME)
    with default_storage.open(certificate.file.name, "rb") as handle:
        assert not PdfFileReader(io.BytesIO(handle.read())).embedded_signatures
    body = client.get(reverse("verify", args=[certificate.verify_code])).content.decode()
    assert "Tệp PDF không có chữ ký số" in body


def test_a_changed_file_is_reported(client, issued, pki):
    decision = issued()
    certificate = Certificate.objects.get(recipient__decision=decision, recipient__recipient_name=VIETNAMESE_NAME)
    path = Path(default_storage.path(certificate.file.name))
    content = bytearray(path.read_bytes())
    at = content.index(b"/MediaBox")
    content[at + 1] = ord("N")
    path.write_bytes(bytes(content))
    body = client.get(reverse("verify", args=[certificate.verify_code])).content.decode()
    assert "Chữ ký số không hợp lệ: tệp PDF đã bị thay đổi sau khi ký" in body


def test_council_minutes_are_signed(org_tree, officer, media, pki):
    council = council_with_members(org_tree["root"], 5)
    session, members = _voting(org_tree, officer, council, [custom_award("A", percent=50, base="all", inclusive=False)])
    _cast(session, members[:4], {session.agenda.get().pk: "approve"})
    closed = ballot.voting_close(session=session, actor=members[1].user, now=CLOSED)

    rendered = minutes.minutes_render(session_id=closed.pk)

    status = _status(rendered.minutes_file.name, pki["ca"])
    assert status.intact and status.valid and status.trusted
