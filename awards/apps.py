from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendation and awards")

    def ready(self):
        from awards.ledger.views import profile_section, results_section  # lazy: registry
        from awards.reports.services import never_submitted_warning, report_on_finalise  # lazy: registry
        from campaigns.planning.services import transition_hook_register, transition_warning_register  # lazy: registry
        from common.files import private_folder_register  # lazy: registry
        from organizations.profile import ORGANIZATION, PERSON, profile_section_register  # lazy: registry
        from scoring.results.sections import results_section_register  # lazy: registry

        # Award history and any current disciplinary review on the person and organisation pages
        # (organizations renders registered sections without importing awards).
        profile_section_register(PERSON, profile_section)
        profile_section_register(ORGANIZATION, profile_section)
        # The participant's awards and certificates on its results page (scoring never imports awards).
        results_section_register(results_section)
        # "Tổng kết" prepares the final report; closing and finalising warn about units that never submitted.
        transition_hook_register(action="finalise", hook=report_on_finalise)
        for action in ("close_scoring", "finalise"):
            transition_warning_register(action=action, warning=never_submitted_warning)
        for folder, model, field in (
            ("awards/dossiers", "awards.NominationDocument", "file"),
            ("awards/certificates", "awards.Certificate", "file"),
            ("awards/decisions", "awards.DecisionDocument", "file"),
            ("awards/minutes", "awards.CouncilSession", "minutes_file"),
            ("awards/reports", "awards.CampaignReport", "docx"),
            ("awards/reports", "awards.CampaignReport", "pdf"),
            ("awards/reports", "awards.CampaignReport", "xlsx"),
        ):
            private_folder_register(folder, model=model, field=field)
