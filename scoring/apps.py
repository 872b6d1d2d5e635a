from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "scoring"

    def ready(self):
        # When a campaign's scoring closes, rank every phase and the whole campaign (Celery, after commit).
        from campaigns.services import transition_hook_register

        from scoring.ranking_services import ranking_request_for_phase_close

        transition_hook_register(action="close_scoring", hook=ranking_request_for_phase_close)
