"""Reads for the organisations app, with visibility applied."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from common.search import search_q
from organizations.enums import Role
from organizations.models import (
    AccountEvent,
    AccountSettings,
    AuditEntry,
    EmulationBloc,
    ImportJob,
    Membership,
    Organization,
    Person,
)
from organizations.reach import reach_for


def organization_list_for_user(user, *, search: str = "", kind: str = "") -> QuerySet[Organization]:
    """Organisations the user may see, in tree order, with parent and counts for list pages."""
    qs = (
        Organization.objects.filter(reach_for(user).visible_q())
        .select_related("parent")
        .annotate(people_count=Count("people", distinct=True), children_count=Count("children", distinct=True))
        .order_by("path")
    )
    if search:
        qs = qs.filter(search_q(search))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def organization_get_for_user(user, *, pk: int) -> Organization | None:
    return (
        Organization.objects.filter(reach_for(user).visible_q(), pk=pk).select_related("parent", "merged_into").first()
    )


def organization_ancestors(organization: Organization) -> QuerySet[Organization]:
    """The chain from the root down to the parent (for breadcrumbs), one query."""
    return Organization.objects.filter(pk__in=organization.ancestor_ids()[:-1]).order_by("depth")


def organization_children(organization: Organization) -> QuerySet[Organization]:
    return organization.children.annotate(children_count=Count("children")).order_by("path")


def organization_descendants(organization: Organization, *, include_self: bool = True) -> QuerySet[Organization]:
    qs = Organization.objects.filter(path__startswith=organization.path)
    return qs if include_self else qs.exclude(pk=organization.pk)


def organizations_below(user, *roles: str) -> QuerySet[Organization]:
    """Active organisations at or below one where the user holds one of ``roles`` (superuser: all), tree order."""
    return Organization.objects.filter(reach_for(user).below_q(*roles), is_active=True).order_by("path")


def organization_choices_for_officer(user) -> QuerySet[Organization]:
    """Organisations under which the user may create or edit things (officer/admin subtrees)."""
    return organizations_below(user, Role.OFFICER, Role.ADMIN)


def person_list_for_user(user, *, search: str = "", organization: Organization | None = None) -> QuerySet[Person]:
    qs = Person.objects.filter(reach_for(user).visible_q("organization__")).select_related("organization", "user")
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    if search:
        qs = qs.filter(search_q(search))
    return qs.order_by("organization__path", "full_name")


def person_get_for_user(user, *, pk: int) -> Person | None:
    return person_list_for_user(user).filter(pk=pk).first()


def bloc_list_for_user(user, *, year: int | None = None, search: str = "") -> QuerySet[EmulationBloc]:
    """Blocs whose organiser or one of whose members the user can see."""
    reach = reach_for(user)
    visible_orgs = Organization.objects.filter(reach.visible_q()).values("pk")
    qs = EmulationBloc.objects.select_related("organizer").annotate(member_count=Count("memberships", distinct=True))
    if not reach.is_superuser:
        qs = qs.filter(Q(organizer__in=visible_orgs) | Q(memberships__organization__in=visible_orgs)).distinct()
    if year:
        qs = qs.filter(year=year)
    if search:
        qs = qs.filter(search_q(search))
    return qs.order_by("-year", "name")


def bloc_get_for_user(user, *, pk: int) -> EmulationBloc | None:
    return bloc_list_for_user(user).filter(pk=pk).first()


def bloc_members(bloc: EmulationBloc):
    return bloc.memberships.select_related("organization").order_by("role", "organization__name")


def membership_list_for_user(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization").order_by("role", "organization__path")


def import_job_list_for_user(user) -> QuerySet[ImportJob]:
    qs = ImportJob.objects.defer("content").select_related("created_by")
    return qs if reach_for(user).is_superuser else qs.filter(created_by=user)


def audit_may_view(user) -> bool:
    """Administrators and officers (of any organisation) and superusers have an audit log page."""
    reach = reach_for(user)
    return reach.is_superuser or bool(reach.ids(Role.ADMIN, Role.OFFICER))


def audit_list_for_user(user, *, organization=None, object_type="", object_id="", actor="", since=None, until=None):
    """The audit log lines within the user's reach (organisations at or below one where they are an administrator
    or officer; every line, including those of no organisation, for a superuser), newest first, filtered."""
    reach = reach_for(user)
    queryset = AuditEntry.objects.all()
    if not reach.is_superuser:
        condition = Q(pk__in=[])
        for path in sorted(reach.paths(Role.ADMIN, Role.OFFICER)):
            condition |= Q(organization_path__startswith=path)
        queryset = queryset.filter(condition)
    if organization is not None:
        queryset = queryset.filter(organization_path__startswith=organization.path)
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if object_id:
        queryset = queryset.filter(object_id=object_id)
    if actor:
        queryset = queryset.filter(actor_name__iexact=actor)
    if since:
        queryset = queryset.filter(created_at__date__gte=since)
    if until:
        queryset = queryset.filter(created_at__date__lte=until)
    return queryset.order_by("-created_at", "-pk")


# Who hears about what concerns a unit (a nomination, a decision): the people who act for it in the app.
UNIT_ROLES = (Role.SCORER, Role.OFFICER, Role.ADMIN)


def user_ids_with_roles(organization_ids, roles=UNIT_ROLES) -> set[int]:
    """Active users holding one of ``roles`` at one of these organisations (exactly there, not above)."""
    return set(
        Membership.objects.filter(organization_id__in=set(organization_ids), role__in=roles, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )


def account_roles(user) -> QuerySet[Membership]:
    """The roles of a login with their scope, for the account pages."""
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__path", "role")


def account_events(user, *, limit: int = 50) -> QuerySet[AccountEvent]:
    """The latest entries of a login's journal, with who did them and the role's scope."""
    return (
        AccountEvent.objects.filter(user=user)
        .select_related("actor__person", "organization")
        .order_by("-created_at", "-pk")[:limit]
    )


def account_settings_get(user) -> AccountSettings | None:
    return AccountSettings.objects.filter(user=user).first()


def account_user_for_calendar_token(token: str):
    """The active login whose iCalendar feed has this secret token, or None."""
    if not token:
        return None
    row = AccountSettings.objects.filter(calendar_token=token, user__is_active=True).select_related("user").first()
    return row.user if row else None
