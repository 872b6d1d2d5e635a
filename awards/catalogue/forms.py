"""Catalogue forms: input shape only (ranges, overlaps and versions are the services' business)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from awards.catalogue.services import RULE_FIELDS
from awards.enums import AwardCategory, AwardLevel, DecidingAuthority, PrerequisiteScope, RecipientKind
from awards.models import AwardType
from organizations.models import Organization

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AwardTypeForm(forms.Form):
    """A catalogue row. ``mode``: "create" (code and owner too), "update", or "version" (a new dated copy)."""

    def __init__(
        self, *args, mode: str, award_type: AwardType | None = None, owner_choices=None, allow_national=False, **kwargs
    ):
        if award_type is not None and "initial" not in kwargs:
            initial = model_to_dict(award_type, fields=RULE_FIELDS)
            if mode == "version":
                initial.pop("valid_from")
                initial.pop("valid_to")
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        if mode == "create":
            self.fields["code"] = forms.CharField(
                label=_("Code"), max_length=40, help_text=_("Stable across versions, e.g. CSTD_CS.")
            )
            self.fields["owner"] = forms.ModelChoiceField(
                label=_("Defined by"),
                queryset=owner_choices if owner_choices is not None else Organization.objects.none(),
                required=not allow_national,
                empty_label=_("National regulations") if allow_national else _("— Choose —"),
                help_text=_("Empty for titles of the national regulations; an organisation for its own titles."),
            )
        self.fields.update(fields_for_model(AwardType, fields=RULE_FIELDS))
        for name in ("valid_from", "valid_to"):
            self.fields[name].widget = DATE_WIDGET
        self.fields["legal_basis"].widget.attrs["rows"] = 3
        self.fields["threshold_percent"].widget.attrs.update({"min": "0.01", "max": "100", "step": "0.01"})
        self.fields["minimum_points"].widget.attrs.update({"min": "0", "step": "0.01"})
        self.fields["valid_from"].required = True
        # Left out (an older form, an API client): keep the row's authority, else the organisation's own.
        self.fields["decided_by"].required = False
        self.kept_decided_by = award_type.decided_by if award_type is not None else DecidingAuthority.OWN
        self.helper = FormHelper()
        labels = {"create": _("Add to the catalogue"), "update": _("Save"), "version": _("Create the new version")}
        self.helper.add_input(Submit("submit", labels[mode]))

    def clean_decided_by(self):
        return self.cleaned_data.get("decided_by") or self.kept_decided_by


class PrerequisiteForm(forms.Form):
    required_code = forms.CharField(label=_("Required title (code)"), max_length=40)
    times = forms.IntegerField(label=_("Times"), min_value=1, max_value=50, initial=1)
    scope = forms.ChoiceField(label=_("When"), choices=PrerequisiteScope.choices, initial=PrerequisiteScope.CONSECUTIVE)

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_class = "row g-2 align-items-end"
        self.helper.field_class = ""
        self.helper.add_input(Submit("submit", _("Add the prerequisite"), css_class="btn-outline-primary"))


def _with_all(choices):
    return [("", _("All")), *choices]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    recipient_kind = forms.ChoiceField(label=_("Awarded to"), required=False, choices=_with_all(RecipientKind.choices))
    level = forms.ChoiceField(label=_("Awarding level"), required=False, choices=_with_all(AwardLevel.choices))
    category = forms.ChoiceField(label=_("Category"), required=False, choices=_with_all(AwardCategory.choices))
    valid_on = forms.DateField(label=_("Valid on"), required=False, widget=DATE_WIDGET)
    include_closed = forms.BooleanField(label=_("Include closed versions and inactive rows"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("apply", _("Filter"), css_class="btn-outline-secondary"))
