"""Reads for participants, registrations and covenants, each list in a constant number of queries."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from campaigns.models import Campaign, Covenant, EmulationProduct, Participant, Registration
from campaigns.selectors import participant_scored_by_q
from common.search import search_q
from organizations.enums import Role
from organizations.models import EmulationBloc, Membership, Organization, Person
from organizations.reach import reach_for
from organizations.selectors import bloc_list_for_user

REGISTERED = "registered"
NOT_REGISTERED = "not_registered"
NO_SCORER = "no_scorer"


def _org_scorer_exists() -> Exists:
    """An individual's organisation has a unit scorer (who may then score for the person)."""
    return Exists(Membership.objects.filter(organization_id=OuterRef("person__organization_id"), role=Role.SCORER))


def _nobody_scores_q() -> Q:
    """Individuals nobody can score: no login of their own, no scorer in their organisation, none assigned."""
    return Q(person__isnull=False, person__user__isnull=True, scorer__isnull=True) & ~_org_scorer_exists()


def _product_count() -> Subquery:
    counts = (
        EmulationProduct.objects.filter(registration__participant=OuterRef("pk"))
        .order_by()
        .values("registration__participant")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def participant_list(*, campaign: Campaign, status: str = "", search: str = "") -> QuerySet[Participant]:
    """Participants in tree / name order with ``is_registered``, ``registration`` and ``product_count``."""
    qs = (
        campaign.participants.select_related(
            "organization", "person__organization", "registration__registered_by", "scorer"
        )
        .annotate(
            is_registered=Exists(Registration.objects.filter(participant=OuterRef("pk"))),
            product_count=_product_count(),
            has_org_scorer=_org_scorer_exists(),
        )
        .order_by("person_id", "organization__path", "person__full_name")
    )
    if status == REGISTERED:
        qs = qs.filter(is_registered=True)
    elif status == NOT_REGISTERED:
        qs = qs.filter(is_registered=False)
    elif status == NO_SCORER:
        qs = qs.filter(_nobody_scores_q())
    if search:
        qs = qs.filter(search_q(search, "organization__", "person__"))
    return qs


def participant_not_registered(*, campaign: Campaign) -> QuerySet[Participant]:
    """Who has not registered yet (for officers to chase)."""
    return participant_list(campaign=campaign, status=NOT_REGISTERED)


def participant_counts(*, campaign: Campaign) -> dict[str, int]:
    """Total, registered, not-registered counts and individuals nobody can score, in one query."""
    counts = campaign.participants.aggregate(
        total=Count("pk", distinct=True),
        registered=Count("registration", distinct=True),
        without_scorer=Count("pk", filter=_nobody_scores_q(), distinct=True),
    )
    counts["not_registered"] = counts["total"] - counts["registered"]
    return counts


def participant_list_for_user(user, *, campaign: Campaign) -> QuerySet[Participant]:
    """Participants the user acts for: units where they are the scorer; individuals who are the user, whose
    organisation they score for, or assigned to them."""
    return participant_list(campaign=campaign).filter(participant_scored_by_q(user))


def participant_get(*, campaign: Campaign, pk: int) -> Participant | None:
    return participant_list(campaign=campaign).filter(pk=pk).first()


def registration_products(registration: Registration | None) -> list[EmulationProduct]:
    return list(registration.products.all()) if registration is not None else []


def candidate_organizations(user, *, search: str, limit: int = 20) -> QuerySet[Organization]:
    """Active organisations the user can see whose name or code matches, for the participant picker."""
    qs = Organization.objects.filter(reach_for(user).visible_q(), is_active=True)
    qs = qs.filter(search_q(search))
    return qs.order_by("path")[:limit]


def candidate_people(user, *, search: str, limit: int = 20) -> QuerySet[Person]:
    """Active people the user can see whose name or staff code matches."""
    qs = Person.objects.filter(reach_for(user).visible_q("organization__"), is_active=True)
    qs = qs.filter(search_q(search)).select_related("organization")
    return qs.order_by("full_name")[:limit]


def organization_choices(user) -> QuerySet[Organization]:
    """Active organisations the user can see (the tree picker)."""
    return Organization.objects.filter(reach_for(user).visible_q(), is_active=True).order_by("path")


def people_choices(user) -> QuerySet[Person]:
    """Active people the user can see (validates the ticked search results)."""
    return Person.objects.filter(reach_for(user).visible_q("organization__"), is_active=True)


def bloc_choices(user) -> QuerySet[EmulationBloc]:
    return bloc_list_for_user(user)


def covenant_list(*, campaign: Campaign) -> QuerySet[Covenant]:
    """The campaign's covenants with member and signature counts."""
    return (
        campaign.covenants.select_related("bloc", "published_by")
        .annotate(
            member_count=Count("bloc__memberships", distinct=True),
            signature_count=Count("signatures", distinct=True),
        )
        .order_by("-published_at", "-pk")
    )


def covenant_get(*, campaign: Campaign, pk: int) -> Covenant | None:
    return campaign.covenants.select_related("bloc", "published_by").filter(pk=pk).first()


def covenant_signatures(covenant: Covenant):
    return covenant.signatures.select_related("organization", "signed_by").order_by("created_at", "pk")


def covenant_missing_signers(covenant: Covenant) -> QuerySet[Organization]:
    """Member organisations of the bloc that have not signed yet."""
    signed = covenant.signatures.values("organization_id")
    return (
        Organization.objects.filter(bloc_memberships__bloc_id=covenant.bloc_id).exclude(pk__in=signed).order_by("name")
    )


def covenant_units_to_sign(user, covenant: Covenant) -> QuerySet[Organization]:
    """Member units that ``user`` represents and that have not signed yet."""
    mine = sorted(reach_for(user).ids(Role.SCORER, Role.OFFICER, Role.ADMIN))
    return covenant_missing_signers(covenant).filter(pk__in=mine)


def scorer_choices(user):
    """Accounts the officer may assign as an individual's scorer: users holding a role in an organisation the
    officer can see."""
    visible = Organization.objects.filter(reach_for(user).visible_q()).values("pk")
    users = get_user_model().objects.filter(is_active=True, memberships__organization__in=visible)
    return get_user_model().objects.filter(pk__in=users.values("pk")).order_by("username")
