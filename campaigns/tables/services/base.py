"""What the table services share: the edit lock, the participant kinds a scope takes, and the engine's messages in
the officer's language (numbers written "0,25" in Vietnamese)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from campaigns import points as pt
from campaigns.enums import CampaignStatus, ParticipantKind, ParticipantScope
from campaigns.models import Campaign

SCOPE_KINDS = {
    ParticipantScope.COLLECTIVE: (ParticipantKind.COLLECTIVE,),
    ParticipantScope.INDIVIDUAL: (ParticipantKind.INDIVIDUAL,),
    ParticipantScope.BOTH: (ParticipantKind.COLLECTIVE, ParticipantKind.INDIVIDUAL),
}


def number_text(value: Decimal) -> str:
    """A number as people write it in the active language: "0,5" in Vietnamese, "0.5" in English."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return formats.number_format(Decimal(text), decimal_pos=None, use_l10n=True)


# The engine names a setting by its key (“bands”, “cap”…) inside its messages; officers read these words instead.
FIELD_LABELS = {
    "standard_points": gettext_lazy("standard points"),
    "max_points": gettext_lazy("maximum points"),
    "deduction_cap": gettext_lazy("cap on all deductions"),
    "bonus_cap": gettext_lazy("bonus cap"),
    "penalty_cap": gettext_lazy("penalty cap"),
    "total_standard_points": gettext_lazy("declared total"),
    "minimum_points": gettext_lazy("minimum points (điểm liệt)"),
    "points": gettext_lazy("points"),
    "bonus": gettext_lazy("points added for yes"),
    "deduction": gettext_lazy("points deducted for no"),
    "cap": gettext_lazy("at most"),
    "above": gettext_lazy("counted above"),
    "from": pgettext_lazy("range", "from"),
    "below": pgettext_lazy("range", "below"),
    "bands": gettext_lazy("bands"),
    "rows": gettext_lazy("rows of the lookup"),
    "columns": gettext_lazy("columns of the lookup"),
    "table": gettext_lazy("the table"),
}


def translate(message) -> str:
    """A message of ``points`` in the active language, numbers as written there ("0,25"); strings pass through."""
    if not isinstance(message, pt.Message):
        return str(message)
    params = {key: _label(key, value) for key, value in message.params.items()}
    return pt.Message(message.template, **params).translate(_, number_format=number_text)


def _label(key: str, value):
    if key in ("field", "where") and isinstance(value, str) and value in FIELD_LABELS:
        return str(FIELD_LABELS[value])
    return value


def lock_editable(campaign: Campaign) -> Campaign:
    """Lock the campaign row; refuse unless it is still a draft."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status in (CampaignStatus.FINALISED, CampaignStatus.ARCHIVED):
        raise ValidationError(_("A finalised or archived campaign can no longer be changed."))
    if locked.status != CampaignStatus.DRAFT:
        raise ValidationError(_("Scoring tables and tiers can only be changed while the campaign is a draft."))
    return locked


AMOUNT_TEMPLATES = {pt.AMOUNT_NOT_A_NUMBER, pt.AMOUNT_NEGATIVE, pt.AMOUNT_TOO_PRECISE}
