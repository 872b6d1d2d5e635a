"""Writes of exemplary models. A model starts at "found" (its first step proposed with the record); each next stage
is proposed by an officer with its date and evidence and takes effect when an officer confirms it (the proposer
cannot confirm their own step, unless they are a superuser); units adopting it are recorded at "replicated"."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import STAGE_ORDER, ExemplaryAdoption, ExemplaryModel, ExemplaryStage, ExemplaryStep


@transaction.atomic
def exemplary_create(
    *,
    organization,
    kind: str,
    name: str,
    description: str,
    date,
    evidence: str,
    actor,
    person=None,
    campaign=None,
    is_public=False,
) -> ExemplaryModel:
    """Record a model found in ``organization`` with its first step (found), awaiting confirmation."""
    if person is not None and person.organization_id != organization.pk:
        raise ValidationError({"person": [_("Choose a person of this organisation.")]})
    model = ExemplaryModel.objects.create(
        organization=organization,
        person=person,
        campaign=campaign,
        kind=kind,
        name=name.strip(),
        description=description.strip(),
        is_public=is_public,
        created_by=actor,
    )
    ExemplaryStep.objects.create(
        model=model, stage=ExemplaryStage.FOUND, date=date, evidence=evidence.strip(), proposed_by=actor
    )
    return model


def next_stage(model: ExemplaryModel) -> str | None:
    index = STAGE_ORDER.index(model.stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


@transaction.atomic
def exemplary_propose(*, model: ExemplaryModel, date, evidence: str, actor) -> ExemplaryStep:
    """Propose the model's next stage; refused while a step awaits confirmation or after the last stage."""
    if model.steps.filter(confirmed_at__isnull=True).exists():
        raise ValidationError(_("A stage is waiting for confirmation: confirm it first."))
    stage = next_stage(model)
    if stage is None:
        raise ValidationError(_("The model has reached its last stage."))
    if not evidence.strip():
        raise ValidationError({"evidence": [_("Describe the evidence of this stage.")]})
    try:
        with transaction.atomic():
            return ExemplaryStep.objects.create(
                model=model, stage=stage, date=date, evidence=evidence.strip(), proposed_by=actor
            )
    except IntegrityError as error:
        raise ValidationError(_("Someone proposed this stage at the same time. Reload the page.")) from error


@transaction.atomic
def exemplary_confirm(*, model: ExemplaryModel, actor) -> ExemplaryStep:
    """Confirm the step that waits; the model moves to its stage."""
    step = model.steps.select_for_update().filter(confirmed_at__isnull=True).first()
    if step is None:
        raise ValidationError(_("No stage is waiting for confirmation."))
    if step.proposed_by_id == actor.pk and not actor.is_superuser:
        raise ValidationError(_("Another officer confirms a stage you proposed."))
    step.confirmed_by, step.confirmed_at = actor, timezone.now()
    step.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
    ExemplaryModel.objects.filter(pk=model.pk).update(stage=step.stage)
    return step


def exemplary_adopt(*, model: ExemplaryModel, organization, date, note: str = "") -> ExemplaryAdoption:
    """Record a unit that adopted the model (only once it is being replicated)."""
    if model.stage != ExemplaryStage.REPLICATED:
        raise ValidationError(_("Units adopt a model once its replication (nhân rộng) is confirmed."))
    if organization.pk == model.organization_id:
        raise ValidationError({"organization": [_("The model's own unit does not adopt it.")]})
    adoption, created = ExemplaryAdoption.objects.get_or_create(
        model=model, organization=organization, defaults={"date": date, "note": note.strip()[:500]}
    )
    if not created:
        raise ValidationError({"organization": [_("This unit is already recorded.")]})
    return adoption
