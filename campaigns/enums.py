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


class CriterionMethod(models.TextChoices):
    """Same values as ``scoring_rules.Method`` (a test keeps them in step)."""

    MANUAL = "manual", _("Points entered by hand")
    TARGET = "target", _("Achievement against a target")
    BOOLEAN = "boolean", _("Yes / no")
    COUNT = "count", _("Count with a required minimum")


class CriterionKind(models.TextChoices):
    """Same values as ``scoring_rules.Kind``."""

    REGULAR = "regular", _("Regular criterion")
    BONUS = "bonus", _("Bonus points")
    PENALTY = "penalty", _("Penalty points")


class ProductType(models.TextChoices):
    SCHEME = "scheme", _("Scheme (đề án)")
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Guide")
    ARTICLE = "article", _("Article")
    INITIATIVE = "initiative", _("Initiative")
    OTHER = "other", _("Other")


class ProductStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Completed")
