"""Uploads are checked by parsing them, not by searching their bytes (issue 16): the crafted files that slipped
past the byte scanner are refused, harmless look-alikes are still accepted, and the older .doc/.xls formats are
accepted when an OLE parser finds no macros, embedded objects or encryption."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from common.uploads import DOC, DOCX, PDF, XLS, check_upload
from tests.common import crafted

ALL = {PDF, DOCX, DOC, XLS}


def _check(name: str, data: bytes) -> str:
    with translation.override("en"):  # the messages are read in English here
        return check_upload(SimpleUploadedFile(name, data), allowed=ALL)


@pytest.mark.parametrize(
    "make",
    [
        crafted.pdf_open_action_after_fake_stream,
        crafted.pdf_open_action_in_object_stream,
        crafted.pdf_open_action_uri,
        crafted.pdf_escaped_name_javascript,
    ],
)
def test_pdfs_that_act_on_opening_are_refused_however_they_hide_it(make):
    with pytest.raises(ValidationError) as refused:
        _check("bao-cao.pdf", make())
    assert "scripts, automatic actions or attached files" in " ".join(refused.value.messages)


@pytest.mark.parametrize("make", [crafted.pdf_plain, crafted.pdf_open_at_page, crafted.pdf_link_annotation])
def test_harmless_pdfs_are_accepted(make):
    assert _check("bao-cao.pdf", make()) == PDF


@pytest.mark.parametrize(
    "target_mode",
    [b'TargetMode="External"', b'TargetMode = "External"', b"TargetMode='External'", b'TargetMode="&#69;xternal"'],
)
def test_word_files_loading_a_remote_template_are_refused_however_it_is_written(target_mode):
    with pytest.raises(ValidationError) as refused:
        _check("bao-cao.docx", crafted.docx_remote_template(target_mode))
    assert "links to other files or web addresses" in " ".join(refused.value.messages)


def test_a_plain_word_file_is_accepted():
    assert _check("bao-cao.docx", crafted.docx_plain()) == DOCX


def test_old_word_and_excel_files_without_active_content_are_accepted():
    assert _check("bao-cao.doc", crafted.doc_plain()) == DOC
    assert _check("so-lieu.xls", crafted.xls_plain()) == XLS


def test_old_office_files_with_macros_or_embedded_objects_are_refused_with_a_reason():
    with pytest.raises(ValidationError) as macros:
        _check("bao-cao.doc", crafted.doc_with_macros())
    assert "macros" in " ".join(macros.value.messages)
    with pytest.raises(ValidationError) as embedded:
        _check("so-lieu.xls", crafted.xls_with_embedded_object())
    assert "embedded objects" in " ".join(embedded.value.messages)


def test_an_old_office_file_with_the_wrong_extension_is_refused():
    with pytest.raises(ValidationError) as refused:
        _check("bao-cao.xls", crafted.doc_plain())
    assert ".doc" in " ".join(refused.value.messages)
