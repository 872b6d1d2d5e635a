from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = _("Scoring and ranking")

    def ready(self):
        from campaigns.planning.services import transition_hook_register  # lazy: registry
        from common.files import private_folder_register  # lazy: registry
        from scoring.notices import ranking_published  # lazy: registry
        from scoring.ranking.services import ranking_request_for_phase_close  # lazy: registry

        # When a campaign's scoring closes, rank every phase and the whole campaign (Celery, after commit).
        transition_hook_register(action="close_scoring", hook=ranking_request_for_phase_close)
        # Finalising publishes the results: the participants are told.
        transition_hook_register(action="finalise", hook=ranking_published)
        private_folder_register("scoring/evidence", model="scoring.Evidence", field="file")
