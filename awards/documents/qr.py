"""QR codes for the certificates' verify URL (segno, pure Python).

The code is embedded as a tiny PNG data: URI with one pixel per module, scaled up by the CSS with
``image-rendering: pixelated`` so every module stays a sharp square in the PDF. A raster is used
rather than SVG on purpose: WeasyPrint parses SVG paths in Python, which cost ~17 ms per
certificate for a QR code, against well under 1 ms for a ~400-byte PNG.
"""

from __future__ import annotations

ERROR_CORRECTION = "m"  # 15% of the code may be damaged (a stamp or a fold) and it still scans
QUIET_ZONE = 2  # modules of white around the code (the certificate around it is white too)


def _make(payload: str):
    import segno  # lazy: rarely

    return segno.make_qr(payload, error=ERROR_CORRECTION, boost_error=False)


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's modules (True = dark), rows top to bottom, without the quiet zone."""
    return [[bool(module) for module in row] for row in _make(payload).matrix]


def qr_data_uri(payload: str) -> str:
    """The QR code as a ``data:image/png;base64,…`` URI, one pixel per module, with its quiet zone."""
    return _make(payload).png_data_uri(scale=1, border=QUIET_ZONE)
