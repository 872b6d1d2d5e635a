"""Import of past years' award history from .xlsx / .csv: every row checked first, then all rows or none.

Synchronous, for files up to ``MAX_ROWS`` rows (a clear message above): one query per kind of lookup, then one
bulk insert and one bulk update. Rows are keyed like the ledger's unique constraints (recipient, award code, year,
decision number), so importing the same file again adds nothing. Only recipients within the uploader's officer
or administrator reach are accepted.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from awards.enums import RecordSource
from awards.ledger.services import MIN_YEAR, name_code
from awards.models import AwardRecord, AwardType
from common.search import search_text_fill
from common.spreadsheets import cells_as_text
from organizations.enums import Role
from organizations.imports.reading import Column, ImportFileError, Row, Table, normalize, read_table
from organizations.models import Organization, Person
from organizations.reach import reach_for

MAX_ROWS = 2000
COLUMNS = (
    Column("person_code", "Mã cán bộ", ("person code", "staff code")),
    Column("organization_code", "Mã đơn vị", ("organisation code", "organization code")),
    Column("award_code", "Mã khen thưởng", ("award code",)),
    Column("award_name", "Danh hiệu, hình thức khen thưởng", ("award", "award name")),
    Column("year", "Năm", ("year",), required=True),
    Column("decision_number", "Số quyết định", ("decision number",)),
    Column("decision_date", "Ngày quyết định", ("decision date",)),
    Column("issuer", "Cơ quan ban hành", ("issuer", "issued by")),
    Column("achievement", "Thành tích", ("achievement",)),
)
EXAMPLE = ("CB00001", "", "LDTT", "Lao động tiên tiến", "2023", "12/QĐ-BTG", "15/12/2023", "Ban Tuyên giáo", "")
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
COMPARED = ("award_type_id", "award_name", "decision_date", "issuer", "achievement")


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # "Line N: …", in line order; nothing was written when set


@dataclass
class _Line:
    line: int
    person: Person | None
    organization: Organization | None
    values: dict

    @property
    def key(self) -> tuple:
        recipient = ("person", self.person.pk) if self.person else ("organization", self.organization.pk)
        return (*recipient, self.values["award_code"], self.values["year"], self.values["decision_number"])


class _Lookups:
    """Everything the rows name, fetched once: people, organisations, catalogue rows."""

    def __init__(self, table: Table):
        def codes(name):
            return sorted({str(row.values.get(name, "")).strip().upper() for row in table.rows} - {""})

        self.people = {
            p.code.upper(): p
            for p in Person.objects.annotate(key=Upper("code"))
            .filter(key__in=codes("person_code"))
            .select_related("organization")
        }
        self.organizations = {
            o.code.upper(): o
            for o in Organization.objects.annotate(key=Upper("code")).filter(key__in=codes("organization_code"))
        }
        self.catalogue: dict[str, list[AwardType]] = {}
        self.by_name: dict[str, str] = {}
        for award in AwardType.objects.order_by("valid_from"):
            self.catalogue.setdefault(award.code.upper(), []).append(award)
            self.by_name[normalize(award.name)] = award.code.upper()

    def award(self, code: str, year: int) -> tuple[AwardType | None, str]:
        """The version valid at the end of ``year`` (else none) and the newest name of the code."""
        versions = self.catalogue[code]
        end = datetime.date(year, 12, 31)
        valid = next((v for v in reversed(versions) if v.is_valid_on(end)), None)
        return valid, versions[-1].name


def _text(row: Row, name: str) -> str:
    value = row.values.get(name, "")
    return value.isoformat() if isinstance(value, datetime.date) else str(value).strip()


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


class _Checker:
    def __init__(self, *, table: Table, user):
        self.table = table
        self.lookups = _Lookups(table)
        self.reach = reach_for(user)
        self.errors: list[tuple[int, str]] = []

    def error(self, line: int, message: str) -> None:
        self.errors.append((line, message))

    def covers(self, organization: Organization) -> bool:
        return self.reach.is_superuser or self.reach.covers(organization.path, Role.OFFICER, Role.ADMIN)

    def recipient(self, row: Row):
        person_code, org_code = _text(row, "person_code").upper(), _text(row, "organization_code").upper()
        if bool(person_code) == bool(org_code):
            self.error(row.line, _("Give either a staff code or an organisation code, not both."))
            return None, None
        if person_code:
            # Unknown and out of reach get the same answer: never a name, never whether the code exists.
            person = self.lookups.people.get(person_code)
            if person is None or not self.covers(person.organization):
                message = _("No person within your organisations has the staff code %(code)s.")
                self.error(row.line, message % {"code": person_code})
                return None, None
            return person, None
        organization = self.lookups.organizations.get(org_code)
        if organization is None or not self.covers(organization):
            message = _("No organisation within your organisations has the code %(code)s.")
            self.error(row.line, message % {"code": org_code})
            return None, None
        return None, organization

    def year(self, row: Row) -> int | None:
        text = _text(row, "year")
        last = timezone.localdate().year + 1
        if not text.isdigit() or not MIN_YEAR <= int(text) <= last:
            message = _("The year “%(value)s” is not a year between %(first)s and %(last)s.")
            self.error(row.line, message % {"value": text, "first": MIN_YEAR, "last": last})
            return None
        return int(text)

    def award(self, row: Row, year: int | None) -> dict | None:
        code, name = _text(row, "award_code").upper(), _text(row, "award_name")
        if not code and not name:
            self.error(row.line, _("Give the award's code or its name."))
            return None
        code = code or self.lookups.by_name.get(normalize(name), "")
        if code in self.lookups.catalogue:
            award_type, catalogue_name = self.lookups.award(code, year) if year else (None, "")
            return {"award_type": award_type, "award_code": code, "award_name": name or catalogue_name}
        if not name:
            self.error(
                row.line,
                _("The award code %(code)s is not in the catalogue; give the award's name too.") % {"code": code},
            )
            return None
        return {"award_type": None, "award_code": code or name_code(name), "award_name": name}

    def details(self, row: Row) -> dict | None:
        values = {name: _text(row, name) for name in ("decision_number", "issuer", "achievement")}
        ok = True
        for name, limit in (("decision_number", 50), ("issuer", 255), ("award_name", 200), ("award_code", 40)):
            if len(_text(row, name)) > limit:
                message = _("“%(column)s” is too long: %(length)s characters, at most %(max)s.")
                self.error(
                    row.line,
                    message % {"column": self.table.label(name), "length": len(_text(row, name)), "max": limit},
                )
                ok = False
        raw = row.values.get("decision_date", "")
        values["decision_date"] = None
        if raw != "":
            try:
                values["decision_date"] = _parse_date(raw)
            except ValueError:
                self.error(row.line, _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": raw})
                ok = False
        return values if ok else None

    def line(self, row: Row) -> _Line | None:
        person, organization = self.recipient(row)
        year = self.year(row)
        award = self.award(row, year)
        details = self.details(row)
        if (person or organization) and year and award and details is not None:
            return _Line(row.line, person, organization, {"year": year, **award, **details})
        return None


def _check_file(table: Table) -> None:
    if not (table.has("person_code") or table.has("organization_code")):
        raise ImportFileError(_("The file needs a “Mã cán bộ” or a “Mã đơn vị” column."))
    if not (table.has("award_code") or table.has("award_name")):
        raise ImportFileError(_("The file needs a “Mã khen thưởng” or a “Danh hiệu, hình thức khen thưởng” column."))
    if len(table.rows) > MAX_ROWS:
        message = _(
            "The file has %(count)s rows; at most %(max)s rows can be imported at once. Split it into smaller files."
        )
        raise ImportFileError(message % {"count": len(table.rows), "max": MAX_ROWS})


def _existing(lines: list[_Line]) -> dict[tuple, AwardRecord]:
    person_ids = {line.person.pk for line in lines if line.person}
    organization_ids = {line.organization.pk for line in lines if line.organization}
    records = AwardRecord.objects.filter(Q(person_id__in=person_ids) | Q(organization_id__in=organization_ids))
    existing = {}
    for record in records:
        recipient = ("person", record.person_id) if record.person_id else ("organization", record.organization_id)
        existing[(*recipient, record.award_code, record.year, record.decision_number)] = record
    return existing


def _validate(table: Table, user) -> tuple[list[_Line], dict, list[tuple[int, str]]]:
    checker = _Checker(table=table, user=user)
    lines, first = [], {}
    for row in table.rows:
        line = checker.line(row)
        if line is None:
            continue
        if line.key in first:
            checker.error(line.line, _("The same award is already on line %(line)s.") % {"line": first[line.key]})
            continue
        first[line.key] = line.line
        lines.append(line)
    existing = _existing(lines)
    for line in lines:
        record = existing.get(line.key)
        if record is not None and record.source == RecordSource.DECISION:
            checker.error(line.line, _("This award was recorded by a decision issued here; it cannot be overwritten."))
    return lines, existing, checker.errors


def _apply(lines: list[_Line], existing: dict, user, result: ImportResult) -> None:
    new, changed = [], []
    for line in lines:
        record = existing.get(line.key)
        if record is None:
            new.append(
                AwardRecord(
                    person=line.person,
                    organization=line.organization,
                    source=RecordSource.IMPORT,
                    created_by=user,
                    **line.values,
                )
            )
            continue
        before = {name: getattr(record, name) for name in COMPARED}
        for name, value in line.values.items():
            setattr(record, name, value)
        if {name: getattr(record, name) for name in COMPARED} == before:
            result.unchanged += 1
        else:
            changed.append(record)
    search_text_fill([*new, *changed])  # bulk writes skip save(), which keeps the search text
    AwardRecord.objects.bulk_create(new, batch_size=500)
    AwardRecord.objects.bulk_update(changed, [*COMPARED[1:], "award_type", "updated_at", "search_text"], batch_size=500)
    result.created, result.updated = len(new), len(changed)


def award_record_import(*, content: bytes, file_name: str, user) -> ImportResult:
    """Check every row, then write all of them (insert or update by the ledger's key) or none.

    Raises ``ValidationError`` for a problem with the file as a whole; row problems come back in ``errors``
    as "Line N: …" and nothing is written.
    """
    try:
        table = read_table(content=content, file_name=file_name, columns=COLUMNS)
        _check_file(table)
    except ImportFileError as error:
        raise ValidationError(error.messages) from error
    result = ImportResult(rows=len(table.rows))
    lines, existing, errors = _validate(table, user)
    if errors:
        result.errors = [
            _("Line %(line)s: %(message)s") % {"line": n, "message": m} for n, m in sorted(errors, key=lambda e: e[0])
        ]
        return result
    for record in existing.values():
        record.updated_at = timezone.now()  # bulk_update does not touch auto_now fields
    try:
        with transaction.atomic():
            _apply(lines, existing, user, result)
    except IntegrityError as error:  # another import or a hand entry wrote the same record meanwhile
        raise ValidationError(
            _("The award history changed while importing; nothing was saved. Please try again.")
        ) from error
    return result


def import_template_build() -> bytes:
    """An .xlsx with the header row and one example row."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "khen-thuong"
    sheet.append([column.header for column in COLUMNS])
    sheet.append(list(EXAMPLE))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
    for cell in sheet[2]:
        cell.number_format = "@"
    buffer = io.BytesIO()
    cells_as_text(workbook).save(buffer)  # typed text never becomes a formula
    return buffer.getvalue()
