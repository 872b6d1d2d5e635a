"""The yearly input page of the statistics forms: numbers that are not in the data. Input shape only."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import StatisticsInput


class StatisticsInputForm(forms.ModelForm):
    class Meta:
        model = StatisticsInput
        fields = [
            "receiving_unit",
            "dedicated_bodies",
            "staff_full_time",
            "staff_full_time_women",
            "staff_part_time",
            "staff_part_time_women",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            if name != "receiving_unit":
                self.fields[name].widget.attrs.update({"min": 0, "max": 1_000_000})
                self.fields[name].max_value = 1_000_000
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))

    def clean(self):
        data = super().clean()
        for total, women in (
            ("staff_full_time", "staff_full_time_women"),
            ("staff_part_time", "staff_part_time_women"),
        ):
            if (data.get(women) or 0) > (data.get(total) or 0):
                self.add_error(women, _("Cannot be more than the staff it is part of."))
        return data
