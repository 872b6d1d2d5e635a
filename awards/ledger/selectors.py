"""Reads of the award ledger (lịch sử khen thưởng): lists with visibility, and the read API eligibility uses.

Visibility: records of people and organisations within the user's reach (``organizations.reach``), plus the
user's own records (a person linked to the account).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from awards.eligibility import HeldAward
from awards.models import AwardRecord, Certificate, DisciplinaryReview
from common.search import search_q
from organizations.models import Organization, Person
from organizations.reach import reach_for

PERSON, ORGANIZATION = "person", "organization"


def _visible_q(user) -> Q:
    reach = reach_for(user)
    if reach.is_superuser:
        return Q()
    return (
        Q(person__isnull=False, person__organization__in=_visible_orgs(reach))
        | Q(organization__isnull=False, organization__in=_visible_orgs(reach))
        | Q(person__user_id=user.pk)
    )


def _visible_orgs(reach):
    return Organization.objects.filter(reach.visible_q()).values("pk")


def award_record_list_for_user(
    user, *, search: str = "", year: int | None = None, award_code: str = "", source: str = ""
) -> QuerySet[AwardRecord]:
    """Ledger rows the user may see, newest year first, with recipient and revoking decision joined."""
    qs = AwardRecord.objects.filter(_visible_q(user)).select_related(
        "person__organization", "organization", "revoked_by"
    )
    if search:
        qs = qs.filter(search_q(search, "", "person__", "organization__"))
    if year:
        qs = qs.filter(year=year)
    if award_code:
        qs = qs.filter(award_code__iexact=award_code)
    if source:
        qs = qs.filter(source=source)
    return qs.order_by("-year", "award_name", "pk")


def award_record_get_for_user(user, *, pk: int) -> AwardRecord | None:
    return award_record_list_for_user(user).filter(pk=pk).first()


def award_record_codes(user) -> list[str]:
    """Award codes present in the ledger rows the user may see, for the list's filter (never other organisations')."""
    return list(
        AwardRecord.objects.filter(_visible_q(user))
        .exclude(award_code="")
        .order_by("award_code")
        .values_list("award_code", flat=True)
        .distinct()
    )


def award_records_of(*, person=None, organization=None) -> QuerySet[AwardRecord]:
    """One recipient's ledger (profile pages), revoked rows included, newest first."""
    qs = AwardRecord.objects.select_related("revoked_by")
    qs = qs.filter(person=person) if person is not None else qs.filter(organization=organization)
    return qs.order_by("-year", "award_name", "pk")


def disciplinary_review_active(*, person=None, organization=None, on: date) -> DisciplinaryReview | None:
    """The review covering ``on`` for this recipient, if any."""
    qs = DisciplinaryReview.objects.filter(_review_on_q(on))
    qs = qs.filter(person=person) if person is not None else qs.filter(organization=organization)
    return qs.order_by("-start_date").first()


# --- the read API of eligibility checks (nominations import these names) ---------------------------------------


def _held(rows) -> tuple[HeldAward, ...]:
    return tuple(HeldAward(award_code=code, year=year) for code, year in rows)


def _not_revoked() -> QuerySet[AwardRecord]:
    return AwardRecord.objects.filter(revoked_by__isnull=True).exclude(award_code="")


def award_history_for(*, person=None, organization=None) -> tuple[HeldAward, ...]:
    """The awards a person or organisation holds (revoked records left out), oldest year first."""
    if (person is None) == (organization is None):
        raise ValueError("give exactly one of person / organization")
    qs = (
        _not_revoked().filter(person=person) if person is not None else _not_revoked().filter(organization=organization)
    )
    return _held(qs.order_by("year", "award_code").values_list("award_code", "year"))


def award_history_bulk(*, person_ids=(), organization_ids=()) -> dict[tuple[str, int], tuple[HeldAward, ...]]:
    """``{("person"|"organization", id): held awards}`` for many recipients in one query; every id has a key."""
    person_ids, organization_ids = set(person_ids), set(organization_ids)
    result: dict[tuple[str, int], list] = {(PERSON, pk): [] for pk in person_ids}
    result |= {(ORGANIZATION, pk): [] for pk in organization_ids}
    if person_ids or organization_ids:
        rows = (
            _not_revoked()
            .filter(Q(person_id__in=person_ids) | Q(organization_id__in=organization_ids))
            .order_by("year", "award_code")
            .values_list("person_id", "organization_id", "award_code", "year")
        )
        for person_id, organization_id, code, year in rows:
            key = (PERSON, person_id) if person_id else (ORGANIZATION, organization_id)
            result[key].append(HeldAward(award_code=code, year=year))
    return {key: tuple(value) for key, value in result.items()}


def _review_on_q(on: date) -> Q:
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))


def under_disciplinary_review(*, person=None, organization=None, on: date) -> bool:
    """True when a disciplinary review covers the day ``on`` for this person or organisation."""
    if (person is None) == (organization is None):
        raise ValueError("give exactly one of person / organization")
    return disciplinary_review_active(person=person, organization=organization, on=on) is not None


def under_review_bulk(*, person_ids=(), organization_ids=(), on: date) -> set[tuple[str, int]]:
    """``{("person"|"organization", id)}`` of those under disciplinary review on ``on``, in one query."""
    person_ids, organization_ids = set(person_ids), set(organization_ids)
    if not person_ids and not organization_ids:
        return set()
    rows = DisciplinaryReview.objects.filter(
        _review_on_q(on), Q(person_id__in=person_ids) | Q(organization_id__in=organization_ids)
    ).values_list("person_id", "organization_id")
    return {(PERSON, p) if p else (ORGANIZATION, o) for p, o in rows}


def recipient_by_code(*, person_code: str = "", organization_code: str = ""):
    """The person or organisation with this code (case-insensitive), or None."""
    if person_code:
        return Person.objects.select_related("organization").filter(code__iexact=person_code.strip()).first()
    return Organization.objects.filter(code__iexact=organization_code.strip()).first()


def record_certificate(*, record: AwardRecord) -> Certificate | None:
    """The certificate of a ledger row that came from a decision line, with what its download permission reads."""
    if record.decision_recipient_id is None:
        return None
    return (
        Certificate.objects.select_related(
            "recipient__decision__issuing_organization",
            "recipient__award_type",
            "recipient__organization",
            "recipient__person__organization",
        )
        .filter(recipient_id=record.decision_recipient_id)
        .first()
    )


def award_records_for_participant(participant) -> list[AwardRecord]:
    """The awards a campaign participant received from decisions of that campaign, with their certificates
    (one query; the participant's results page)."""
    qs = AwardRecord.objects.filter(decision_recipient__decision__campaign_id=participant.campaign_id)
    if participant.organization_id:
        qs = qs.filter(organization_id=participant.organization_id)
    else:
        qs = qs.filter(person_id=participant.person_id)
    return list(
        qs.select_related("revoked_by", "decision_recipient__certificate").order_by("-year", "award_name", "pk")
    )
