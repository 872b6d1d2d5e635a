"""The pure numbering formats: decision numbers, certificate serials, golden-book numbers."""

import ast
import unicodedata
from pathlib import Path

import pytest

from awards.decisions import numbering
from awards.decisions.numbering import format_decision_number, golden_book_number, next_serial, parse_decision_number


def test_module_imports_no_django():
    tree = ast.parse(Path(numbering.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") for name in imported)


# --- Decision numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (45, "QĐ-BTG", "45/QĐ-BTG"),
        (1, "QĐ-UBND", "1/QĐ-UBND"),
        (1234, "QĐ-TTg", "1234/QĐ-TTg"),
        (7, "QĐ", "7/QĐ"),
    ],
)
def test_format_decision_number(number, symbol, expected):
    assert format_decision_number(number, symbol) == expected


@pytest.mark.parametrize(
    ("number", "min_digits", "expected"),
    [(5, 2, "05/QĐ-BTG"), (45, 2, "45/QĐ-BTG"), (123, 2, "123/QĐ-BTG"), (5, 3, "005/QĐ-BTG")],
)
def test_format_decision_number_with_padding(number, min_digits, expected):
    assert format_decision_number(number, "QĐ-BTG", min_digits=min_digits) == expected


def test_format_normalises_the_symbol_to_nfc():
    decomposed = unicodedata.normalize("NFD", "QĐ-SỞ")

    assert format_decision_number(3, decomposed) == unicodedata.normalize("NFC", "3/QĐ-SỞ")


@pytest.mark.parametrize("number", [0, -1])
def test_format_refuses_numbers_below_one(number):
    with pytest.raises(ValueError, match="at least 1"):
        format_decision_number(number, "QĐ-BTG")


@pytest.mark.parametrize("number", [1.0, "45", True, None])
def test_format_refuses_non_integer_numbers(number):
    with pytest.raises(TypeError, match="whole number"):
        format_decision_number(number, "QĐ-BTG")


@pytest.mark.parametrize(
    ("symbol", "message"),
    [
        ("", "empty"),
        ("QĐ/BTG", "cannot contain “/”"),
        ("QĐ BTG", "cannot contain spaces"),
        (" QĐ-BTG", "cannot contain spaces"),
        ("QĐ-BTG\n", "cannot contain spaces"),
    ],
)
def test_format_refuses_bad_symbols(symbol, message):
    with pytest.raises(ValueError, match=message):
        format_decision_number(45, symbol)


def test_format_refuses_non_text_symbol():
    with pytest.raises(TypeError, match="symbol"):
        format_decision_number(45, None)


@pytest.mark.parametrize("min_digits", [0, -1, True, 1.5])
def test_format_refuses_bad_padding(min_digits):
    with pytest.raises(ValueError, match="min_digits"):
        format_decision_number(45, "QĐ-BTG", min_digits=min_digits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45/QĐ-BTG", (45, "QĐ-BTG")),
        ("  45/QĐ-BTG  ", (45, "QĐ-BTG")),
        ("05/QĐ-UBND", (5, "QĐ-UBND")),
        ("Số: 45/QĐ-BTG", (45, "QĐ-BTG")),
        ("Số 45/QĐ-BTG", (45, "QĐ-BTG")),
        ("số:45/QĐ-BTG", (45, "QĐ-BTG")),
        ("1234/QĐ-TTg", (1234, "QĐ-TTg")),
        (unicodedata.normalize("NFD", "Số: 12/QĐ-SỞ"), (12, unicodedata.normalize("NFC", "QĐ-SỞ"))),
        # Party numbers (Hướng dẫn 36-HD/VPTW): number, hyphen, kind, slash, issuer.
        ("383-KH/BTGTW", (383, "KH-BTGTW")),
        ("Số 01-QĐ/BTGTU", (1, "QĐ-BTGTU")),
        ("112-QĐ/TU", (112, "QĐ-TU")),
    ],
)
def test_parse_decision_number(text, expected):
    assert parse_decision_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "45",
        "QĐ-BTG",
        "/QĐ-BTG",
        "45/",
        "45 / QĐ-BTG",
        "45/QĐ BTG",
        "45/QĐ/BTG",
        "383-KH/",
        "383-/BTGTW",
        "-45/QĐ-BTG",
        "4.5/QĐ-BTG",
        "٤٥/QĐ-BTG",  # Arabic-Indic digits
        "Số: /QĐ-BTG",
    ],
)
def test_parse_refuses_bad_text(text):
    with pytest.raises(ValueError, match="decision number"):
        parse_decision_number(text)


def test_parse_refuses_number_zero():
    with pytest.raises(ValueError, match="at least 1"):
        parse_decision_number("0/QĐ-BTG")


def test_parse_refuses_non_text():
    with pytest.raises(TypeError):
        parse_decision_number(45)


@pytest.mark.parametrize(("number", "symbol"), [(1, "QĐ-BTG"), (45, "QĐ-UBND"), (99999, "QĐ-TTg")])
def test_format_and_parse_round_trip(number, symbol):
    assert parse_decision_number(format_decision_number(number, symbol)) == (number, symbol)
    assert parse_decision_number(format_decision_number(number, symbol, min_digits=3)) == (number, symbol)
    assert parse_decision_number(format_decision_number(number, symbol, style="party")) == (number, symbol)


def test_format_party_numbers_with_padding():
    assert format_decision_number(1, "QĐ-BTGTU", min_digits=2, style="party") == "01-QĐ/BTGTU"
    assert format_decision_number(1, "QĐ-BTGTU", min_digits=2) == "01/QĐ-BTGTU"


# --- Certificate serials and golden-book numbers ------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "year", "number", "expected"),
    [
        ("BTG", 2025, 123, "BTG-2025-000123"),
        ("BTG", 2025, 1, "BTG-2025-000001"),
        ("UBND1", 2026, 999999, "UBND1-2026-999999"),
        ("BTG", 2025, 1234567, "BTG-2025-1234567"),  # never truncated
    ],
)
def test_next_serial(prefix, year, number, expected):
    assert next_serial(prefix, year, number) == expected


@pytest.mark.parametrize(
    ("prefix", "year", "number", "expected"),
    [
        ("SV", 2025, 45, "SV-2025-0045"),
        ("SV", 2025, 1, "SV-2025-0001"),
        ("SV", 2025, 9999, "SV-2025-9999"),
        ("SV", 2025, 10000, "SV-2025-10000"),
    ],
)
def test_golden_book_number(prefix, year, number, expected):
    assert golden_book_number(prefix, year, number) == expected


@pytest.mark.parametrize("function", [next_serial, golden_book_number])
@pytest.mark.parametrize("prefix", ["", "btg", "B-TG", "BTG ", "SỞ", "B/T", None])
def test_serial_prefix_is_upper_case_ascii(function, prefix):
    with pytest.raises(ValueError, match="prefix"):
        function(prefix, 2025, 1)


@pytest.mark.parametrize("function", [next_serial, golden_book_number])
@pytest.mark.parametrize("year", [999, 10000, -2025, True, "2025", 2025.0])
def test_serial_year_has_four_digits(function, year):
    with pytest.raises(ValueError, match="year"):
        function("BTG", year, 1)


@pytest.mark.parametrize("function", [next_serial, golden_book_number])
@pytest.mark.parametrize(("number", "error"), [(0, ValueError), (-1, ValueError), (1.0, TypeError), (True, TypeError)])
def test_serial_number_is_a_positive_whole_number(function, number, error):
    with pytest.raises(error, match="number"):
        function("BTG", 2025, number)


def test_serials_sort_in_number_order_within_the_width():
    serials = [next_serial("BTG", 2025, number) for number in (1, 2, 10, 100, 999999)]

    assert serials == sorted(serials)
