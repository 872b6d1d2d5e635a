"""The PDF fonts: Noto Serif (full Vietnamese coverage), fetched from the npm registry, never committed.

We never commit third-party files, so ``manage.py fetch_fonts`` (run by ``make setup`` and ``make test``)
downloads one pinned npm package, checks the registry's SHA-512 integrity of the tarball and the SHA-256
of every file it keeps, and writes the four faces we use (regular, italic, bold, bold italic) plus the
font licence (SIL OFL 1.1) into ``static/common/fonts/`` (gitignored). It is idempotent: when every file
is present with the right hash it does nothing and touches no network.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FONT_FAMILY = "Noto Serif"
NPM_PACKAGE = "@expo-google-fonts/noto-serif"
NPM_VERSION = "0.4.2"
NPM_TARBALL_PATH = "/@expo-google-fonts/noto-serif/-/noto-serif-0.4.2.tgz"
# The registry's "integrity" of the tarball (`npm view @expo-google-fonts/noto-serif@0.4.2 dist.integrity`).
NPM_INTEGRITY = "sha512-1xvAYegrtpCuPPunSyhvhV9FHWEzCWjikEoUJkvHt+WWvt+h7lKr+vkXNpqwFQM4W3KjXOccfLd5s04xLMjjDQ=="
DEFAULT_REGISTRY = "https://registry.npmjs.org"
DOWNLOAD_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class FontFile:
    """One file we keep from the package: where it is in the tarball, its name here, its SHA-256."""

    member: str
    name: str
    sha256: str
    weight: int = 400
    style: str = "normal"


FONT_FILES = (
    FontFile(
        "package/400Regular/NotoSerif_400Regular.ttf",
        "NotoSerif-Regular.ttf",
        "a7e8ea1ab7e7d368b001c892d6148325fffc849a46e030e55e1bdc597bbe939d",
    ),
    FontFile(
        "package/400Regular_Italic/NotoSerif_400Regular_Italic.ttf",
        "NotoSerif-Italic.ttf",
        "15d5f8050fc1f142545e7a26a50bd07a0434eca535d4d98aad9d5e8f03741e43",
        style="italic",
    ),
    FontFile(
        "package/700Bold/NotoSerif_700Bold.ttf",
        "NotoSerif-Bold.ttf",
        "1b941681106aae26ead3a24c6f15b51f994b1b26adce8742a37ce96648f0fe0a",
        weight=700,
    ),
    FontFile(
        "package/700Bold_Italic/NotoSerif_700Bold_Italic.ttf",
        "NotoSerif-BoldItalic.ttf",
        "2400339667ad2701320aa671e337d1632731e56b397564afe14e981124b899c6",
        weight=700,
        style="italic",
    ),
)
LICENSE_FILE = FontFile(
    "package/LICENSE_FONT", "OFL.txt", "cee9892f9f0cc8fe882c9e9537ee6a89621d86ee7ceaf70b02e2b2b1c25c061a"
)


class FontFetchError(Exception):
    """The fonts could not be fetched or did not match their pinned hashes."""


def font_dir() -> Path:
    """The directory holding the fetched fonts (``static/common/fonts/``, or ``settings.PDF_FONT_DIR``)."""
    return Path(getattr(settings, "PDF_FONT_DIR", Path(settings.BASE_DIR) / "static" / "common" / "fonts"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_present(directory: Path, font_file: FontFile) -> bool:
    path = directory / font_file.name
    return path.is_file() and _sha256(path.read_bytes()) == font_file.sha256


def missing_files(directory: Path | None = None) -> list[str]:
    """Names of the font files that are absent or do not match their pinned SHA-256."""
    directory = directory or font_dir()
    return [f.name for f in (*FONT_FILES, LICENSE_FILE) if not _is_present(directory, f)]


def tarball_url() -> str:
    """The tarball's URL on the npm registry (``NPM_CONFIG_REGISTRY`` selects a mirror, as for npm)."""
    registry = os.environ.get("NPM_CONFIG_REGISTRY", "").strip() or DEFAULT_REGISTRY
    return registry.rstrip("/") + NPM_TARBALL_PATH


def _check_integrity(data: bytes) -> None:
    algorithm, _, expected = NPM_INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise FontFetchError(f"{NPM_PACKAGE}@{NPM_VERSION}: the tarball does not match its integrity hash")


def _download(url: str) -> bytes:
    if not url.startswith("https://"):
        raise FontFetchError(f"refusing a non-HTTPS registry URL: {url}")
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:  # noqa: S310 (https only)
            return response.read()
    except OSError as exc:
        raise FontFetchError(f"cannot download {url}: {exc}") from exc


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def fetch_fonts(directory: Path | None = None, *, download=_download) -> list[str]:
    """Fetch the fonts into ``directory`` unless all are present; return the names written.

    Raises FontFetchError on a network failure or any hash mismatch; nothing half-written is left
    behind (each file is written to a temporary name and renamed).
    """
    directory = directory or font_dir()
    todo = [f for f in (*FONT_FILES, LICENSE_FILE) if not _is_present(directory, f)]
    if not todo:
        return []
    data = download(tarball_url())
    _check_integrity(data)
    directory.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for font_file in todo:
            member = archive.extractfile(font_file.member)  # read by exact name: no path from the archive is used
            if member is None:
                raise FontFetchError(f"{font_file.member} is missing from {NPM_PACKAGE}@{NPM_VERSION}")
            content = member.read()
            if _sha256(content) != font_file.sha256:
                raise FontFetchError(f"{font_file.member} does not match its pinned SHA-256")
            _write_atomically(directory / font_file.name, content)
    return [f.name for f in todo]
