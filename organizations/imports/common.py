"""Pieces shared by the organisation and people imports: errors, authority, field cleaning."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.db.models.functions import Upper
from django.utils import translation
from django.utils.translation import gettext as _

from organizations.enums import Role
from organizations.imports.reading import Row, Table, normalize
from organizations.reach import Reach, reach_for

# Beyond this many, a list of errors stops helping; the count of the rest is still reported.
MAX_ERRORS = 500

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class ApplyError(Exception):
    """A row that passed validation was refused by a service; the whole import is rolled back."""

    def __init__(self, line: int, messages: list[str]):
        super().__init__(line, messages)
        self.line = line
        self.messages = messages


class RowErrors:
    """Errors collected over the whole file, as ``{"line": n, "message": text}``."""

    def __init__(self):
        self._items: list[dict] = []

    def __bool__(self) -> bool:
        return bool(self._items)

    def add(self, line: int | None, message: str) -> None:
        self._items.append({"line": line, "message": str(message)})

    def as_list(self) -> list[dict]:
        items = sorted(self._items, key=lambda item: item["line"] or 0)
        if len(items) <= MAX_ERRORS:
            return items
        rest = len(items) - MAX_ERRORS
        return [*items[:MAX_ERRORS], {"line": None, "message": _("… and %(count)s more errors.") % {"count": rest}}]


@dataclass(frozen=True)
class Authority:
    """Who may change what: ``reach`` None means unrestricted (a superuser or the command line)."""

    reach: Reach | None = None

    @property
    def is_unrestricted(self) -> bool:
        return self.reach is None

    def covers(self, path: str) -> bool:
        return self.reach is None or self.reach.covers(path, Role.OFFICER, Role.ADMIN)


def authority_for(user) -> Authority:
    if user is None:
        return Authority()
    reach = reach_for(user)
    return Authority() if reach.is_superuser else Authority(reach=reach)


def no_authority(code: str) -> str:
    return _("You have no authority over unit %(code)s.") % {"code": code}


def unknown_unit(code: str) -> str:
    """The same answer for a unit code that does not exist and one outside the importer's reach (never which)."""
    return _("No unit within your organisations has the code %(code)s.") % {"code": code}


def unique(rows: list, errors: RowErrors) -> list:
    """Rows with a code, the first of each code only; later duplicates are reported."""
    first: dict[str, object] = {}
    for row in rows:
        if row.code in first:
            message = _("Code %(code)s already appears on line %(line)s.")
            errors.add(row.line, message % {"code": row.code, "line": first[row.code].line})
        elif row.code:
            first[row.code] = row
    return list(first.values())


def by_code(queryset: QuerySet, codes: Iterable[str]) -> dict[str, Model]:
    """Rows whose code matches one of ``codes`` (upper-case keys), ignoring the case stored in the database."""
    keys = sorted({code.upper() for code in codes if code})
    if not keys:
        return {}
    return {obj.code.upper(): obj for obj in queryset.annotate(code_key=Upper("code")).filter(code_key__in=keys)}


def clean_text(row: Row, table: Table, field: str, errors: RowErrors, *, max_length: int, required=False) -> str:
    """The cell as text; reports a missing required value or one longer than ``max_length``."""
    value = row.values.get(field, "")
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if required and not text:
        errors.add(row.line, _("“%(column)s” is required.") % {"column": table.label(field)})
    elif len(text) > max_length:
        errors.add(
            row.line,
            _("“%(column)s” is too long: %(length)s characters, at most %(max)s.")
            % {"column": table.label(field), "length": len(text), "max": max_length},
        )
    return text


def clean_code(row: Row, table: Table, field: str, errors: RowErrors, *, max_length: int, required=True) -> str:
    """Codes are compared in upper case, as the forms store them."""
    return clean_text(row, table, field, errors, max_length=max_length, required=required).upper()


def choice_lookup(choices) -> dict[str, str]:
    """Normalised value, Vietnamese and English label (and their comma-separated parts) -> choice value.

    "Phường, xã" finds "Xã, phường"; a single part ("Phường") is accepted when only one choice has it.
    """
    lookup: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for value, label in choices:
        for name in {value, *_labels(label)}:
            lookup[normalize(name)] = value
            lookup[_parts_key(name)] = value
            for part in _parts(name):
                parts.setdefault(part, set()).add(value)
    for part, values in parts.items():
        if len(values) == 1:
            lookup.setdefault(part, next(iter(values)))
    return lookup


def choice_find(lookup: dict[str, str], text: str) -> str | None:
    return lookup.get(normalize(text)) or lookup.get(_parts_key(text))


def count(results: Iterable[str]) -> dict[str, int]:
    counter = Counter(results)
    return {name: counter[name] for name in (CREATED, UPDATED, UNCHANGED)}


def _labels(label) -> set[str]:
    names = set()
    for language in ("vi", "en"):
        with translation.override(language):
            names.add(str(label))
    return names


def _parts(name: str) -> list[str]:
    text = normalize(name).replace(" or ", ",").replace(" hoac ", ",").replace("/", ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def _parts_key(name: str) -> str:
    return "|".join(sorted(_parts(name)))
