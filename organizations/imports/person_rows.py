"""People import: validate every row (values, unit codes, reach), then upsert by staff code."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import services
from organizations.enums import Gender
from organizations.imports.common import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ApplyError,
    Authority,
    RowErrors,
    by_code,
    choice_find,
    choice_lookup,
    clean_code,
    clean_text,
    count,
    unique,
    unknown_unit,
)
from organizations.imports.reading import Column, Row, Table
from organizations.models import Organization, Person

COLUMNS = (
    Column("code", "Mã cán bộ", ("code", "staff code", "person code"), required=True),
    Column("full_name", "Họ và tên", ("Họ tên", "full name", "name"), required=True),
    Column("gender", "Giới tính", ("gender", "sex"), required=True),
    Column("date_of_birth", "Ngày sinh", ("date of birth", "birth date")),
    Column("position", "Chức vụ", ("position",)),
    Column("organization_code", "Mã đơn vị", ("organisation code", "organization code", "unit code"), required=True),
    Column("email", "Email", ("e-mail", "thư điện tử")),
    Column("phone", "Điện thoại", ("số điện thoại", "phone", "telephone")),
)
EXAMPLE = (
    "CB0001",
    "Nguyễn Thị Hoa",
    "Nữ",
    "15/03/1985",
    "Chuyên viên",
    "PTCHC",
    "hoa.nt@example.gov.vn",
    "0912345678",
)
TEXT_FIELDS = ("position", "phone")
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


def _max_length(field: str) -> int:
    return Person._meta.get_field(field).max_length


@dataclass(frozen=True)
class PersonRow:
    line: int
    code: str
    organization_code: str
    fields: dict[str, object]  # only the columns the file has


@dataclass(frozen=True)
class Plan:
    rows: list[PersonRow]
    organizations: dict[str, Organization]
    people: dict[str, Person]


def validate(*, table: Table, authority: Authority) -> tuple[Plan, RowErrors]:
    """Check every row (values, duplicates, unit codes, reach); nothing is written."""
    errors = RowErrors()
    genders = choice_lookup(Gender.choices)
    rows = unique([_clean(row, table, genders, errors) for row in table.rows], errors)
    organizations = by_code(Organization.objects.all(), {row.organization_code for row in rows})
    people = by_code(Person.objects.select_related("organization"), {row.code for row in rows})
    plan = Plan(rows=rows, organizations=organizations, people=people)
    for row in rows:
        _check_organization(row, plan, authority, errors)
    return plan, errors


def _clean(row: Row, table: Table, genders: dict[str, str], errors: RowErrors) -> PersonRow:
    code = clean_code(row, table, "code", errors, max_length=_max_length("code"))
    fields: dict[str, object] = {
        "full_name": clean_text(row, table, "full_name", errors, max_length=_max_length("full_name"), required=True),
        "gender": _clean_gender(row, table, genders, errors),
    }
    for name in TEXT_FIELDS:
        if table.has(name):
            fields[name] = clean_text(row, table, name, errors, max_length=_max_length(name))
    if table.has("date_of_birth"):
        fields["date_of_birth"] = _clean_date(row, errors)
    if table.has("email"):
        fields["email"] = _clean_email(row, table, errors)
    organization_code = clean_code(row, table, "organization_code", errors, max_length=50)
    return PersonRow(line=row.line, code=code, organization_code=organization_code, fields=fields)


def _clean_gender(row: Row, table: Table, genders: dict[str, str], errors: RowErrors) -> str | None:
    text = clean_text(row, table, "gender", errors, max_length=50, required=True)
    gender = choice_find(genders, text) if text else None
    if text and gender is None:
        errors.add(row.line, _("Unknown gender “%(value)s”; use Male, Female or Other.") % {"value": text})
    return gender


def _parse_date(text: str) -> datetime.date | None:
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


def _clean_date(row: Row, errors: RowErrors) -> datetime.date | None:
    """A dd/mm/yyyy text or an Excel date cell; empty means unknown."""
    value = row.values.get("date_of_birth", "")
    if value == "":
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    parsed = _parse_date(value) if isinstance(value, str) else value
    if parsed is None or not EARLIEST_BIRTH <= parsed <= timezone.localdate():
        shown = value if isinstance(value, str) else value.strftime("%d/%m/%Y")
        errors.add(row.line, _("“%(value)s” is not a valid date of birth; use dd/mm/yyyy.") % {"value": shown})
        return None
    return parsed


def _clean_email(row: Row, table: Table, errors: RowErrors) -> str:
    text = clean_text(row, table, "email", errors, max_length=_max_length("email"))
    if text:
        try:
            validate_email(text)
        except ValidationError:
            errors.add(row.line, _("“%(value)s” is not a valid e-mail address.") % {"value": text})
    return text


def _check_organization(row: PersonRow, plan: Plan, authority: Authority, errors: RowErrors) -> None:
    """The unit must exist, be active and be in the importer's reach; so must the person's current unit. A unit
    outside the reach is answered like an unknown one, and a person outside it without naming their unit."""
    organization = plan.organizations.get(row.organization_code)
    person = plan.people.get(row.code)
    if organization is not None and not authority.covers(organization.path):
        organization = None
    if row.organization_code and organization is None:
        errors.add(row.line, unknown_unit(row.organization_code))
    elif organization is not None and not organization.is_active and not _stays(person, organization):
        errors.add(row.line, _("Unit %(code)s is no longer active.") % {"code": organization.code})
    if person is not None and not authority.covers(person.organization.path):
        errors.add(
            row.line, _("The staff code %(code)s is already used outside your organisations.") % {"code": row.code}
        )


def _stays(person: Person | None, organization: Organization) -> bool:
    return person is not None and person.organization_id == organization.pk


def apply(*, plan: Plan, changed_by, note: str) -> dict[str, int]:
    """Create or update every row through ``person_save``; rows equal to the database are left alone."""
    results = []
    for row in plan.rows:
        try:
            results.append(_apply_row(row, plan))
        except ValidationError as error:
            raise ApplyError(row.line, error.messages) from error
    return count(results)


def _apply_row(row: PersonRow, plan: Plan) -> str:
    fields = {**row.fields, "organization": plan.organizations[row.organization_code]}
    person = plan.people.get(row.code)
    if person is None:
        services.person_save(code=row.code, **fields)
        return CREATED
    changes = {name: value for name, value in fields.items() if getattr(person, name) != value}
    if not changes:
        return UNCHANGED
    services.person_save(person=person, **changes)
    return UPDATED
