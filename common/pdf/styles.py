"""What every generated document's template needs from the app: its fonts and stylesheets as file:// URLs.

Documents reference the app's own files by absolute ``file://`` URLs (allowed by ``common.pdf.fetcher``), so bare
WeasyPrint finds them too. The administrative layouts (header, title, signature, Nơi nhận, DỰ THẢO) are template
includes in ``templates/common/pdf/`` over ``static/common/pdf/document.css``; ``common.documents`` gives their text.

A new administrative document (a tờ trình, a report) is built like the decision (awards/documents/html.py)::

    context = {
        **administrative_context("awards/dossier.css"),  # Tinos + the shared stylesheet + the document's own
        "header": documents.Header(style=org.document_style, superior=..., issuer=..., number_text=..., place=...,
                                   day=...),
        "signature_lines": documents.signature_lines(title=..., prefix="kt", on_behalf_of=..., style=...),
        "is_draft": False,
    }

and its template includes ``common/pdf/_fonts.html``, links ``stylesheets``, sets ``<body class="… {{ style }}">``
and includes ``_draft.html``, ``_header.html``, ``_title.html`` (``kind``, ``summary``), ``_copies.html``
(``copies``) and ``_signature.html`` (``lines``, ``name``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

from common.pdf import fonts

ADMINISTRATIVE_CSS = "common/pdf/document.css"


@functools.cache
def static_file_url(relative: str) -> str:
    """The ``file://`` URL of the static file ``relative`` (``"awards/certificate.css"``), found like any static."""
    found = finders.find(relative)
    if not found:
        raise ImproperlyConfigured(f"static/{relative} is missing")
    return Path(found).resolve().as_uri()


def font_faces(family: str) -> list[dict]:
    """The ``@font-face`` entries of ``family``; ImproperlyConfigured when ``fetch_fonts`` has not run."""
    try:
        return fonts.font_faces(family)
    except FileNotFoundError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


def administrative_context(*stylesheets: str) -> dict:
    """Template context of an administrative document: Tinos, the shared stylesheet, then ``stylesheets``."""
    return {
        "font_faces": font_faces(fonts.DOCUMENT_FONT_FAMILY),
        "stylesheets": [static_file_url(ADMINISTRATIVE_CSS), *(static_file_url(name) for name in stylesheets)],
    }
