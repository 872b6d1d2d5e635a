"""The notification preferences form: one choice of delivery per event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.enums import NotificationDelivery, NotificationEvent


class PreferencesForm(forms.Form):
    """A select per event; every field is required and limited to the known deliveries."""

    def __init__(self, *args, initial_deliveries: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for event, label in NotificationEvent.choices:
            self.fields[event] = forms.ChoiceField(
                label=label,
                choices=NotificationDelivery.choices,
                initial=initial_deliveries.get(event, NotificationDelivery.IMMEDIATE),
                error_messages={"invalid_choice": _("Choose one of the listed ways.")},
            )
