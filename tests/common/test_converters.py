"""Bounded ids: the ``<id:…>`` converter, ``bounded_id`` / ``query_id``, the malformed-input middleware and the
bounded JSON field (size, depth, finite numbers)."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse

from common.converters import MAX_ID, IdConverter, bounded_id, query_id
from common.forms import BoundedJSONField, json_depth_exceeds


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (str(MAX_ID), None),  # 19 digits: longer than an id column's range is checked by the digit count
        ("999999999999999999", 999999999999999999),
        ("0", None),
        ("-1", None),
        ("99999999999999999999999", None),
        ("abc", None),
        ("1\x00", None),
        ("١٢", None),  # Arabic-Indic digits pass str.isdigit() but are no id
        ("", None),
        (None, None),
        (7, 7),
        (2**64, None),
        (True, None),
    ],
)
def test_bounded_id(value, expected):
    assert bounded_id(value) == expected


def test_query_id_reads_one_parameter():
    assert query_id(QueryDict("bloc=12&plan=x"), "bloc") == 12
    assert query_id(QueryDict("bloc=12&plan=x"), "plan") is None


def test_the_converter_matches_at_most_18_digits():
    converter = IdConverter()
    assert converter.to_python("123") == 123 and converter.to_url(5) == "5"
    with pytest.raises(ValueError):
        converter.to_python(str(2**63))


@pytest.mark.django_db
def test_huge_path_ids_and_query_values_are_404_and_400(client, officer):
    client.force_login(officer)
    assert client.get("/org/99999999999999999999/").status_code == 404
    assert client.get("/scoring/campaigns/99999999999999999999/rankings/").status_code == 404  # an <int:…> route
    people = reverse("organizations:person-list")
    assert client.get(people, {"organization": "99999999999999999999999"}).status_code == 400
    assert client.get(people, {"q": "Nguyễn\x00"}).status_code == 400
    create = reverse("organizations:person-create")
    form = "application/x-www-form-urlencoded"
    assert client.post(create, "full_name=A%00", content_type=form).status_code == 400
    assert client.post(create, {"full_name": "A\x00"}).status_code == 200  # multipart: the form refuses it
    assert client.get(people, {"organization": "-1", "q": "12345678901"}).status_code == 200


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[" * 50 + "]" * 50, "too_deep"),
        ('{"a": {"b": {"c": {"d": {"e": 1}}}}}', "too_deep"),
        ('{"x": NaN}', "not_finite"),
        ('{"x": Infinity}', "not_finite"),
        ('{"x": -Infinity}', "not_finite"),
        ('{"k": "' + "a" * 30_000 + '"}', "too_long"),
        ("{not json", "invalid"),
    ],
)
def test_bounded_json_refuses_with_a_clear_message(text, code):
    with pytest.raises(ValidationError) as error:
        BoundedJSONField().clean(text)
    assert error.value.code == code


def test_bounded_json_accepts_ordinary_json_and_ignores_brackets_in_strings():
    assert BoundedJSONField().clean('{"a": {"b": "[[[[[[{{{{"}}') == {"a": {"b": "[[[[[[{{{{"}}
    assert not json_depth_exceeds('"\\"[[[[["', 1)
