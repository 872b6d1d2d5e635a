"""Writes for campaigns: create, correct, phases, and the lifecycle (every step recorded)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import TRANSITIONS, CampaignStatus, ReviewLevel
from campaigns.models import Campaign, CampaignEvent, Phase
from campaigns.planning.phases import PhaseProblem, PhaseSpan, phase_problems
from campaigns.tables.services import campaign_table_problems
from organizations.audit import audit_record


def _phase_messages(problems) -> list[str]:
    texts = {
        PhaseProblem.ENDS_BEFORE_START: _("Phase “%(a)s” ends before it starts."),
        PhaseProblem.OUTSIDE_CAMPAIGN: _("Phase “%(a)s” is not inside the campaign's dates."),
        PhaseProblem.OVERLAP: _("Phases “%(a)s” and “%(b)s” overlap."),
    }
    return [texts[p.code] % {"a": p.names[0], "b": p.names[-1]} for p in problems]


def _check_review_levels(campaign: Campaign) -> None:
    """At least one review level, each a known one and at most once (the order is the campaign's)."""
    levels = campaign.review_levels
    if not isinstance(levels, list) or not levels:
        raise ValidationError({"review_levels": _("Choose at least one review level.")})
    if any(level not in ReviewLevel.values for level in levels) or len(set(levels)) != len(levels):
        raise ValidationError({"review_levels": _("Each review level can appear only once.")})


def _check_dates(campaign: Campaign) -> None:
    errors = {}
    if campaign.end_date and campaign.start_date and campaign.end_date <= campaign.start_date:
        errors["end_date"] = _("The end date must be after the start date.")
    for field in ("interim_review_date", "final_review_date"):
        value = getattr(campaign, field)
        if value and campaign.start_date and value < campaign.start_date:
            errors[field] = _("A review cannot be held before the campaign starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def campaign_create(*, launching_organization, created_by=None, **fields) -> Campaign:
    """Create a draft campaign for ``launching_organization``."""
    campaign = Campaign(launching_organization=launching_organization, created_by=created_by, **fields)
    _check_dates(campaign)
    _check_review_levels(campaign)
    campaign.full_clean()
    campaign.save()
    CampaignEvent.objects.create(campaign=campaign, action="create", to_status=campaign.status, actor=created_by)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, actor=None, note: str = "", **fields) -> Campaign:
    """Change a campaign; after launch the change is a recorded correction (old → new, why)."""
    unknown = set(fields) - set(Campaign.EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"campaign_update got unknown fields: {sorted(unknown)}")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status in (CampaignStatus.FINALISED, CampaignStatus.ARCHIVED):
        raise ValidationError(_("A finalised or archived campaign can no longer be changed."))
    changes = {k: [str(getattr(campaign, k)), str(v)] for k, v in fields.items() if getattr(campaign, k) != v}
    if not changes:
        return campaign
    if not campaign.is_draft and not note.strip():
        raise ValidationError({"note": _("Say why a launched campaign is being corrected.")})
    for name, value in fields.items():
        setattr(campaign, name, value)
    _check_dates(campaign)
    _check_review_levels(campaign)
    campaign.full_clean()
    campaign.save()
    _check_phases(campaign)
    action = "edit" if campaign.is_draft else "correction"
    CampaignEvent.objects.create(campaign=campaign, action=action, actor=actor, changes=changes, note=note)
    return campaign


def _check_phases(campaign: Campaign) -> None:
    spans = [PhaseSpan(p.name, p.start_date, p.end_date) for p in campaign.phases.all()]
    problems = phase_problems(campaign_start=campaign.start_date, campaign_end=campaign.end_date, phases=spans)
    if problems:
        raise ValidationError(_phase_messages(problems))


@transaction.atomic
def phase_save(*, campaign: Campaign, phase: Phase | None = None, actor=None, **fields) -> Phase:
    """Add or change a phase; refused if any two phases would overlap or leave the campaign's dates."""
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # serialise phase edits per campaign
    if campaign.status in (CampaignStatus.FINALISED, CampaignStatus.ARCHIVED):
        raise ValidationError(_("A finalised or archived campaign can no longer be changed."))
    phase = phase or Phase(campaign=campaign, position=(campaign.phases.count() + 1))
    changes = {k: [_text(getattr(phase, k, None)), _text(v)] for k, v in fields.items() if getattr(phase, k, None) != v}
    for name, value in fields.items():
        setattr(phase, name, value)
    _check_window(phase)
    phase.full_clean(exclude=["campaign"])
    phase.save()
    _check_phases(campaign)
    if not campaign.is_draft:
        CampaignEvent.objects.create(
            campaign=campaign, action="phase_correction", actor=actor, changes={"phase": [None, phase.name], **changes}
        )
    return phase


def _text(value) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def _check_window(phase: Phase) -> None:
    """The submission window (hạn nộp) must not close before it opens; empty ends fall back to the phase's dates."""
    if not (phase.start_date and phase.end_date):
        return  # the model's own checks report the missing dates
    if phase.window_closes >= phase.window_opens:
        return
    if phase.submission_deadline is not None:
        raise ValidationError(
            {"submission_deadline": _("The submission deadline cannot be before the day submissions open.")}
        )
    raise ValidationError(
        {"submission_opens": _("Submissions cannot open after the phase ends when no deadline is set.")}
    )


@transaction.atomic
def phase_windows_open(
    *, campaign: Campaign, phases: Iterable[Phase], until: date, actor=None, note: str = ""
) -> list[Phase]:
    """Accept submissions for ``phases`` from today until ``until`` (phases whose window closed, e.g. before a late
    launch). Recorded on the campaign with each phase's old and new window."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status in (CampaignStatus.FINALISED, CampaignStatus.ARCHIVED):
        raise ValidationError(_("A finalised or archived campaign can no longer be changed."))
    today = timezone.localdate()
    if until < today:
        raise ValidationError({"window_until": _("Choose today or a later date.")})
    phases = list(campaign.phases.filter(pk__in=[p.pk for p in phases]).order_by("position"))
    changes = {}
    for phase in phases:
        old = f"{_text(phase.window_opens)} – {_text(phase.window_closes)}"
        phase.submission_opens, phase.submission_deadline = today, until
        phase.save(update_fields=["submission_opens", "submission_deadline", "updated_at"])
        changes[phase.name] = [old, f"{_text(today)} – {_text(until)}"]
    if phases:
        CampaignEvent.objects.create(
            campaign=campaign, action="submission_window", actor=actor, changes=changes, note=note.strip()
        )
    return phases


@transaction.atomic
def campaign_launch(
    *, campaign: Campaign, actor=None, note: str = "", open_phases: Iterable[Phase] = (), window_until=None
) -> Campaign:
    """Launch; phases already over may get a submission window (today … ``window_until``) in the same step."""
    open_phases = list(open_phases)
    if open_phases and window_until is None:
        raise ValidationError({"window_until": _("Choose the last day submissions are accepted.")})
    campaign = campaign_transition(campaign=campaign, action="launch", actor=actor, note=note)
    if open_phases:
        phase_windows_open(campaign=campaign, phases=open_phases, until=window_until, actor=actor)
    return campaign


@transaction.atomic
def campaign_transition(*, campaign: Campaign, action: str, actor=None, note: str = "") -> Campaign:
    """Move the campaign along its lifecycle; the status change is claimed with a conditional UPDATE."""
    allowed = TRANSITIONS.get(campaign.status, {})
    if action not in allowed:
        raise ValidationError(
            _("This step is not possible while the campaign is “%(status)s”.")
            % {"status": campaign.get_status_display()}
        )
    if action == "launch":
        _check_launchable(campaign)
    from_status, to_status = campaign.status, allowed[action]
    claimed = Campaign.objects.filter(pk=campaign.pk, status=from_status).update(status=to_status)
    if claimed != 1:
        raise ValidationError(_("Someone else changed this campaign at the same time. Reload and try again."))
    CampaignEvent.objects.create(
        campaign=campaign, action=action, from_status=from_status, to_status=to_status, actor=actor, note=note
    )
    campaign.refresh_from_db()
    audit_record(
        actor=actor,
        action=f"campaign.{action}",
        obj=campaign,
        before={"status": from_status},
        after={"status": to_status},
        reason=note,
    )
    for hook in TRANSITION_HOOKS.get(action, ()):
        hook(campaign=campaign, actor=actor)
    return campaign


# Apps built on campaigns say what must follow a lifecycle step (scoring: rank when scoring closes)
# by registering here from their AppConfig.ready(); campaigns never imports them.
TRANSITION_HOOKS: dict[str, list[Callable[..., object]]] = {}


def transition_hook_register(*, action: str, hook: Callable[..., object]) -> None:
    """Run ``hook(campaign=…, actor=…)`` inside the transaction of every ``action`` step (once per hook)."""
    hooks = TRANSITION_HOOKS.setdefault(action, [])
    if hook not in hooks:
        hooks.append(hook)


# Apps built on campaigns add what the confirmation page of a step should warn about (awards: units that never
# submitted a self-scoring before "Tổng kết"); each callable takes ``campaign=`` and returns sentences.
TRANSITION_WARNINGS: dict[str, list[Callable[..., list[str]]]] = {}


def transition_warning_register(*, action: str, warning: Callable[..., list[str]]) -> None:
    """Show ``warning(campaign=…)``'s sentences on the confirmation page of every ``action`` step (once each)."""
    warnings = TRANSITION_WARNINGS.setdefault(action, [])
    if warning not in warnings:
        warnings.append(warning)


def transition_warnings(*, campaign: Campaign, action: str) -> list[str]:
    """What the officer should know before ``action``: phases still running (before closing or finalising), then
    the registered apps' warnings."""
    found: list[str] = []
    if action in ("close_scoring", "finalise"):
        today = timezone.localdate()
        for phase in campaign.phases.filter(end_date__gte=today).order_by("position"):
            found.append(
                _("Phase “%(name)s” is still running (until %(date)s).")
                % {"name": phase.name, "date": phase.end_date.strftime("%d/%m/%Y")}
            )
    for warning in TRANSITION_WARNINGS.get(action, ()):
        found.extend(warning(campaign=campaign))
    return found


def _check_launchable(campaign: Campaign) -> None:
    if not campaign.phases.exists():
        raise ValidationError(_("Add at least one phase before launching."))
    _check_phases(campaign)
    problems = campaign_table_problems(campaign)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def campaign_delete(*, campaign: Campaign) -> None:
    """Delete a draft; anything launched is kept for the record."""
    deleted, _details = Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.DRAFT).delete()
    if not deleted:
        raise ValidationError(_("Only draft campaigns can be deleted."))
