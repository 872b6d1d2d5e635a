"""Writes to the award catalogue: create, edit, new dated version, prerequisites, delete-or-deactivate.

Rows are versioned by date: a rule change closes the current row (``valid_to`` = the day before) and adds a copy
valid from the new date, so that decisions and the ledger keep pointing at the rule they were made under.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils.translation import gettext as _

from awards.models import AwardPrerequisite, AwardType

# Fields a form may set on any version (code and owner are fixed once a row exists).
RULE_FIELDS = (
    "name",
    "certificate_title",
    "category",
    "recipient_kind",
    "level",
    "decided_by",
    "legal_basis",
    "valid_from",
    "valid_to",
    "minimum_points",
    "excludes_disciplinary_review",
    "requires_disclosure",
    "disclosure_days",
    "secret_ballot",
    "threshold_percent",
    "threshold_base",
    "threshold_inclusive",
    "threshold_basis",
    "minimum_rating",
    "conditions_basis",
    "quorum_numerator",
    "quorum_denominator",
)
DELETED, DEACTIVATED = "deleted", "deactivated"


def _validate_rule(values: dict) -> None:
    """Dates in order, threshold in (0, 100], quorum a fraction of at most 1; raises a field-keyed ValidationError."""
    errors: dict[str, str] = {}
    valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = _("The end of validity cannot be before its start.")
    threshold = values.get("threshold_percent")
    if threshold is not None and not Decimal(0) < threshold <= Decimal(100):
        errors["threshold_percent"] = _("The approval threshold must be more than 0% and at most 100%.")
    numerator, denominator = values.get("quorum_numerator"), values.get("quorum_denominator")
    if denominator is not None and denominator <= 0:
        errors["quorum_denominator"] = _("The quorum denominator must be at least 1.")
    elif numerator is not None and denominator is not None and numerator > denominator:
        errors["quorum_numerator"] = _("The quorum cannot be more than all members (a fraction of at most 1).")
    if values.get("minimum_points") is not None and values["minimum_points"] < 0:
        errors["minimum_points"] = _("The minimum points cannot be negative.")
    if values.get("requires_disclosure") and not values.get("disclosure_days"):
        errors["disclosure_days"] = _("Give the number of days of public disclosure.")
    if errors:
        raise ValidationError(errors)


def _check_no_overlap(*, code: str, valid_from: date, valid_to: date | None, exclude_pk: int | None = None) -> None:
    """Two versions of one code never cover the same day."""
    others = AwardType.objects.filter(code=code).exclude(pk=exclude_pk)
    overlapping = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        overlapping = overlapping.filter(valid_from__lte=valid_to)
    if overlapping.exists():
        raise ValidationError(
            {"valid_from": _("Another version of %(code)s is valid during these dates.") % {"code": code}}
        )


def award_type_create(*, code: str, owner=None, **fields) -> AwardType:
    """Add a catalogue row with a new code (a code already used by any version is refused)."""
    code = code.strip().upper()
    values = {key: fields[key] for key in RULE_FIELDS if key in fields}
    _validate_rule(values)
    with transaction.atomic():
        if AwardType.objects.filter(code=code).exists():
            raise ValidationError({"code": _("The code %(code)s is already in the catalogue.") % {"code": code}})
        try:
            with transaction.atomic():
                return AwardType.objects.create(code=code, owner=owner, **values)
        except IntegrityError as error:  # a concurrent create of the same code
            raise ValidationError(
                {"code": _("The code %(code)s is already in the catalogue.") % {"code": code}}
            ) from error


def award_type_update(*, award_type: AwardType, **fields) -> AwardType:
    """Change the rule of one version in place (its code and owner stay)."""
    values = {key: fields[key] for key in RULE_FIELDS if key in fields}
    with transaction.atomic():
        row = AwardType.objects.select_for_update().get(pk=award_type.pk)
        merged = {key: getattr(row, key) for key in RULE_FIELDS} | values
        _validate_rule(merged)
        _check_no_overlap(
            code=row.code, valid_from=merged["valid_from"], valid_to=merged["valid_to"], exclude_pk=row.pk
        )
        for key, value in values.items():
            setattr(row, key, value)
        row.save(update_fields=[*values, "updated_at"])
    return row


def award_type_new_version(*, award_type: AwardType, valid_from: date, **fields) -> AwardType:
    """Close the newest version of the code the day before ``valid_from`` and add a copy valid from that day.

    The copy takes the given rule fields (the rest from the current row) and the current prerequisites.
    Only the newest version can be followed by a new one, and ``valid_from`` must come after its start.
    """
    with transaction.atomic():
        versions = list(AwardType.objects.select_for_update().filter(code=award_type.code).order_by("-valid_from"))
        current = versions[0]
        if current.pk != award_type.pk:
            raise ValidationError(
                _("Only the newest version of %(code)s can get a new version.") % {"code": current.code}
            )
        if valid_from <= current.valid_from:
            message = _("The new version must start after %(date)s, when the current one starts.")
            raise ValidationError({"valid_from": message % {"date": current.valid_from.strftime("%d/%m/%Y")}})
        values = {key: getattr(current, key) for key in RULE_FIELDS} | {
            key: fields[key] for key in RULE_FIELDS if key in fields
        }
        values["valid_from"] = valid_from
        values.setdefault("valid_to", None)
        _validate_rule(values)
        if current.valid_to is None or current.valid_to >= valid_from:
            current.valid_to = valid_from - timedelta(days=1)
            current.save(update_fields=["valid_to", "updated_at"])
        new = AwardType.objects.create(code=current.code, owner=current.owner, is_active=current.is_active, **values)
        AwardPrerequisite.objects.bulk_create(
            AwardPrerequisite(award_type=new, required_code=p.required_code, times=p.times, scope=p.scope)
            for p in current.prerequisites.all()
        )
    return new


def award_type_remove(*, award_type: AwardType) -> str:
    """Delete a row nothing refers to; a row used by plans, nominations, decisions or the ledger is deactivated."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                AwardType.objects.filter(pk=award_type.pk).delete()
        except (ProtectedError, RestrictedError, IntegrityError):
            AwardType.objects.filter(pk=award_type.pk).update(is_active=False)
            return DEACTIVATED
    return DELETED


def award_type_set_active(*, award_type: AwardType, is_active: bool) -> AwardType:
    """Deactivate (kept for history, not offered for new plans) or reactivate a row."""
    AwardType.objects.filter(pk=award_type.pk).update(is_active=is_active)
    award_type.is_active = is_active
    return award_type


def prerequisite_add(*, award_type: AwardType, required_code: str, times: int, scope: str) -> AwardPrerequisite:
    """Require another title (by code) held ``times`` times; the code must be in the catalogue and not the row's own."""
    required_code = required_code.strip().upper()
    if required_code == award_type.code:
        raise ValidationError({"required_code": _("An award cannot require itself.")})
    if not AwardType.objects.filter(code=required_code).exists():
        raise ValidationError(
            {"required_code": _("The code %(code)s is not in the catalogue.") % {"code": required_code}}
        )
    if times < 1:
        raise ValidationError({"times": _("The number of times must be at least 1.")})
    try:
        with transaction.atomic():
            return AwardPrerequisite.objects.create(
                award_type=award_type, required_code=required_code, times=times, scope=scope
            )
    except IntegrityError as error:
        message = _("%(code)s is already a prerequisite of this award.") % {"code": required_code}
        raise ValidationError({"required_code": message}) from error


def prerequisite_remove(*, prerequisite: AwardPrerequisite) -> None:
    """Drop one prerequisite."""
    AwardPrerequisite.objects.filter(pk=prerequisite.pk).delete()
