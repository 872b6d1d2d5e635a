"""The only way WeasyPrint may read a resource: the app's own fonts, CSS and images, and ``data:`` URIs.

Anything else (``http(s)://``, ``ftp://``, ``file://`` outside the allowed directories, ``../`` or
percent-encoded tricks, symlinks pointing out) is refused, logged and counted; the fetcher never opens
a socket. The allowed directories are ``static/<subdir>/`` of every static source directory for each subdir in
``settings.PDF_STATIC_SUBDIRS`` (the apps whose documents embed files: ``common`` and ``awards``), and the font
directory. Static URLs (``/static/awards/…`` or ``STATIC_URL``-prefixed) are resolved to files with the
staticfiles finders, then checked against the same directories.
"""

from __future__ import annotations

import base64
import functools
import logging
import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import OpenerDirector, url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders

from common.pdf.fonts import font_dir

logger = logging.getLogger(__name__)

ALLOWED_SUFFIXES = {".ttf", ".otf", ".woff", ".woff2", ".css", ".png", ".jpg", ".jpeg", ".svg", ".gif"}


class RefusedURL(ValueError):
    """A resource the PDF renderer is not allowed to read."""


def allowed_roots() -> list[Path]:
    """The directories whose files may be embedded: each static source's allowed subdirs and the font directory."""
    roots = [font_dir()]
    subdirs = getattr(settings, "PDF_STATIC_SUBDIRS", ("common",))
    for entry in settings.STATICFILES_DIRS:
        prefix, directory = entry if isinstance(entry, tuple | list) else ("", entry)
        if not prefix:
            roots.extend(Path(directory) / subdir for subdir in subdirs)
    roots.extend(Path(settings.BASE_DIR) / "static" / subdir for subdir in subdirs)
    return sorted({root.resolve() for root in roots})


def _static_prefixes() -> list[str]:
    static_url = settings.STATIC_URL or "/static/"
    prefixes = [static_url]
    path = urlsplit(static_url).path
    prefixes.append("/" + path.strip("/") + "/")
    return prefixes


def _decode_data_uri(url: str) -> tuple[bytes, str]:
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise RefusedURL("malformed data: URI")
    parts = header.split(";")
    content_type = parts[0] or "text/plain"
    if "base64" in parts[1:]:
        return base64.b64decode(unquote(payload), validate=False), content_type
    return unquote_to_bytes(payload), content_type


class AppFetcher(Protocol):
    """What ``make_fetcher`` returns: a WeasyPrint URL fetcher that also tells what it refused and served."""

    refused: list[str]
    served: list[str]

    @property
    def refused_count(self) -> int: ...

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any: ...


class AllowedFiles:
    """Maps a URL to bytes when it names one of the app's own files (or is a data: URI), else RefusedURL."""

    def __init__(self, roots: Iterable[Path] | None = None):
        self.roots = [Path(root).resolve() for root in (roots if roots is not None else allowed_roots())]

    def read(self, url: str) -> tuple[bytes, str]:
        """The content and content type of ``url``."""
        if url[:5].lower() == "data:":
            return _decode_data_uri(url)
        path = self.resolve(url)
        return path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream"

    def resolve(self, url: str) -> Path:
        """The allowed file that ``url`` names, or RefusedURL."""
        for prefix in _static_prefixes():
            if prefix.startswith(("http://", "https://")) and url.startswith(prefix):
                return self._check(self._find_static(url[len(prefix) :]))
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL("only the app's own files and data: URIs may be embedded")
        path = unquote(parts.path)
        for prefix in _static_prefixes():
            if prefix.startswith("/") and path.startswith(prefix):
                return self._check(self._find_static(path[len(prefix) :]))
        return self._check(Path(url2pathname(parts.path)))

    @staticmethod
    def _find_static(relative: str) -> Path:
        relative = unquote(relative.split("?")[0].split("#")[0])
        if ".." in relative.split("/") or relative.startswith("/"):
            raise RefusedURL("path traversal in a static URL")
        found = finders.find(relative)
        if not found:
            raise RefusedURL("no such static file")
        return Path(found)

    def _check(self, path: Path) -> Path:
        resolved = path.resolve()  # follows symlinks and removes ../ before the containment check
        if not any(resolved.is_relative_to(root) for root in self.roots):
            raise RefusedURL("outside the app's font and image directories")
        if resolved.suffix.lower() not in ALLOWED_SUFFIXES:
            raise RefusedURL("not a font, stylesheet or image")
        if not resolved.is_file():
            raise RefusedURL("no such file")
        return resolved


def make_fetcher(roots: Iterable[Path] | None = None) -> AppFetcher:
    """A new WeasyPrint URL fetcher restricted to ``roots`` (default: ``allowed_roots()``).

    Its ``refused`` (and ``refused_count``) list the URLs it refused, ``served`` those it served.
    """
    fetcher: AppFetcher = _fetcher_class()(AllowedFiles(roots))
    return fetcher


@functools.cache
def _fetcher_class() -> Callable[[AllowedFiles], AppFetcher]:
    # Built on first use so that importing this module does not import weasyprint (a heavy import).
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # lazy: heavy

    class AppURLFetcher(URLFetcher):
        def __init__(self, files: AllowedFiles) -> None:
            # Deliberately not URLFetcher.__init__: it installs HTTP(S)/FTP handlers, and building the
            # HTTPS handler's SSL context costs ~20 ms per render. This opener has no handler at all, so
            # even a call that bypassed fetch() below could not reach the network.
            OpenerDirector.__init__(self)
            self._timeout = 1
            self._http_headers: dict[str, str] = {}
            self._allowed_protocols = ("file", "data")
            self._fail_on_errors = False
            self._request = None
            self.files = files
            self.refused: list[str] = []
            self.served: list[str] = []

        @property
        def refused_count(self) -> int:
            return len(self.refused)

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            try:
                body, content_type = self.files.read(url)
            except RefusedURL as exc:
                self.refused.append(url)
                logger.warning("PDF renderer refused %.200r: %s", url, exc)
                raise
            self.served.append(url)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    return AppURLFetcher
