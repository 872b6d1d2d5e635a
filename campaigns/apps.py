from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"

    def ready(self):
        from common.files import private_folder_register  # lazy: registry

        private_folder_register("campaigns/plans", model="campaigns.Campaign", field="plan_document")
