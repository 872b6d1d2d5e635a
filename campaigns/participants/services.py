"""Writes for participants, registrations with their emulation products, bloc covenants, and cloning.

Participant changes are bulk and idempotent (existing rows are skipped); registrations need a launched
campaign and enough products; a covenant is signed once per member unit by that unit's own scorer or
officer; a clone is a new draft holding copies of the phases, scoring tables, tiers and participants.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import CampaignStatus, ParticipantScope
from campaigns.models import (
    Campaign,
    CampaignEvent,
    Covenant,
    CovenantSignature,
    Criterion,
    CriterionGroup,
    CriterionRule,
    EmulationProduct,
    Participant,
    Phase,
    Registration,
    ScoringTable,
    Tier,
)
from campaigns.planning import services
from campaigns.rules import acts_for_participant
from organizations.enums import Role
from organizations.models import EmulationBloc, Organization, Person
from organizations.reach import reach_for

CLOSED = (CampaignStatus.FINALISED, CampaignStatus.ARCHIVED)
PRODUCT_FIELDS = ("title", "product_type", "owner", "due_date", "status")


# --- participants -------------------------------------------------------------------------------


def _check_open(campaign: Campaign) -> None:
    if campaign.status in CLOSED:
        raise ValidationError(_("A finalised or archived campaign can no longer be changed."))


def _check_scope(campaign: Campaign, *, collective: bool) -> None:
    if collective and campaign.participant_scope == ParticipantScope.INDIVIDUAL:
        raise ValidationError(_("This campaign is for individuals only: organisations cannot take part."))
    if not collective and campaign.participant_scope == ParticipantScope.COLLECTIVE:
        raise ValidationError(_("This campaign is for collectives only: individuals cannot take part."))


def _insert_missing(campaign: Campaign, field: str, ids: Iterable[int]) -> int:
    """Insert the ids not yet enrolled; ``ignore_conflicts`` covers a concurrent insert of the same row."""
    existing = set(campaign.participants.filter(**{f"{field}__isnull": False}).values_list(field, flat=True))
    new = sorted(set(ids) - existing)
    Participant.objects.bulk_create(
        [Participant(campaign=campaign, **{field: pk}) for pk in new], ignore_conflicts=True, batch_size=500
    )
    return len(new)


@transaction.atomic
def participants_add_organizations(*, campaign: Campaign, organizations: Iterable[Organization]) -> int:
    """Enrol active organisations as collective participants; returns how many were new."""
    _check_open(campaign)
    _check_scope(campaign, collective=True)
    ids = [o.pk for o in organizations if o.is_active]
    return _insert_missing(campaign, "organization_id", ids)


@transaction.atomic
def participants_add_under(*, campaign: Campaign, root: Organization, include_root: bool = True) -> int:
    """Enrol every active organisation under ``root`` ("all units under X"), one prefix query."""
    _check_open(campaign)
    _check_scope(campaign, collective=True)
    qs = Organization.objects.filter(path__startswith=root.path, is_active=True)
    if not include_root:
        qs = qs.exclude(pk=root.pk)
    return _insert_missing(campaign, "organization_id", qs.values_list("pk", flat=True))


@transaction.atomic
def participants_add_bloc(*, campaign: Campaign, bloc: EmulationBloc) -> int:
    """Enrol the active member organisations of an emulation bloc."""
    _check_open(campaign)
    _check_scope(campaign, collective=True)
    ids = bloc.memberships.filter(organization__is_active=True).values_list("organization_id", flat=True)
    return _insert_missing(campaign, "organization_id", ids)


@transaction.atomic
def participants_add_people(*, campaign: Campaign, people: Iterable[Person]) -> int:
    """Enrol active people as individual participants; returns how many were new."""
    _check_open(campaign)
    _check_scope(campaign, collective=False)
    return _insert_missing(campaign, "person_id", [p.pk for p in people if p.is_active])


@transaction.atomic
def participants_add_selected(
    *, campaign: Campaign, organizations: Iterable[Organization], people: Iterable[Person]
) -> int:
    """Add ticked organisations and people together: if either part is refused, nothing is added."""
    organizations, people = list(organizations), list(people)
    added = participants_add_organizations(campaign=campaign, organizations=organizations) if organizations else 0
    return added + (participants_add_people(campaign=campaign, people=people) if people else 0)


@transaction.atomic
def participants_remove(*, campaign: Campaign, ids: Iterable[int]) -> int:
    """Remove participants of this campaign (their registrations go with them); returns how many."""
    _check_open(campaign)
    try:
        _total, per_model = campaign.participants.filter(pk__in=list(ids)).delete()
    except ProtectedError as error:
        raise ValidationError(_("Some participants already have scores and cannot be removed.")) from error
    return per_model.get(Participant._meta.label, 0)


@transaction.atomic
def participant_scorer_assign(*, participant: Participant, scorer, actor) -> Participant:
    """Assign (or with ``scorer`` None, clear) the user who scores for an individual participant.

    Only individuals take an assigned scorer; the scorer must hold a role in an organisation the officer can
    see. Recorded on the campaign (old → new).
    """
    _check_open(participant.campaign)
    if participant.person_id is None:
        raise ValidationError(_("Only an individual participant takes an assigned scorer."))
    if scorer is not None:
        visible = Organization.objects.filter(reach_for(actor).visible_q())
        if not scorer.memberships.filter(organization__in=visible).exists():
            raise ValidationError({"scorer": _("Choose an account of an organisation you manage.")})
    old = participant.scorer
    if (old.pk if old else None) == (scorer.pk if scorer else None):
        return participant
    participant.scorer = scorer
    participant.save(update_fields=["scorer", "updated_at"])
    CampaignEvent.objects.create(
        campaign=participant.campaign,
        action="scorer_assigned",
        actor=actor,
        changes={
            "participant": [None, str(participant)],
            "scorer": [old.username if old else None, scorer.username if scorer else None],
        },
    )
    return participant


# --- registrations and products -------------------------------------------------------------------


def can_act_for(user, participant: Participant) -> bool:
    """The unit's own scorer for a collective; for an individual the person themself, a scorer of their
    organisation or the user the officer assigned."""
    return acts_for_participant(user, participant)


def _check_registration_open(campaign: Campaign) -> None:
    if campaign.status != CampaignStatus.LAUNCHED:
        raise ValidationError(_("Registration is open only while the campaign is launched."))


def _product(registration: Registration, fields: dict) -> EmulationProduct:
    product = EmulationProduct(registration=registration, **{k: v for k, v in fields.items() if k in PRODUCT_FIELDS})
    product.full_clean(exclude=["registration"])
    return product


def _check_minimum(campaign: Campaign, count: int) -> None:
    minimum = campaign.min_products_per_unit
    if count < minimum:
        raise ValidationError(
            _("Declare at least %(minimum)s emulation product(s) (%(count)s given).")
            % {"minimum": minimum, "count": count}
        )


@transaction.atomic
def registration_submit(*, participant: Participant, user, commitment: str = "", products: list[dict]) -> Registration:
    """Register a participant (đăng ký thi đua) with its products; once, after launch, enough products."""
    campaign = participant.campaign
    _check_registration_open(campaign)
    if Registration.objects.filter(participant=participant).exists():
        raise ValidationError(_("This participant has already registered."))
    _check_minimum(campaign, len(products))
    registration = Registration(participant=participant, registered_by=user, commitment=commitment.strip())
    rows = [_product(registration, fields) for fields in products]
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # a concurrent submit won the one-to-one
        raise ValidationError(_("This participant has already registered.")) from error
    for row in rows:
        row.registration = registration
    EmulationProduct.objects.bulk_create(rows)
    return registration


@transaction.atomic
def registration_product_add(*, registration: Registration, **fields) -> EmulationProduct:
    """Declare one more product on an existing registration."""
    _check_registration_open(registration.participant.campaign)
    product = _product(registration, fields)
    product.save()
    return product


@transaction.atomic
def registration_product_update(*, product: EmulationProduct, **fields) -> EmulationProduct:
    """Change a declared product (title, type, owner, due date, status)."""
    _check_registration_open(product.registration.participant.campaign)
    changed = [k for k in fields if k in PRODUCT_FIELDS]
    for name in changed:
        setattr(product, name, fields[name])
    product.full_clean(exclude=["registration"])
    product.save(update_fields=[*changed, "updated_at"])
    return product


@transaction.atomic
def registration_product_remove(*, product: EmulationProduct) -> None:
    """Withdraw a product; refused when the registration would fall below the campaign's minimum."""
    registration = Registration.objects.select_for_update().get(pk=product.registration_id)
    campaign = registration.participant.campaign
    _check_registration_open(campaign)
    _check_minimum(campaign, registration.products.count() - 1)
    product.delete()


# --- covenants ----------------------------------------------------------------------------------


@transaction.atomic
def covenant_publish(
    *, bloc: EmulationBloc, title: str, body: str, actor, campaign: Campaign | None = None
) -> Covenant:
    """Publish a covenant (giao ước thi đua) for the bloc's members to sign."""
    if campaign is not None:
        _check_open(campaign)
    covenant = Covenant(
        bloc=bloc, campaign=campaign, title=title, body=body, published_at=timezone.now(), published_by=actor
    )
    covenant.full_clean()
    covenant.save()
    return covenant


def can_sign_for(user, organization: Organization) -> bool:
    """Only the unit's own representative: a scorer, officer or admin of exactly this organisation."""
    return organization.pk in reach_for(user).ids(Role.SCORER, Role.OFFICER, Role.ADMIN)


@transaction.atomic
def covenant_sign(*, covenant: Covenant, organization: Organization, user, signer_title: str = "") -> CovenantSignature:
    """Record that ``user`` signed for a member unit (who and when); once per unit."""
    if covenant.published_at is None:
        raise ValidationError(_("This covenant has not been published yet."))
    if not covenant.bloc.memberships.filter(organization=organization).exists():
        raise ValidationError(_("“%(name)s” is not a member of this bloc.") % {"name": organization.name})
    if not can_sign_for(user, organization):
        raise ValidationError(_("Only a representative of “%(name)s” can sign for it.") % {"name": organization.name})
    signature = CovenantSignature(
        covenant=covenant, organization=organization, signed_by=user, signer_title=signer_title.strip()
    )
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError as error:
        raise ValidationError(
            _("“%(name)s” has already signed this covenant.") % {"name": organization.name}
        ) from error
    return signature


# --- clone --------------------------------------------------------------------------------------

_SKIP = {"id", "created_at", "updated_at"}


def _copy_values(instance, *, skip: set[str] = frozenset()) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in _SKIP and f.name not in skip and f.attname not in skip
    }


def _shift(value: date | None, delta: timedelta) -> date | None:
    return value + delta if value else None


def _clone_fields(campaign: Campaign, delta: timedelta, overrides: dict) -> dict:
    fields = {name: getattr(campaign, name) for name in Campaign.EDITABLE_FIELDS}
    for name in ("plan_date", "start_date", "end_date", "interim_review_date", "final_review_date"):
        fields[name] = _shift(fields[name], delta)
    fields.update({k: v for k, v in overrides.items() if v})
    return fields


def _clone_tables(source: Campaign, target: Campaign) -> None:
    for table in source.scoring_tables.prefetch_related("groups", "criteria__rules", "tiers"):
        new_table = ScoringTable.objects.create(campaign=target, **_copy_values(table, skip={"campaign"}))
        groups: dict = {}
        waiting = list(table.groups.all())
        while waiting:  # parents before their subgroups, at any depth
            ready = [g for g in waiting if g.parent_id is None or g.parent_id in groups]
            for group in ready:
                groups[group.pk] = CriterionGroup.objects.create(
                    table=new_table,
                    parent=groups.get(group.parent_id),
                    **_copy_values(group, skip={"table", "parent"}),
                )
            waiting = [g for g in waiting if g.pk not in groups]
        criteria = {
            c.pk: Criterion(table=new_table, group=groups[c.group_id], **_copy_values(c, skip={"table", "group"}))
            for c in table.criteria.all()
        }
        Criterion.objects.bulk_create(criteria.values())
        CriterionRule.objects.bulk_create(
            CriterionRule(criterion=criteria[c.pk], **_copy_values(rule, skip={"criterion"}))
            for c in table.criteria.all()
            for rule in c.rules.all()
        )
        Tier.objects.bulk_create(Tier(table=new_table, **_copy_values(t, skip={"table"})) for t in table.tiers.all())


@transaction.atomic
def campaign_clone(
    *,
    campaign: Campaign,
    actor,
    plan_number: str,
    offset_days: int | None = None,
    start_date: date | None = None,
    name: str = "",
) -> Campaign:
    """Copy a campaign as a new draft (e.g. next year): dates shifted by the offset (or to the new start
    date), phases, scoring tables with groups and criteria, tiers and participants — all or nothing."""
    if (offset_days is None) == (start_date is None):
        raise ValidationError(_("Give either a number of days or a new start date."))
    delta = timedelta(days=offset_days) if offset_days is not None else start_date - campaign.start_date
    fields = _clone_fields(campaign, delta, {"plan_number": plan_number.strip(), "name": name.strip()})
    clone = services.campaign_create(launching_organization=campaign.launching_organization, created_by=actor, **fields)
    Phase.objects.bulk_create(
        Phase(
            campaign=clone,
            **_copy_values(p, skip={"campaign", "start_date", "end_date"}),
            start_date=p.start_date + delta,
            end_date=p.end_date + delta,
        )
        for p in campaign.phases.all()
    )
    _clone_tables(campaign, clone)
    Participant.objects.bulk_create(
        Participant(campaign=clone, organization_id=p.organization_id, person_id=p.person_id)
        for p in campaign.participants.all()
    )
    CampaignEvent.objects.create(
        campaign=clone, action="clone", actor=actor, changes={"source": [None, campaign.plan_number]}
    )
    return clone
