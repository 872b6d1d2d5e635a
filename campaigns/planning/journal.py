"""The campaign journal in words: field labels instead of field names, choice names, local dates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from campaigns.models import Campaign, CampaignEvent, Phase

EMPTY = "—"


def _readable_value(field, value) -> str:
    if value in (None, "", "None"):
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField):
        try:
            return date_format(date.fromisoformat(str(value)[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return str(value)
    if isinstance(field, models.BooleanField):
        return _("yes") if str(value) in ("True", "true", "1") else _("no")
    return str(value)


def _readable_change(name: str, old, new) -> tuple[str, str, str]:
    """A field of the campaign or of a phase by its label; any other key (a phase's name) as it is."""
    for model in (Campaign, Phase):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(field, "verbose_name", None):
            return capfirst(str(field.verbose_name)), _readable_value(field, old), _readable_value(field, new)
    return name, str(old) if old not in (None, "") else EMPTY, str(new) if new not in (None, "") else EMPTY


def change_rows(event: CampaignEvent) -> list[tuple[str, str, str]]:
    """The changes recorded on ``event`` as (label, old, new)."""
    rows = []
    for name, values in (event.changes or {}).items():
        old, new = (list(values) + [None, None])[:2] if isinstance(values, list) else (None, values)
        rows.append(_readable_change(name, old, new))
    return rows


def journal(campaign: Campaign, *, limit: int = 30) -> list[CampaignEvent]:
    """The latest events with the actor's person (for their name) and the changes in words (``rows``)."""
    events = list(campaign.events.select_related("actor__person")[:limit])
    for event in events:
        event.rows = change_rows(event)  # type: ignore[attr-defined]
    return events
