"""The Vietnamese catalogue is complete, and matches the strings in the code when gettext is present."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

VI_PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _untranslated(catalogue) -> list[str]:
    return [e.msgid for e in catalogue if not (e.msgstr or any(e.msgstr_plural.values())) or "fuzzy" in e.flags]


def test_vietnamese_catalogue_is_complete():
    catalogue = polib.pofile(str(VI_PO))
    assert len(catalogue) > 100
    assert _untranslated(catalogue) == []


def test_vietnamese_catalogue_keeps_placeholders():
    for entry in polib.pofile(str(VI_PO)):
        for placeholder in ("%(name)s", "%(counter)s", "%(line)s", "%(number)s"):
            if placeholder in entry.msgid:
                translated = entry.msgstr or entry.msgstr_plural.get(0, "")
                assert placeholder in translated, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(base, copy, ignore=shutil.ignore_patterns(".venv", "var", ".git", "*.sqlite3", "__pycache__"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--ignore", "var/*"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    assert _untranslated(fresh) == [], "run makemessages and translate the new strings"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_catalogues_pass_msgfmt_check():
    for po in sorted((Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/django.po")):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
