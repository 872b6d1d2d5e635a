from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    THEMATIC = "thematic", _("Thematic")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched")
    SCORING_CLOSED = "scoring_closed", _("Scoring closed")
    FINALISED = "finalised", _("Finalised")
    ARCHIVED = "archived", _("Archived")


class ParticipantScope(models.TextChoices):
    COLLECTIVE = "collective", _("Collectives only")
    INDIVIDUAL = "individual", _("Individuals only")
    BOTH = "both", _("Collectives and individuals")


class ParticipantKind(models.TextChoices):
    COLLECTIVE = "collective", pgettext_lazy("participant kind", "Collective")
    INDIVIDUAL = "individual", pgettext_lazy("participant kind", "Individual")


class PhaseCombination(models.TextChoices):
    WEIGHTED = "weighted", _("Weighted combination of phases")
    LAST_PHASE = "last_phase", _("Last phase only")


# Allowed lifecycle moves: from status -> {action: to status}.
TRANSITIONS: dict[str, dict[str, str]] = {
    CampaignStatus.DRAFT: {"launch": CampaignStatus.LAUNCHED},
    CampaignStatus.LAUNCHED: {"close_scoring": CampaignStatus.SCORING_CLOSED},
    CampaignStatus.SCORING_CLOSED: {"reopen_scoring": CampaignStatus.LAUNCHED, "finalise": CampaignStatus.FINALISED},
    CampaignStatus.FINALISED: {"archive": CampaignStatus.ARCHIVED},
    CampaignStatus.ARCHIVED: {},
}
