from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from campaigns.notices import campaign_launched  # lazy: registry
        from campaigns.planning.services import transition_hook_register  # lazy: registry
        from common.files import private_folder_register  # lazy: registry

        # Launching a campaign tells its participants' scorers (in the launch's transaction).
        transition_hook_register(action="launch", hook=campaign_launched)

        private_folder_register("campaigns/plans", model="campaigns.Campaign", field="plan_document")
