"""Forms of the decision part: input shape only; the services check states and numbering."""

from __future__ import annotations

import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.catalogue.authority import awards_within_authority
from awards.decisions.numbering import symbol_is_valid
from awards.decisions.services.drafts import HEADER_FIELDS
from awards.documents import DEFAULT_CALIBRATION, validate_calibration
from awards.enums import DecisionKind
from awards.models import AwardDecision, CertificateTemplate, DecisionRecipient
from campaigns.models import Campaign
from common.forms import BoundedJSONField
from organizations.models import Organization, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class DecisionCreateForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Issuing organisation"))
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(),
        label=_("Campaign"),
        required=False,
        help_text=_("Its approved nominations become the decision's recipients."),
    )

    def __init__(self, *args, organizations, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["campaign"].queryset = campaigns
        self.helper = _helper(_("Create the draft"))


class DecisionForm(forms.ModelForm):
    regenerate_basis = forms.BooleanField(
        label=_("Generate the legal basis again"),
        required=False,
        help_text=_(
            "Replaces the legal basis above with the texts in force on the planned date, the plan and the council's "
            "minutes."
        ),
    )

    class Meta:
        model = AwardDecision
        fields = list(HEADER_FIELDS)
        widgets = {
            "decision_date": DATE,
            "legal_basis": forms.Textarea(attrs={"rows": 5}),
            "article_2": forms.Textarea(attrs={"rows": 3}),
            "article_3": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 3}),
            "recipients_of_copies": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "title": forms.TextInput(),
            "proposal": forms.TextInput(),
        }
        labels = {"decision_date": _("Planned date")}
        help_texts = {"decision_date": _("The legal basis is generated for this date; the signer confirms the date.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind == DecisionKind.AWARD:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True
        for name in ("place", "article_2", "article_3"):
            self.fields[name].required = True  # a decision cannot be issued without them
        self.helper = _helper(_("Save"))


class RecipientForm(forms.ModelForm):
    class Meta:
        model = DecisionRecipient
        fields = [
            "person",
            "organization",
            "award_type",
            "recipient_name",
            "recipient_detail",
            "achievement",
            "position",
        ]
        widgets = {"achievement": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, decision: AwardDecision, **kwargs):
        super().__init__(*args, **kwargs)
        org = decision.issuing_organization
        if self.instance.pk:
            del self.fields["person"], self.fields["organization"]
        else:
            self.fields["person"].queryset = Person.objects.filter(organization__path__startswith=org.path)
            self.fields["organization"].queryset = Organization.objects.filter(path__startswith=org.path)
            self.fields["person"].help_text = _("An individual, or …")
            self.fields["organization"].help_text = _("… a collective (exactly one of the two).")
        # Only the awards the issuing organisation may decide; anything else is proposed to the level above.
        within = awards_within_authority(org)
        self.fields["award_type"].queryset = within.filter(is_active=True).order_by("name", "-valid_from")
        self.helper = _helper(_("Save"))

    def clean(self):
        data = super().clean()
        if not self.instance.pk and bool(data.get("person")) == bool(data.get("organization")):
            raise forms.ValidationError(_("Choose either a person or an organisation."))
        return data


class IssueForm(forms.Form):
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE)
    symbol = forms.CharField(
        label=_("Number symbol"),
        max_length=40,
        required=False,
        help_text=_("Used for the first decision of the year, e.g. QĐ-BTG for numbers like 45/QĐ-BTG."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("decision_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Issue the decision"))
        self.helper.form_tag = False
        self.helper.inputs = []

    def clean_symbol(self):
        symbol = unicodedata.normalize("NFC", self.cleaned_data.get("symbol", "").strip())
        if symbol and not symbol_is_valid(symbol):
            raise forms.ValidationError(
                _(
                    "The symbol may contain only letters (Vietnamese included), digits and “-”, e.g. QĐ-BTG; the "
                    "“/” between the number and the symbol is added by itself."
                ),
                code="symbol",
            )
        return symbol


class FollowupForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (DecisionKind.CORRECTION, DecisionKind.CORRECTION.label),
            (DecisionKind.REVOCATION, DecisionKind.REVOCATION.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Create the draft"))


class VerifySerialForm(forms.Form):
    """The serial printed on a certificate (Số: BTGTUST-2024-000001), for the public verify page."""

    serial = forms.CharField(
        label=_("Certificate serial"),
        max_length=40,
        help_text=_("As printed on the certificate after “Số:”, e.g. BTGTUST-2024-000001."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Verify"))
        self.helper.form_method = "get"
        self.helper.form_action = "verify-search"
        self.helper.disable_csrf = True


class CertificateTemplateForm(forms.ModelForm):
    calibration = BoundedJSONField(
        label=_("Field positions (JSON, millimetres)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "font-monospace"}),
        help_text=_(
            "Each field: x_mm, y_mm, width_mm, font_size_pt and optionally visible. Fields left out keep their default."
        ),
    )

    class Meta:
        model = CertificateTemplate
        fields = ["organization", "name", "calibration"]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.initial.get("calibration"):
            self.initial["calibration"] = DEFAULT_CALIBRATION
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
        self.helper = _helper(_("Save"))

    def clean_calibration(self):
        calibration = self.cleaned_data.get("calibration") or {}
        validate_calibration(calibration)  # raises ValidationError listing every problem
        return calibration


class OverlayForm(forms.Form):
    certificate = forms.TypedChoiceField(label=_("Certificate"), coerce=int)
    template = forms.ModelChoiceField(
        queryset=CertificateTemplate.objects.none(), label=_("Blank certificate template")
    )

    def __init__(self, *args, certificates, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].choices = certificates
        self.fields["template"].queryset = templates
