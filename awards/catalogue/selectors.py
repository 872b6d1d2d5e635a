"""Reads of the award catalogue. Every logged-in user may read every row (national and organisations' own)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from awards.models import AwardPrerequisite, AwardType
from organizations.enums import Role
from organizations.selectors import organizations_below


def award_type_list(
    *,
    search: str = "",
    recipient_kind: str = "",
    level: str = "",
    category: str = "",
    valid_on: date | None = None,
    include_closed: bool = False,
) -> QuerySet[AwardType]:
    """Catalogue rows for the list page: valid on ``valid_on`` unless ``include_closed``; owner and counts joined."""
    qs = AwardType.objects.select_related("owner").annotate(prerequisite_count=Count("prerequisites"))
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if recipient_kind:
        qs = qs.filter(recipient_kind=recipient_kind)
    if level:
        qs = qs.filter(level=level)
    if category:
        qs = qs.filter(category=category)
    if not include_closed:
        qs = qs.filter(is_active=True)
        if valid_on is not None:
            qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_on), valid_from__lte=valid_on)
    return qs.order_by("level", "recipient_kind", "name", "-valid_from")


def award_type_get(*, pk: int) -> AwardType | None:
    return AwardType.objects.select_related("owner").filter(pk=pk).first()


def award_type_versions(award_type: AwardType) -> QuerySet[AwardType]:
    """Every version of the same code, newest first."""
    return AwardType.objects.filter(code=award_type.code).order_by("-valid_from")


def award_type_prerequisites(award_type: AwardType) -> QuerySet[AwardPrerequisite]:
    return award_type.prerequisites.order_by("required_code")


def award_type_names_by_code(codes) -> dict[str, str]:
    """The newest name of each code (to show "3 × Chiến sĩ thi đua cơ sở" instead of a bare code)."""
    names: dict[str, str] = {}
    for code, name in AwardType.objects.filter(code__in=set(codes)).order_by("valid_from").values_list("code", "name"):
        names[code] = name
    return names


def award_type_choices(*, on: date | None = None, active_only: bool = True) -> QuerySet[AwardType]:
    """Rows (active ones unless ``active_only`` is off) valid on ``on`` (default: any date), for pickers."""
    qs = AwardType.objects.filter(is_active=True) if active_only else AwardType.objects.all()
    if on is not None:
        qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
    return qs.order_by("recipient_kind", "level", "name", "-valid_from")


def owner_choices_for(user) -> QuerySet:
    """Organisations whose own titles the user may define (administrator there or above; superuser: all)."""
    return organizations_below(user, Role.ADMIN)


def award_type_in_force(award_type: AwardType, day: date) -> AwardType:
    """The version of ``award_type``'s code (same owner) in force on ``day``: a plan made on one row is judged, voted
    and cited under the text in force on its date. The row itself when no version of the code is in force then."""
    current = (
        AwardType.objects.filter(code=award_type.code, owner_id=award_type.owner_id, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .prefetch_related("prerequisites")
        .order_by("-valid_from")
        .first()
    )
    return current or award_type
