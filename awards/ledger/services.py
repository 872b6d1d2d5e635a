"""Writes to the award ledger by hand: add, correct and delete records entered or imported for past years.

Records written by an issued decision (source "decision") are never changed here.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import RecordSource
from awards.models import AwardRecord, AwardType
from organizations.imports.reading import normalize

MIN_YEAR = 1945
EDITABLE_FIELDS = (
    "award_type",
    "award_code",
    "award_name",
    "year",
    "decision_number",
    "decision_date",
    "issuer",
    "achievement",
)


def name_code(name: str) -> str:
    """A ledger key for an award that is not in the catalogue: never equal to a catalogue code (those have no "*")."""
    return ("*" + "_".join(normalize(name).upper().split()))[:40]


def resolve_award(*, award_type: AwardType | None, award_name: str) -> tuple[AwardType | None, str, str]:
    """(award_type, award_code, award_name): a catalogue row gives its code and name; a bare name gets ``name_code``."""
    award_name = (award_name or "").strip()
    if award_type is not None:
        return award_type, award_type.code, award_name or award_type.name
    if not award_name:
        raise ValidationError({"award_type": _("Choose an award from the catalogue or give its name.")})
    return None, name_code(award_name), award_name


def check_year(year: int) -> None:
    latest = timezone.localdate().year + 1
    if not MIN_YEAR <= year <= latest:
        message = _("The year must be between %(first)s and %(last)s.")
        raise ValidationError({"year": message % {"first": MIN_YEAR, "last": latest}})


def _check_unique(*, person, organization, award_code: str, year: int, decision_number: str, exclude_pk=None) -> None:
    recipient = {"person": person} if person is not None else {"organization": organization}
    qs = AwardRecord.objects.filter(**recipient, award_code=award_code, year=year, decision_number=decision_number)
    if qs.exclude(pk=exclude_pk).exists():
        raise ValidationError(_("This award is already recorded for this recipient, year and decision number."))


def _save(record: AwardRecord, *, update_fields=None) -> AwardRecord:
    try:
        with transaction.atomic():
            record.save(update_fields=update_fields)
    except IntegrityError as error:  # a concurrent write of the same record
        raise ValidationError(
            _("This award is already recorded for this recipient, year and decision number.")
        ) from error
    return record


def award_record_create(
    *,
    person=None,
    organization=None,
    award_type: AwardType | None = None,
    award_name: str = "",
    year: int,
    decision_number: str = "",
    decision_date: date | None = None,
    issuer: str = "",
    achievement: str = "",
    created_by=None,
) -> AwardRecord:
    """Add a record entered by hand for a person or an organisation (exactly one)."""
    if (person is None) == (organization is None):
        raise ValidationError(_("Give either a person or an organisation."))
    award_type, award_code, award_name = resolve_award(award_type=award_type, award_name=award_name)
    check_year(year)
    decision_number = decision_number.strip()
    with transaction.atomic():
        _check_unique(
            person=person, organization=organization, award_code=award_code, year=year, decision_number=decision_number
        )
        record = AwardRecord(
            person=person,
            organization=organization,
            award_type=award_type,
            award_code=award_code,
            award_name=award_name,
            year=year,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=issuer.strip(),
            achievement=achievement.strip(),
            source=RecordSource.MANUAL,
            created_by=created_by,
        )
        return _save(record)


def _editable(record: AwardRecord) -> AwardRecord:
    row = AwardRecord.objects.select_for_update().get(pk=record.pk)
    if row.source == RecordSource.DECISION:
        raise ValidationError(_("Records from a decision issued here cannot be changed; issue a correction instead."))
    return row


def award_record_update(
    *,
    record: AwardRecord,
    award_type: AwardType | None = None,
    award_name: str = "",
    year: int,
    decision_number: str = "",
    decision_date: date | None = None,
    issuer: str = "",
    achievement: str = "",
) -> AwardRecord:
    """Correct a manual or imported record (the recipient stays)."""
    award_type, award_code, award_name = resolve_award(award_type=award_type, award_name=award_name)
    check_year(year)
    with transaction.atomic():
        row = _editable(record)
        values = {
            "award_type": award_type,
            "award_code": award_code,
            "award_name": award_name,
            "year": year,
            "decision_number": decision_number.strip(),
            "decision_date": decision_date,
            "issuer": issuer.strip(),
            "achievement": achievement.strip(),
        }
        _check_unique(
            person=row.person,
            organization=row.organization,
            award_code=award_code,
            year=year,
            decision_number=values["decision_number"],
            exclude_pk=row.pk,
        )
        for key, value in values.items():
            setattr(row, key, value)
        return _save(row, update_fields=[*EDITABLE_FIELDS, "updated_at"])


def award_record_delete(*, record: AwardRecord) -> None:
    """Delete a manual or imported record."""
    with transaction.atomic():
        row = _editable(record)
        row.delete()
