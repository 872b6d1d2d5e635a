"""One static storage whatever DEBUG says, and a missing manifest never breaks a page (issue 16)."""

from django.conf import settings
from django.templatetags.static import static


def test_the_same_manifest_storage_is_used_with_debug_on_and_off():
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "common.staticfiles.ForgivingManifestStorage"


def test_a_page_never_fails_because_a_file_was_not_collected(caplog):
    # The tests run without collectstatic (no manifest at all): the plain name is used and the miss is logged.
    assert static("js/app.js").endswith("/js/app.js")
    assert "not collected" in caplog.text
