"""Shared pieces of the table forms: the amount field and the crispy helper of inline forms."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaigns.tables.services import number_text

TWO_DECIMALS = _("Enter at most 2 decimals, such as 0,25.")


class AmountField(forms.DecimalField):
    """A non-negative amount typed the Vietnamese way ("0,5") or the other ("0.5"); shown back as "0,5"."""

    def __init__(self, *, places: int = 2, digits: int = 7, required: bool = False, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(required=required, min_value=Decimal(0), max_digits=digits, decimal_places=places, **kwargs)
        self.error_messages.update(
            {
                "invalid": _("Enter a number, such as 0,25."),
                "min_value": _("The number cannot be negative."),
                "max_decimal_places": _("Enter at most %(max)s decimals.") if places != 2 else TWO_DECIMALS,
                "max_digits": _("The number is too large."),
                "max_whole_digits": _("The number is too large."),
            }
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        return number_text(value) if isinstance(value, Decimal) else value


def capitalise_labels(form) -> None:
    """Labels start with a capital, as Django does for the model's own fields (verbose names are lower case)."""
    for field in form.fields.values():
        if field.label:
            field.label = capfirst(field.label)


def helper(action: str | None, *, label=None, inline: bool = True, key: str = "") -> FormHelper:
    """A crispy helper posting to ``action`` (with htmx when ``inline``)."""
    form_helper = FormHelper()
    form_helper.add_input(Submit("submit", label or _("Save"), css_id=f"submit-{key}" if key else None))
    if action:
        form_helper.form_action = action
        if inline:
            form_helper.attrs = {"hx-post": action}
    return form_helper
