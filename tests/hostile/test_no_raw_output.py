"""Structural guarantee behind the hostile-text tests: no template or view switches Django's escaping off.

Every user-editable text reaches HTML through autoescaped templates or ``format_html`` (the SVG charts), so a
field the hostile-text tests do not type into is escaped the same way. This test fails as soon as someone adds a
``|safe``, ``{% autoescape off %}``, ``mark_safe`` or ``SafeString`` to the project's own code.
"""

import re
from pathlib import Path

from django.conf import settings

RAW = re.compile(r"\|\s*safe\b|\{%\s*autoescape\s+off|mark_safe\(|SafeString\(|\|\s*safeseq\b")
SOURCES = ("templates", "organizations", "campaigns", "scoring", "awards", "emulation")


def test_no_template_or_view_turns_escaping_off():
    base = Path(settings.BASE_DIR)
    offenders = [
        f"{path.relative_to(base)}:{number}: {line.strip()}"
        for folder in SOURCES
        for path in sorted((base / folder).rglob("*"))
        if path.suffix in {".html", ".py", ".txt"} and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if RAW.search(line)
    ]
    assert offenders == []
