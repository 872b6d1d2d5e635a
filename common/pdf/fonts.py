"""The PDF fonts, fetched from the npm registry and hash-checked, never committed.

Two families, each from one pinned npm package:

- **Noto Serif** (``@expo-google-fonts/noto-serif``): full Vietnamese coverage; the certificates' font.
- **Tinos** (``@expo-google-fonts/tinos``): metric-compatible with Times New Roman, the font the administrative
  documents are written in (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW); decisions and minutes use it.

We never commit third-party files, so ``manage.py fetch_fonts`` (run by ``make setup`` and ``make test``)
downloads each package, checks the registry's SHA-512 integrity of the tarball and the SHA-256 of every file it
keeps, and writes the four faces of each family (regular, italic, bold, bold italic) plus its licence (SIL OFL 1.1)
into ``static/common/fonts/`` (gitignored). It is idempotent: when every file of a package is present with the
right hash, that package is not downloaded (no network at all when everything is there).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DEFAULT_REGISTRY = "https://registry.npmjs.org"
DOWNLOAD_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class FontFile:
    """One file we keep from a package: where it is in the tarball, its name here, its SHA-256."""

    member: str
    name: str
    sha256: str
    weight: int = 400
    style: str = "normal"


@dataclass(frozen=True)
class FontPackage:
    """One npm package of font files: its family, the pinned tarball (and its integrity) and the files we keep."""

    family: str
    npm_package: str
    version: str
    tarball_path: str
    # The registry's "integrity" of the tarball (`npm view <package>@<version> dist.integrity`).
    integrity: str
    files: tuple[FontFile, ...]
    license: FontFile

    @property
    def all_files(self) -> tuple[FontFile, ...]:
        return (*self.files, self.license)


NOTO_SERIF = FontPackage(
    family="Noto Serif",
    npm_package="@expo-google-fonts/noto-serif",
    version="0.4.2",
    tarball_path="/@expo-google-fonts/noto-serif/-/noto-serif-0.4.2.tgz",
    integrity="sha512-1xvAYegrtpCuPPunSyhvhV9FHWEzCWjikEoUJkvHt+WWvt+h7lKr+vkXNpqwFQM4W3KjXOccfLd5s04xLMjjDQ==",
    files=(
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
    ),
    license=FontFile(
        "package/LICENSE_FONT", "OFL.txt", "cee9892f9f0cc8fe882c9e9537ee6a89621d86ee7ceaf70b02e2b2b1c25c061a"
    ),
)

TINOS = FontPackage(
    family="Tinos",
    npm_package="@expo-google-fonts/tinos",
    version="0.4.2",
    tarball_path="/@expo-google-fonts/tinos/-/tinos-0.4.2.tgz",
    integrity="sha512-MQkfvUO1Aw7UP3jRtWLcjda+udanoL8ecrbkjbc3ZdhSI1iW/Uil4uD8O0eOiIxU2v/FeAT2XjGNiz5oYUlucg==",
    files=(
        FontFile(
            "package/400Regular/Tinos_400Regular.ttf",
            "Tinos-Regular.ttf",
            "924ef269e73da94c1803ff68877f5d998dd16605c5ffad82ee181034f8a1fffe",
        ),
        FontFile(
            "package/400Regular_Italic/Tinos_400Regular_Italic.ttf",
            "Tinos-Italic.ttf",
            "4a52de5bcf70e37bd71949f8a85302b75795a1943aedffbbee4f2db7744e1c81",
            style="italic",
        ),
        FontFile(
            "package/700Bold/Tinos_700Bold.ttf",
            "Tinos-Bold.ttf",
            "576a19b5dc026cafe6ae8fde4c849588dae6475cf5d912cebdf2827388c43ad9",
            weight=700,
        ),
        FontFile(
            "package/700Bold_Italic/Tinos_700Bold_Italic.ttf",
            "Tinos-BoldItalic.ttf",
            "10c90ef7896d758923c06a1485d7824cdb457466da0bf7d42f81c5228931281b",
            weight=700,
            style="italic",
        ),
    ),
    license=FontFile(
        "package/LICENSE_FONT", "Tinos-OFL.txt", "cb3382d4643e8b02c12e322c220a3c76a5020d667e4fd4e7c75e744cca6caa6b"
    ),
)

PACKAGES = (NOTO_SERIF, TINOS)

# The certificates' family (kept under its old names: the certificate code and the benchmark read them).
FONT_FAMILY = NOTO_SERIF.family
FONT_FILES = NOTO_SERIF.files
LICENSE_FILE = NOTO_SERIF.license
# Administrative documents (decisions, minutes, dossier forms): Times New Roman metrics.
DOCUMENT_FONT_FAMILY = TINOS.family


class FontFetchError(Exception):
    """The fonts could not be fetched or did not match their pinned hashes."""


def font_dir() -> Path:
    """The directory holding the fetched fonts (``static/common/fonts/``, or ``settings.PDF_FONT_DIR``)."""
    return Path(getattr(settings, "PDF_FONT_DIR", Path(settings.BASE_DIR) / "static" / "common" / "fonts"))


def package_for(family: str) -> FontPackage:
    """The package of ``family`` ("Noto Serif", "Tinos"); KeyError for an unknown family."""
    for package in PACKAGES:
        if package.family == family:
            return package
    raise KeyError(family)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_present(directory: Path, font_file: FontFile) -> bool:
    path = directory / font_file.name
    return path.is_file() and _sha256(path.read_bytes()) == font_file.sha256


def missing_files(directory: Path | None = None) -> list[str]:
    """Names of the font files (of every package) that are absent or do not match their pinned SHA-256."""
    directory = directory or font_dir()
    return [f.name for package in PACKAGES for f in package.all_files if not _is_present(directory, f)]


def tarball_url(package: FontPackage = NOTO_SERIF) -> str:
    """The tarball's URL on the npm registry (``NPM_CONFIG_REGISTRY`` selects a mirror, as for npm)."""
    registry = os.environ.get("NPM_CONFIG_REGISTRY", "").strip() or DEFAULT_REGISTRY
    return registry.rstrip("/") + package.tarball_path


def _check_integrity(package: FontPackage, data: bytes) -> None:
    algorithm, _, expected = package.integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise FontFetchError(f"{package.npm_package}@{package.version}: the tarball does not match its integrity hash")


def _download(url: str) -> bytes:
    if not url.startswith("https://"):
        raise FontFetchError(f"refusing a non-HTTPS registry URL: {url}")
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:  # noqa: S310 (https only)
            data: bytes = response.read()
            return data
    except OSError as exc:
        raise FontFetchError(f"cannot download {url}: {exc}") from exc


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _fetch_package(
    package: FontPackage, directory: Path, todo: list[FontFile], download: Callable[[str], bytes]
) -> None:
    data = download(tarball_url(package))
    _check_integrity(package, data)
    directory.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        # Every member is read and checked before any file is written: a bad package leaves nothing behind.
        contents = []
        for font_file in todo:
            member = archive.extractfile(font_file.member)  # read by exact name: no path from the archive is used
            if member is None:
                raise FontFetchError(f"{font_file.member} is missing from {package.npm_package}@{package.version}")
            content = member.read()
            if _sha256(content) != font_file.sha256:
                raise FontFetchError(f"{font_file.member} does not match its pinned SHA-256")
            contents.append((font_file, content))
    for font_file, content in contents:
        _write_atomically(directory / font_file.name, content)


def fetch_fonts(directory: Path | None = None, *, download: Callable[[str], bytes] = _download) -> list[str]:
    """Fetch every package whose files are not all present into ``directory``; return the names written.

    Raises FontFetchError on a network failure or any hash mismatch; nothing half-written is left
    behind (each file is written to a temporary name and renamed, once the whole package checked out).
    """
    directory = directory or font_dir()
    written: list[str] = []
    for package in PACKAGES:
        todo = [f for f in package.all_files if not _is_present(directory, f)]
        if todo:
            _fetch_package(package, directory, todo, download)
            written.extend(f.name for f in todo)
    return written


def font_faces(family: str, directory: Path | None = None) -> list[dict]:
    """The ``@font-face`` entries of ``family`` (file:// URLs); FileNotFoundError naming what is missing."""
    package = package_for(family)
    directory = directory or font_dir()
    missing = [f.name for f in package.files if not (directory / f.name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"PDF fonts missing in {directory} ({', '.join(missing)}): run `python manage.py fetch_fonts`."
        )
    return [
        {"family": package.family, "url": (directory / f.name).resolve().as_uri(), "weight": f.weight, "style": f.style}
        for f in package.files
    ]
