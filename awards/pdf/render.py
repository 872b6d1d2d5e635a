"""PDF bytes from the documents' HTML with WeasyPrint, and merging many PDFs into one print file.

Performance (measured in issue 5): one ``FontConfiguration`` per process (rebuilding it per render
costs 50% more and leaks memory), ``weasyprint`` imported on first use (a heavy import), and a merged
print file built by concatenating the per-certificate PDFs with pypdf (one 1000-page WeasyPrint
document takes 760 MB).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils import translation

from awards.pdf.data import CertificateData, DecisionData, MinutesData
from awards.pdf.fetcher import make_fetcher
from awards.pdf.html import certificate_html, decision_html, minutes_html

_lock = threading.Lock()
_font_configs: dict[str, object] = {}


def _font_config(name: str = "app"):
    """The process-wide WeasyPrint FontConfiguration (created on first use, then reused)."""
    config = _font_configs.get(name)
    if config is None:
        with _lock:
            config = _font_configs.get(name)
            if config is None:
                from weasyprint.text.fonts import FontConfiguration

                config = _font_configs[name] = FontConfiguration()
    return config


def _base_url() -> str:
    return (Path(settings.BASE_DIR) / "static" / "awards").resolve().as_uri() + "/"


def html_to_pdf(html: str, *, fetcher=None) -> bytes:
    """Render ``html`` the app's way: shared fonts, the restricted URL fetcher, Vietnamese.

    ``fetcher`` defaults to a fresh ``make_fetcher()``; pass one to inspect what it refused.
    """
    from weasyprint import HTML

    with translation.override("vi"):
        document = HTML(string=html, base_url=_base_url(), url_fetcher=fetcher or make_fetcher())
        return document.write_pdf(font_config=_font_config())


def bare_render(html: str) -> bytes:
    """Plain WeasyPrint on the same HTML: the benchmark's baseline.

    Default URL fetcher, no language switch, and its own FontConfiguration, reused like the app's
    (the issue's bare figure of 0.05–0.07 s per certificate is with a reused configuration).
    """
    from weasyprint import HTML

    return HTML(string=html, base_url=_base_url()).write_pdf(font_config=_font_config("bare"))


def render_certificate(data: CertificateData, *, mode: str = "full", calibration: dict | None = None) -> bytes:
    """One certificate as PDF: ``mode="full"`` on blank paper, ``"overlay"`` for pre-printed blanks."""
    return html_to_pdf(certificate_html(data, mode=mode, calibration=calibration))


def render_decision(data: DecisionData) -> bytes:
    """An award decision as PDF (A4 portrait, Decree 30/2020/NĐ-CP layout)."""
    return html_to_pdf(decision_html(data))


def render_minutes(data: MinutesData) -> bytes:
    """The vote-counting minutes of a council session as PDF (A4 portrait)."""
    return html_to_pdf(minutes_html(data))


def merge_pdfs(sources: Iterable[bytes | str | Path], output: str | Path | BinaryIO) -> int:
    """Concatenate PDFs (bytes or file paths, in order) into ``output`` (a path or binary file); return the page count.

    Pages are appended one source at a time; the sources are never laid out again.
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for source in sources:
        reader = PdfReader(BytesIO(source) if isinstance(source, bytes | bytearray) else source)
        writer.append(reader)
    pages = len(writer.pages)
    if isinstance(output, str | Path):
        with open(output, "wb") as handle:
            writer.write(handle)
    else:
        writer.write(output)
    writer.close()
    return pages
