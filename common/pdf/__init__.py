"""PDF infrastructure shared by every app: WeasyPrint with a fetcher that reads only the app's own files, the
fonts (fetched and hash-checked, never committed), merging print files, and rendering a stored PDF exactly once.

``weasyprint`` is imported on the first render, not when this package is imported.
"""

from common.pdf.engine import bare_render, html_to_pdf, merge_pdfs
from common.pdf.fetcher import RefusedURL, make_fetcher

__all__ = ["RefusedURL", "bare_render", "html_to_pdf", "make_fetcher", "merge_pdfs"]
