from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"

    def ready(self):
        # Award history and any current disciplinary review on the person and organisation pages
        # (organizations renders registered sections without importing awards).
        from organizations.profile import ORGANIZATION, PERSON, profile_section_register

        from awards.history_views import profile_section

        profile_section_register(PERSON, profile_section)
        profile_section_register(ORGANIZATION, profile_section)
