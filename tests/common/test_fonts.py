"""The PDF fonts: two pinned npm packages (Noto Serif for certificates, Tinos for administrative documents)."""

import io
import tarfile

import pytest

from common.pdf import fonts


def test_both_families_are_present_with_their_pinned_hashes():
    assert fonts.missing_files() == []
    names = {f.name for package in fonts.PACKAGES for f in package.all_files}
    assert {"Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf", "Tinos-OFL.txt"} <= names
    assert fonts.DOCUMENT_FONT_FAMILY == "Tinos" and fonts.FONT_FAMILY == "Noto Serif"


def test_tinos_is_the_pinned_npm_package():
    assert fonts.TINOS.npm_package == "@expo-google-fonts/tinos" and fonts.TINOS.version == "0.4.2"
    assert fonts.tarball_url(fonts.TINOS) == "https://registry.npmjs.org/@expo-google-fonts/tinos/-/tinos-0.4.2.tgz"
    assert fonts.TINOS.integrity.startswith("sha512-MQkfvUO1Aw7UP3jRtWLcjda")


def test_tinos_covers_vietnamese():
    from fontTools.ttLib import TTFont  # lazy: only this test reads glyph tables

    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ĐẢNG CỘNG SẢN ắằẳẵặốồổỗộớờởỡợứừửữựỹđ"
    for font_file in fonts.TINOS.files:
        cmap = TTFont(fonts.font_dir() / font_file.name).getBestCmap()
        assert [char for char in text if ord(char) not in cmap] == []


def test_only_the_missing_package_is_downloaded(tmp_path):
    # Arrange: every Noto Serif file in place, Tinos absent; the "registry" serves a tarball that fails integrity.
    for font_file in fonts.NOTO_SERIF.all_files:
        (tmp_path / font_file.name).write_bytes((fonts.font_dir() / font_file.name).read_bytes())
    asked = []

    def registry(url):
        asked.append(url)
        return b"not the package"

    # Act / Assert
    with pytest.raises(fonts.FontFetchError, match="integrity"):
        fonts.fetch_fonts(tmp_path, download=registry)
    assert asked == [fonts.tarball_url(fonts.TINOS)]
    assert not any(tmp_path.glob("Tinos*"))


def test_a_package_with_a_tampered_file_writes_nothing(tmp_path, monkeypatch):
    # Arrange: a well-formed tarball whose integrity we accept, but one font differs from its pinned SHA-256.
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for font_file in fonts.TINOS.all_files:
            data = (
                b"tampered" if font_file.name == "Tinos-Bold.ttf" else (fonts.font_dir() / font_file.name).read_bytes()
            )
            info = tarfile.TarInfo(font_file.member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    for font_file in fonts.NOTO_SERIF.all_files:
        (tmp_path / font_file.name).write_bytes((fonts.font_dir() / font_file.name).read_bytes())
    monkeypatch.setattr(fonts, "_check_integrity", lambda package, data: None)

    # Act / Assert
    with pytest.raises(fonts.FontFetchError, match="SHA-256"):
        fonts.fetch_fonts(tmp_path, download=lambda url: buffer.getvalue())
    assert not any(tmp_path.glob("Tinos*"))
