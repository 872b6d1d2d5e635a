"""Checking uploaded files by their content (never by name alone) and giving them server-made names.

Shared by every app that accepts files (plan documents, evidence, dossiers, imports). The checks are
deliberately strict and fail closed: a file is accepted only when its first bytes are those of an
allowed type, its name ends in that type's extension, and its inside holds nothing active or
inflated:

- PDF: complete (ends in ``%%EOF``; ``startxref`` points at a cross-reference), opened with a real parser
  (pikepdf/qpdf, which resolves object streams, escaped names and string literals) and walked object by object:
  no encryption, no JavaScript, launch, submit/import or go-to-remote actions, no action run on opening, no
  additional actions, no embedded files, rich media or XFA forms;
- JPEG / PNG: readable header, at most ``IMAGE_MAX_PIXELS`` (a decompression bomb declares a huge
  size), complete, nothing after a PNG's last chunk;
- DOCX / XLSX: a plain zip with the parts the type needs, its content types and relationships read with an XML
  parser (defusedxml: spacing and character references resolved, no entities), no macros, ActiveX or external
  targets (hyperlinks are fine), inflating to at most ``OFFICE_MAX_INFLATED`` bytes at a modest ratio;
- DOC / XLS (the older binary formats, still common in offices): an OLE compound file (olefile) with the main
  stream of its type and no macros, embedded objects or encryption;
- CSV: UTF-8 text without control characters;
- none of them: HTML, script or PHP markup, or a zip archive hidden inside (polyglots).

Names are checked too (they are shown to people and sent back in downloads, never used on disk).
"""

from __future__ import annotations

import io
import re
import unicodedata
import uuid
import warnings
import zipfile
import zlib
from pathlib import PurePosixPath
from struct import error as struct_error
from types import ModuleType
from typing import Any

import olefile
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF, JPEG, PNG, DOCX, XLSX, CSV, DOC, XLS = "pdf", "jpeg", "png", "docx", "xlsx", "csv", "doc", "xls"
_OFFICE_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
_LABELS = {
    PDF: "PDF",
    JPEG: "JPEG",
    PNG: "PNG",
    DOCX: "Word (.docx)",
    XLSX: "Excel (.xlsx)",
    CSV: "CSV",
    DOC: "Word 97–2003 (.doc)",
    XLS: "Excel 97–2003 (.xls)",
}
_EXTENSIONS = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    CSV: (".csv",),
    DOC: (".doc",),
    XLS: (".xls",),
}
# Content types of each file type, for downloads (served as attachments, never sniffed).
CONTENT_TYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv",
    DOC: "application/msword",
    XLS: "application/vnd.ms-excel",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The main stream of each binary Office type.
_OLE_MAIN = {DOC: ("worddocument",), XLS: ("workbook", "book")}

# A 100-megapixel photo is already larger than any phone or scanner makes for a document.
IMAGE_MAX_PIXELS = 100_000_000
IMAGE_MAX_SIDE = 30_000
# Office XML compresses well (10–30×), never by thousands: beyond these an archive is a zip bomb.
OFFICE_MAX_INFLATED = 200 * 1024 * 1024
OFFICE_MAX_RATIO = 200
OFFICE_MAX_MEMBERS = 5_000
_OFFICE_SMALL_PART = 2 * 1024 * 1024  # [Content_Types].xml and *.rels are small; larger ones are refused
# Only object streams are inflated (that is where dictionaries hide); their total output is capped.
PDF_MAX_INFLATED = 64 * 1024 * 1024
NAME_MAX_CHARS = 180

# Names a PDF reader acts on by itself (scripts, launching programs, actions on open/close, attachments).
_PDF_ACTIVE = (
    b"JavaScript|JS|Launch|AA|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData|GoToE|Sound|Movie"
)
_PDF_DELIMITER = rb"(?=[\s()<>\[\]{}/%]|$)"
_PDF_ACTIVE_RE = re.compile(rb"/(?:" + _PDF_ACTIVE + rb")" + _PDF_DELIMITER)
_PDF_ENCRYPT_RE = re.compile(rb"/Encrypt" + _PDF_DELIMITER)
_PDF_OPEN_ACTION_RE = re.compile(rb"/OpenAction(?!\s*\[)" + _PDF_DELIMITER)  # an array is only "open at page N"
_PDF_NAME_ESCAPE_RE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM_RE = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_PDF_STARTXREF_RE = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_MARKUP_RE = re.compile(
    rb"<\s*(?:script|html|body|iframe|svg|object|embed|meta|form)\b|<\?php|<!doctype|javascript:|\{\\rtf", re.IGNORECASE
)
_RELATIONSHIP_RE = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)

_RESERVED_STEMS = {"con", "prn", "aux", "nul", "clock$"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
_RISKY_EXTENSIONS = {
    "exe", "com", "bat", "cmd", "scr", "pif", "msi", "dll", "js", "jse", "vbs", "vbe", "wsf", "hta", "ps1",
    "sh", "jar", "php", "phtml", "php5", "asp", "aspx", "jsp", "cgi", "pl", "py", "html", "htm", "xhtml",
    "svg", "shtml", "lnk", "reg", "docm", "xlsm", "iso",
}  # fmt: skip
_NAME_FORBIDDEN = set('<>:"/\\|?*')


class _Refused(Exception):
    """A file fails a check; ``message`` says why, in words a user can act on."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def sniff_type(data: bytes) -> str | None:
    """The type of a file from its content, or None when it is none of the binary types we know."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            return None
        return next((kind for kind, part in _OFFICE_PARTS.items() if part in names), None)
    if data.startswith(_OLE_MAGIC):
        return _ole_kind(data)
    return None


def check_upload(upload: File, *, allowed: set[str], max_bytes: int | None = None) -> str:
    """Raise a clear ValidationError unless ``upload`` is non-empty, small enough, well named and of an allowed
    type with nothing active or inflated inside; return its type. The file is read whole (it is size-capped)."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); at most %(limit)s is accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    name = upload.name or ""
    try:
        _check_name(name)
        kind = _kind(data, allowed)
        _check_extension(name, kind)
        _INSPECTORS[kind](data)
    except _Refused as refused:
        raise ValidationError(refused.message) from None
    return kind


def server_file_name(folder: str, kind: str) -> str:
    """A random storage name: user-supplied names never reach the file system."""
    extension = "jpg" if kind == JPEG else kind
    return str(PurePosixPath(folder) / f"{uuid.uuid4().hex}.{extension}")


# --- names and types ------------------------------------------------------------------------------------------


def _check_name(name: str) -> None:
    if len(name) > NAME_MAX_CHARS:
        raise _Refused(
            _("The file name is too long; shorten it to at most %(count)s characters.") % {"count": NAME_MAX_CHARS}
        )
    bad = [
        c for c in name if c in _NAME_FORBIDDEN or unicodedata.category(c) in {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
    ]
    if bad or not name.strip() or name.startswith(".") or name.rstrip() != name or name.endswith("."):
        raise _Refused(_("The file name contains characters that are not allowed; rename the file and try again."))
    parts = name.lower().split(".")
    if parts[0].strip() in _RESERVED_STEMS or any(part.strip() in _RISKY_EXTENSIONS for part in parts[1:]):
        raise _Refused(_("The file name looks like a program or web page; rename the file and try again."))


def _kind(data: bytes, allowed: set[str]) -> str:
    kind = sniff_type(data)
    if kind is None and CSV in allowed and _is_text(data):
        kind = CSV
    if kind not in allowed:
        accepted = ", ".join(_LABELS[k] for k in sorted(allowed))
        raise _Refused(_("This file's content is not an accepted type (%(types)s).") % {"types": accepted})
    return kind


def _check_extension(name: str, kind: str) -> None:
    if not name.lower().endswith(_EXTENSIONS[kind]):
        raise _Refused(
            _("The file is a %(type)s file, so its name must end in %(extension)s; rename it and try again.")
            % {"type": _LABELS[kind], "extension": " / ".join(_EXTENSIONS[kind])}
        )


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text)


def _check_no_markup(data: bytes) -> None:
    """Markup a browser would run: the file is a web page or script as well (a polyglot)."""
    if _MARKUP_RE.search(data):
        raise _Refused(_("The file contains web page or script code; it cannot be accepted."))


def _check_no_archive(data: bytes) -> None:
    """A zip archive's start and end records inside a PDF or image: another file is hidden in it."""
    if b"PK\x03\x04" in data and b"PK\x05\x06" in data:
        raise _Refused(_("The file has another file (a zip archive) hidden inside; it cannot be accepted."))


def _check_csv(data: bytes) -> None:
    _check_no_markup(data)


# --- PDF ------------------------------------------------------------------------------------------------------


def _check_pdf(data: bytes) -> None:
    _check_pdf_complete(data)
    _check_no_archive(data)
    _check_pdf_objects(data)  # what a reader acts on: every object, parsed
    outside, _streams = _pdf_split(data)
    _check_no_markup(data[:1024] + outside)  # a polyglot web page, outside the streams (a heuristic on bytes)


def _check_pdf_objects(data: bytes) -> None:
    """Open the PDF with qpdf and walk every object, inside object streams too (names come unescaped); then once
    more as a reader that rebuilds the cross-reference table by scanning would see it (objects the table leaves
    out, e.g. a broken incremental update, are found that way)."""
    import pikepdf  # lazy: heavy (qpdf)

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise _Refused(_ENCRYPTED_PDF()) from None
    except (pikepdf.PdfError, ValueError, RecursionError):
        raise _Refused(_DAMAGED_PDF()) from None
    with pdf:
        if pdf.is_encrypted:
            raise _Refused(_ENCRYPTED_PDF())
        _pdf_walk_all(pdf, pikepdf)
    try:
        rebuilt = pikepdf.open(io.BytesIO(data.replace(b"startxref", b"startxrer")), suppress_warnings=True)
    except (pikepdf.PdfError, ValueError, RecursionError):
        return  # the table-driven reading above is what readers do with this file
    with rebuilt:
        _pdf_walk_all(rebuilt, pikepdf)


def _pdf_walk_all(pdf: Any, pikepdf: ModuleType) -> None:
    seen: set[tuple[int, int]] = set()
    try:
        _pdf_walk(pdf.Root, seen, 0, pikepdf)
        _pdf_walk(pdf.trailer, seen, 0, pikepdf)
        for obj in pdf.objects:
            _pdf_walk(obj, seen, 0, pikepdf)
    except (pikepdf.PdfError, ValueError, RecursionError):
        raise _Refused(_DAMAGED_PDF()) from None


# Keys and action types a reader acts on by itself (scripts, programs, submitting or importing data, opening other
# documents, attachments, rich media, XFA forms).
_PDF_ACTIVE_KEYS = {"/JavaScript", "/JS", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
_PDF_ACTIVE_ACTIONS = {
    "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR", "/RichMediaExecute", "/Rendition",
    "/Sound", "/Movie",
}  # fmt: skip
PDF_MAX_DEPTH = 64


def _pdf_walk(obj: Any, seen: set[tuple[int, int]], depth: int, pikepdf: ModuleType) -> None:
    if depth > PDF_MAX_DEPTH:
        raise _Refused(_("The PDF is too complex to check; print it to a new PDF and try again."))
    if getattr(obj, "is_indirect", False):
        key = obj.objgen
        if key in seen:
            return
        seen.add(key)
    if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
        keys = set(obj.keys())
        _pdf_check_dictionary(obj, keys, pikepdf)
        for key in keys:
            if key in ("/Parent", "/P"):  # back-references up the page tree: walked from the top already
                continue
            _pdf_walk(obj.get(key), seen, depth + 1, pikepdf)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            _pdf_walk(item, seen, depth + 1, pikepdf)


def _pdf_check_dictionary(obj: Any, keys: set[str], pikepdf: ModuleType) -> None:
    if "/Encrypt" in keys:
        raise _Refused(_ENCRYPTED_PDF())
    if _pdf_is_active(obj, keys, pikepdf):
        raise _Refused(_ACTIVE_PDF())


def _pdf_is_active(obj: Any, keys: set[str], pikepdf: ModuleType) -> bool:
    """A dictionary a reader acts on by itself: active keys, an active action, an action run on opening (an array
    only shows a page), an attached file."""
    if keys & _PDF_ACTIVE_KEYS or str(obj.get("/S", "")) in _PDF_ACTIVE_ACTIONS:
        return True
    if "/OpenAction" in keys and isinstance(obj.get("/OpenAction"), pikepdf.Dictionary):
        return True
    return "/EF" in keys and str(obj.get("/Type", "")) == "/Filespec"


def _ACTIVE_PDF() -> str:  # noqa: N802 - reads like the constant message it is
    return _("The PDF contains scripts, automatic actions or attached files; print it to a new PDF and try again.")


def _ENCRYPTED_PDF() -> str:  # noqa: N802
    return _("The PDF is encrypted or password-protected; save it without a password and try again.")


def _check_pdf_complete(data: bytes) -> None:
    tail = data[-2048:].rstrip(b"\x00\t\n\r\f ")
    if not tail.endswith(b"%%EOF"):
        raise _Refused(_DAMAGED_PDF())
    match = _PDF_STARTXREF_RE.search(tail)
    if match is None:
        return  # a minimal PDF without a cross-reference table; readers rebuild one
    offset = int(match.group(1))
    target = data[offset : offset + 64].lstrip()
    if not (target.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", target)):
        raise _Refused(_DAMAGED_PDF())


def _DAMAGED_PDF() -> str:  # noqa: N802 - reads like the constant message it is
    return _("The PDF is incomplete or damaged; save or export it again and try again.")


def _pdf_split(data: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The bytes outside streams, and each stream as (its dictionary, its raw body)."""
    outside, streams, position = [], [], 0
    while (match := _PDF_STREAM_RE.search(data, position)) is not None:
        outside.append(data[position : match.start()])
        end = data.find(b"endstream", match.end())
        if end == -1:  # "stream" inside a string: the parser has read the file already, so just stop splitting
            break
        header = data[max(position, match.start() - 4000) : match.start()]
        streams.append((header[header.rfind(b"obj") :], data[match.end() : end]))
        position = end + len(b"endstream")
    outside.append(data[position:])
    return b"".join(outside), streams


# --- images ---------------------------------------------------------------------------------------------------


def _check_image(data: bytes, kind: str) -> None:
    from PIL import Image  # lazy: heavy (Pillow reads only the header here; no pixels are decoded)

    _check_no_archive(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind.upper()]) as image:
                width, height = image.size
                image.verify()  # PNG: every chunk's checksum; JPEG: the header
    except Image.DecompressionBombError:
        width = height = IMAGE_MAX_SIDE + 1
    except Exception:  # Pillow raises many kinds of errors for damaged or disguised files
        raise _Refused(
            _("The image cannot be read; it is damaged or not really a %(type)s.") % {"type": _LABELS[kind]}
        ) from None
    if width * height > IMAGE_MAX_PIXELS or max(width, height) > IMAGE_MAX_SIDE:
        raise _Refused(
            _("The image is too large (%(width)s × %(height)s pixels); reduce it to at most %(pixels)s megapixels.")
            % {"width": width, "height": height, "pixels": IMAGE_MAX_PIXELS // 1_000_000}
        )
    metadata = _png_metadata(data) if kind == PNG else _jpeg_metadata(data)
    if metadata is None:
        raise _Refused(_("The image is incomplete or has extra data after its end; save it again and try again."))
    _check_no_markup(metadata)


def _png_metadata(data: bytes) -> bytes | None:
    """Every chunk but the pixels (IDAT), or None when the file does not end with its IEND chunk."""
    parts, position = [], 8
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if kind != b"IDAT":
            parts.append(data[position + 4 : position + 8 + length])
        position += 12 + length
        if kind == b"IEND":
            return b"".join(parts) if position == len(data) else None
    return None


def _jpeg_metadata(data: bytes) -> bytes | None:
    """The segments before the first scan and anything after the end marker; None when the scan is cut."""
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        if data[position + 1] == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if data[position + 1] == 0xDA:
            end = data.find(b"\xff\xd9", position)
            return None if end == -1 else data[:position] + data[end + 2 :]
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return None


def _check_jpeg(data: bytes) -> None:
    _check_image(data, JPEG)


def _check_png(data: bytes) -> None:
    _check_image(data, PNG)


# --- Word and Excel ---------------------------------------------------------------------------------------------


def _check_office(data: bytes, kind: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_office_members(data, members, kind)
            for info in members:
                if info.filename == "[Content_Types].xml" or info.filename.lower().endswith(".rels"):
                    _check_office_part(archive, info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError, zlib.error):
        raise _Refused(_damaged_office(kind)) from None


def _damaged_office(kind: str) -> str:
    if kind == XLSX:
        return _("The file is not a valid Excel workbook (.xlsx).")
    return _("The file is not a valid Word document (.docx).")


def _check_office_members(data: bytes, members: list[zipfile.ZipInfo], kind: str) -> None:
    names = {info.filename for info in members}
    end = data.rfind(b"PK\x05\x06")
    trailing = len(data) - (end + 22 + int.from_bytes(data[end + 20 : end + 22], "little")) if end >= 0 else 1
    if len(members) > OFFICE_MAX_MEMBERS or trailing != 0 or any(info.flag_bits & 0x1 for info in members):
        raise _Refused(_damaged_office(kind))
    if "[Content_Types].xml" not in names or _OFFICE_PARTS[kind] not in names:
        raise _Refused(_damaged_office(kind))
    inflated = sum(info.file_size for info in members)
    ratios = (info.file_size / max(info.compress_size, 1) for info in members if info.file_size > 1024 * 1024)
    if inflated > OFFICE_MAX_INFLATED or any(ratio > OFFICE_MAX_RATIO for ratio in ratios):
        raise _Refused(_("The file expands to far more than its size (a zip bomb); it cannot be accepted."))
    lowered = [name.lower() for name in names]
    if any(n.endswith(("vbaproject.bin", "vbadata.xml")) or "/activex/" in n for n in lowered):
        raise _Refused(_("The file contains macros or ActiveX controls; save it without macros and try again."))
    if any("/externallinks/" in n or n.startswith("externallinks/") for n in lowered):
        raise _Refused(_("The file links to other files or web addresses that open by themselves; remove the links."))


def _check_office_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """[Content_Types].xml and the relationship parts, read with an XML parser (no entities, no DTD)."""
    if info.file_size > _OFFICE_SMALL_PART:
        raise _Refused(_("The file expands to far more than its size (a zip bomb); it cannot be accepted."))
    with archive.open(info) as part:
        text = part.read(_OFFICE_SMALL_PART + 1)
    try:
        root = ElementTree.fromstring(text)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise _Refused(_("The file's structure cannot be read; save it again and try again.")) from None
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("Default", "Override"):
            content_type = (element.get("ContentType") or "").lower()
            if "macroenabled" in content_type or "vbaproject" in content_type or "activex" in content_type:
                raise _Refused(_MACROS())
        elif tag == "Relationship":
            target_mode = (element.get("TargetMode") or "").strip().lower()
            kind = (element.get("Type") or "").strip().lower()
            if kind.endswith(("/vbaproject", "/activexcontrol", "/activexcontrolbinary")):
                raise _Refused(_MACROS())
            if target_mode == "external" and not kind.endswith("/hyperlink"):
                raise _Refused(_EXTERNAL_LINKS())


def _MACROS() -> str:  # noqa: N802
    return _("The file contains macros or ActiveX controls; save it without macros and try again.")


def _EXTERNAL_LINKS() -> str:  # noqa: N802
    return _("The file links to other files or web addresses that open by themselves; remove the links.")


def _check_docx(data: bytes) -> None:
    _check_office(data, DOCX)


def _check_xlsx(data: bytes) -> None:
    _check_office(data, XLSX)


# --- Word 97–2003 and Excel 97–2003 (OLE compound files) -------------------------------------------------------


def _ole_kind(data: bytes) -> str | None:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, struct_error, TypeError):
        return None
    return next((kind for kind, names in _OLE_MAIN.items() if any(name in streams for name in names)), None)


# Storages and streams of macros, embedded objects and encryption in OLE files (lower case, any depth).
_OLE_REFUSED = ("macros", "_vba_project", "vba", "objectpool", "ole10native", "encryptedpackage", "encryptioninfo")


def _check_ole(data: bytes, kind: str) -> None:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            entries = ["/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)]
    except (OSError, ValueError, IndexError, struct_error, TypeError):
        raise _Refused(_("The file is damaged or not really a %(type)s.") % {"type": _LABELS[kind]}) from None
    parts = {part.lstrip("\x01\x05") for entry in entries for part in entry.split("/")}
    if parts & {"encryptedpackage", "encryptioninfo"}:
        raise _Refused(_("The file is password-protected; save it without a password and try again."))
    if parts & {"macros", "_vba_project_cur", "_vba_project", "vba"}:
        raise _Refused(_MACROS())
    if parts & {"objectpool", "ole10native"} or any(part.startswith("mbd") for part in parts):
        raise _Refused(_("The file contains embedded objects or programs; save it without them and try again."))


def _check_doc(data: bytes) -> None:
    _check_ole(data, DOC)


def _check_xls(data: bytes) -> None:
    _check_ole(data, XLS)


_INSPECTORS = {
    PDF: _check_pdf,
    JPEG: _check_jpeg,
    PNG: _check_png,
    DOCX: _check_docx,
    XLSX: _check_xlsx,
    CSV: _check_csv,
    DOC: _check_doc,
    XLS: _check_xls,
}
