"""PDF bytes from HTML with WeasyPrint, the app's way, and merging many PDFs into one print file.

Performance (measured in issue 5): one ``FontConfiguration`` per process (rebuilding it per render
costs 50% more and leaks memory), ``weasyprint`` imported on first use (a heavy import), and a merged
print file built by concatenating the per-document PDFs with pypdf (one 1000-page WeasyPrint
document takes 760 MB).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from django.conf import settings
from django.utils import translation

from common.pdf.fetcher import AppFetcher, make_fetcher

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

_lock = threading.Lock()
_font_configs: dict[str, FontConfiguration] = {}


def _font_config(name: str = "app") -> FontConfiguration:
    """The process-wide WeasyPrint FontConfiguration (created on first use, then reused)."""
    config = _font_configs.get(name)
    if config is None:
        with _lock:
            config = _font_configs.get(name)
            if config is None:
                from weasyprint.text.fonts import FontConfiguration  # lazy: heavy

                config = _font_configs[name] = FontConfiguration()
    return config


def _base_url() -> str:
    return (Path(settings.BASE_DIR) / "static").resolve().as_uri() + "/"


def html_to_pdf(html: str, *, fetcher: AppFetcher | None = None) -> bytes:
    """Render ``html`` the app's way: shared fonts, the restricted URL fetcher, Vietnamese.

    ``fetcher`` defaults to a fresh ``make_fetcher()``; pass one to inspect what it refused.
    """
    from weasyprint import HTML  # lazy: heavy

    with translation.override("vi"):
        document = HTML(string=html, base_url=_base_url(), url_fetcher=fetcher or make_fetcher())
        pdf: bytes = document.write_pdf(font_config=_font_config())
        return pdf


def bare_render(html: str) -> bytes:
    """Plain WeasyPrint on the same HTML: the benchmark's baseline.

    Default URL fetcher, no language switch, and its own FontConfiguration, reused like the app's
    (the issue's bare figure of 0.05–0.07 s per certificate is with a reused configuration).
    """
    from weasyprint import HTML  # lazy: heavy

    pdf: bytes = HTML(string=html, base_url=_base_url()).write_pdf(font_config=_font_config("bare"))
    return pdf


def merge_pdfs(sources: Iterable[bytes | str | Path], output: str | Path | BinaryIO) -> int:
    """Concatenate PDFs (bytes or file paths, in order) into ``output`` (a path or binary file); return the page count.

    Pages are appended one source at a time; the sources are never laid out again.
    """
    from pypdf import PdfReader, PdfWriter  # lazy: rarely (only for print files)

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
