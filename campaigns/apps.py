from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from common.files import private_folder_register  # lazy: registry

        private_folder_register("campaigns/plans", model="campaigns.Campaign", field="plan_document")
