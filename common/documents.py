"""The two systems of Vietnamese administrative documents, as pure rules (no Django): State and Party.

- **State** documents follow Nghị định 30/2020/NĐ-CP: quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and tiêu ngữ
  "Độc lập - Tự do - Hạnh phúc" top right, the issuing body under its superior top left, "Số: 01/QĐ-UBND",
  authority prefixes "TM.", "KT.", "Q.", "TL.", "TUQ.".
- **Party** documents follow Quy định 66-QĐ/TW (2017) and Hướng dẫn 36-HD/VPTW (2018): "ĐẢNG CỘNG SẢN VIỆT NAM"
  top right (underlined), the issuing body under its superior top left with a "*" below it, "Số 01-QĐ/BTGTU"
  (a hyphen between number and kind, no colon), authority prefixes "T/M", "K/T", "T/L", "T/UQ".

Both write the place and date the same way ("Sóc Trăng, ngày 05 tháng 02 năm 2024") and zero-pad numbers below 10.
Every generated document (decisions, minutes, dossier forms, certificates) takes its header, number, place-date
and signature lines from here; the templates in ``templates/common/pdf/`` lay them out.

A register symbol is always stored the State way, ``<kind>-<issuer>`` ("QĐ-BTGTU"); the Party number is built
from the same symbol ("01-QĐ/BTGTU"), so an organisation can change style without renumbering its registers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

STATE = "state"
PARTY = "party"
STYLES = (STATE, PARTY)

REPUBLIC = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
DRAFT_MARK = "DỰ THẢO"

NUMBER_DIGITS = 2  # "01": both systems pad numbers below 10
BLANK_NUMBER = "\u2003\u2003"  # two em spaces: the gap left for the number on a draft

# Authority prefixes (thẩm quyền ký): code → how each system writes it.
PREFIXES = {
    "tm": {STATE: "TM.", PARTY: "T/M"},  # thay mặt (on behalf of a collective body)
    "kt": {STATE: "KT.", PARTY: "K/T"},  # ký thay (a deputy signing for the head)
    "q": {STATE: "Q.", PARTY: "Q."},  # quyền (acting head)
    "tl": {STATE: "TL.", PARTY: "T/L"},  # thừa lệnh
    "tuq": {STATE: "TUQ.", PARTY: "T/UQ"},  # thừa ủy quyền
}


def check_style(style: str) -> str:
    """``style`` itself when it is "state" or "party"; ValueError otherwise."""
    if style not in STYLES:
        raise ValueError(f"The document style must be one of {STYLES}, not {style!r}.")
    return style


def _check_symbol(symbol: object) -> str:
    if not isinstance(symbol, str):
        raise TypeError(f"The number symbol must be text, not {symbol!r}.")
    symbol = unicodedata.normalize("NFC", symbol)
    if not symbol:
        raise ValueError("The number symbol is empty (expected something like “QĐ-BTG”).")
    if "/" in symbol:
        raise ValueError(f"The number symbol “{symbol}” cannot contain “/” (it separates number and symbol).")
    if any(char.isspace() for char in symbol):
        raise ValueError(f"The number symbol “{symbol}” cannot contain spaces.")
    return symbol


def document_number(number: int, symbol: str, *, style: str = STATE, min_digits: int = NUMBER_DIGITS) -> str:
    """The document's number: ``01/QĐ-BTGTU`` (State) or ``01-QĐ/BTGTU`` (Party) from 1 and ``QĐ-BTGTU``.

    The symbol is ``<kind>-<issuer>``; a symbol without a hyphen is the kind alone (``01/QĐ``, ``01-QĐ``).
    Numbers are zero-padded to ``min_digits`` (never truncated).
    """
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"The document number must be a whole number, not {number!r}.")
    if number < 1:
        raise ValueError(f"The document number must be at least 1, not {number}.")
    if isinstance(min_digits, bool) or not isinstance(min_digits, int) or min_digits < 1:
        raise ValueError(f"min_digits must be a whole number of at least 1, not {min_digits!r}.")
    symbol = _check_symbol(symbol)
    padded = f"{number:0{min_digits}d}"
    if check_style(style) == STATE:
        return f"{padded}/{symbol}"
    kind, _, issuer = symbol.partition("-")
    return f"{padded}-{kind}/{issuer}" if issuer else f"{padded}-{kind}"


def draft_number(symbol: str, *, style: str = STATE) -> str:
    """The number of a document not issued yet: a gap where the number goes (``  /QĐ-BTGTU``, ``  -QĐ/BTGTU``)."""
    symbol = _check_symbol(symbol)
    if check_style(style) == STATE:
        return f"{BLANK_NUMBER}/{symbol}"
    kind, _, issuer = symbol.partition("-")
    return f"{BLANK_NUMBER}-{kind}/{issuer}" if issuer else f"{BLANK_NUMBER}-{kind}"


def number_line(number_text: str, *, style: str = STATE) -> str:
    """ "Số: 01/QĐ-BTGTU" (State) or "Số 01-QĐ/BTGTU" (Party: no colon)."""
    return f"Số: {number_text}" if check_style(style) == STATE else f"Số {number_text}"


def long_date(place: str, day: date | None) -> str:
    """ "Hà Nội, ngày 05 tháng 02 năm 2025": days below 10 and the months 1 and 2 are written with two digits.

    Without a date (a draft): "Hà Nội, ngày    tháng    năm …" with gaps for the signer to fill in.
    """
    if day is None:
        text = f"ngày {BLANK_NUMBER} tháng {BLANK_NUMBER} năm {BLANK_NUMBER}"
    else:
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def short_date(day: date) -> str:
    """ "15/05/2025"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def prefix_label(prefix: str, *, style: str = STATE) -> str:
    """How ``style`` writes the authority prefix ``prefix`` ("kt" → "KT." / "K/T"); "" for none."""
    if not prefix:
        return ""
    if prefix not in PREFIXES:
        raise ValueError(f"Unknown authority prefix {prefix!r}; expected one of {sorted(PREFIXES)}.")
    return PREFIXES[prefix][check_style(style)]


def _upper_lines(text: str) -> list[str]:
    return [line.strip().upper() for line in (text or "").splitlines() if line.strip()]


def signature_lines(*, title: str, prefix: str = "", on_behalf_of: str = "", style: str = STATE) -> list[str]:
    """The lines above the signature, upper-case: the authority prefix with whom it signs for, then the title.

    - in one's own right: ``["TRƯỞNG BAN"]``;
    - ``kt`` for "GIÁM ĐỐC", title "PHÓ GIÁM ĐỐC": ``["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`` (Party: "K/T …");
    - ``tm`` for "BAN THƯỜNG VỤ", title "BÍ THƯ": ``["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]`` (State: "TM. …");
    - ``q`` (acting head): ``["Q. GIÁM ĐỐC"]`` (the title is the office held).

    A title of several lines keeps them (decisions drafted before prefixes were data: "KT. TRƯỞNG BAN\\nPHÓ …").
    """
    label = prefix_label(prefix, style=style)
    titles = _upper_lines(title)
    if not label:
        return titles
    held = (on_behalf_of or "").strip().upper()
    if prefix == "q":
        return [f"{label} {held or (titles[0] if titles else '')}".strip(), *titles[1:]]
    first = f"{label} {held}".strip() if held else label
    return [first, *titles]


@dataclass(frozen=True)
class Header:
    """The top of an administrative document: who issues it (under its superior), its number, place and date."""

    style: str
    issuer: str  # "BAN TUYÊN GIÁO" (upper-case, bold)
    number_text: str  # "01-QĐ/BTGTU", or a draft number
    place: str
    day: date | None
    superior: str = ""  # "THÀNH ỦY SÓC TRĂNG" (the body above, may be empty)

    def __post_init__(self) -> None:
        check_style(self.style)

    @property
    def is_party(self) -> bool:
        return self.style == PARTY

    @property
    def number_line(self) -> str:
        return number_line(self.number_text, style=self.style)

    @property
    def place_date(self) -> str:
        return long_date(self.place, self.day)

    @property
    def national_title(self) -> str:
        """Top right: the quốc hiệu (State) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party)."""
        return PARTY_NAME if self.is_party else REPUBLIC

    @property
    def motto(self) -> str:
        """The tiêu ngữ under the quốc hiệu; Party documents have none."""
        return "" if self.is_party else MOTTO


def certificate_header(style: str) -> list[str]:
    """The top lines of a certificate: quốc hiệu and tiêu ngữ for State bodies; "ĐẢNG CỘNG SẢN VIỆT NAM" for Party
    bodies (the Party's own Bằng khen / Giấy khen carry the Party's name instead of the State's)."""
    return [PARTY_NAME] if check_style(style) == PARTY else [REPUBLIC, MOTTO]
