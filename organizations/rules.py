"""Permission predicates for organisations, people, blocs and imports (``rules`` package)."""

import rules

from organizations.enums import Role
from organizations.reach import reach_for


@rules.predicate
def is_officer_of(user, organization) -> bool:
    """Officer or admin of ``organization`` or of any organisation above it."""
    if organization is None:
        return False
    reach = reach_for(user)
    return reach.is_superuser or reach.covers(organization.path, Role.OFFICER, Role.ADMIN)


@rules.predicate
def is_scorer_of(user, organization) -> bool:
    """Unit scorer of exactly this organisation."""
    return organization is not None and organization.pk in reach_for(user).ids(Role.SCORER)


@rules.predicate
def can_see_organization(user, organization) -> bool:
    if organization is None:
        return False
    return reach_for(user).can_see(organization.pk, organization.path)


@rules.predicate
def can_see_person(user, person) -> bool:
    return person is not None and can_see_organization(user, person.organization)


@rules.predicate
def is_officer_of_person(user, person) -> bool:
    return person is not None and is_officer_of(user, person.organization)


@rules.predicate
def is_admin_of_person(user, person) -> bool:
    """Administrator of the person's organisation or of one above it: manages the person's login and roles."""
    if person is None:
        return False
    reach = reach_for(user)
    return reach.is_superuser or reach.covers(person.organization.path, Role.ADMIN)


@rules.predicate
def is_bloc_organizer_officer(user, bloc) -> bool:
    return bloc is not None and is_officer_of(user, bloc.organizer)


@rules.predicate
def is_any_officer(user) -> bool:
    reach = reach_for(user)
    return reach.is_superuser or bool(reach.ids(Role.OFFICER, Role.ADMIN))


@rules.predicate
def is_import_owner(user, job) -> bool:
    return job is not None and (reach_for(user).is_superuser or job.created_by_id == user.pk)


rules.add_perm("organizations.view_organization", can_see_organization)
rules.add_perm("organizations.change_organization", is_officer_of)
rules.add_perm("organizations.add_child_organization", is_officer_of)
rules.add_perm("organizations.view_person", can_see_person)
rules.add_perm("organizations.change_person", is_officer_of_person)
rules.add_perm("organizations.add_person", is_officer_of)
rules.add_perm("organizations.manage_account", is_admin_of_person)
rules.add_perm("organizations.change_emulationbloc", is_bloc_organizer_officer)
rules.add_perm("organizations.import_data", is_any_officer)
rules.add_perm("organizations.view_importjob", is_import_owner)
