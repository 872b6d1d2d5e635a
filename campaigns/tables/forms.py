"""Forms for scoring tables, groups, criteria, tiers and the Excel import: input shape only.

Services check the rules (steps of 0.25, totals, tiers descending to 0). Inline forms post with htmx to
``action``; their fragment's wrapper is the swap target, so errors come back in place with what was typed.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from campaigns.enums import ParticipantKind
from campaigns.models import Criterion, CriterionGroup, ScoringTable
from common.uploads import XLSX, check_upload, sniff_type

POINTS = forms.NumberInput(attrs={"step": "0.25", "min": "0"})
TIER_POINTS = forms.NumberInput(attrs={"step": "0.01", "min": "0", "class": "form-control"})


def _helper(action: str | None, *, label=None, inline: bool = True, key: str = "") -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label or _("Save"), css_id=f"submit-{key}" if key else None))
    if action:
        helper.form_action = action
        if inline:
            helper.attrs = {"hx-post": action}
    return helper


class TableForm(forms.ModelForm):
    """The table's settings; ``participant_kind`` only when creating, limited to the kinds taking part."""

    class Meta:
        model = ScoringTable
        fields = ["participant_kind", "declared_total", "bonus_cap", "penalty_cap"]
        widgets = {"declared_total": POINTS, "bonus_cap": POINTS, "penalty_cap": POINTS}

    def __init__(self, *args, action: str | None = None, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["participant_kind"]
        else:
            self.fields["participant_kind"].choices = [(k, ParticipantKind(k).label) for k in kinds or ()]
        self.helper = _helper(action, inline=False)


class GroupForm(forms.ModelForm):
    class Meta:
        model = CriterionGroup
        fields = ["code", "title"]
        widgets = {"code": forms.TextInput(attrs={"size": 6})}

    def __init__(self, *args, action: str | None = None, key: str = "new", **kwargs):
        kwargs.setdefault("auto_id", f"id_g{key}_%s")  # several inline forms can share a page
        super().__init__(*args, **kwargs)
        self.helper = _helper(action, key=f"g{key}")
        self.helper.form_class = "td-inline-form"


class CriterionForm(forms.ModelForm):
    """One criterion; the fields of the other methods are hidden by CSS and cleared by the service."""

    class Meta:
        model = Criterion
        fields = [
            "code",
            "text",
            "max_points",
            "kind",
            "method",
            "target_value",
            "target_unit",
            "count_minimum",
            "count_partial",
            "minimum_points",
            "evidence_required",
            "guidance",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "guidance": forms.Textarea(attrs={"rows": 2}),
            "max_points": POINTS,
            "minimum_points": POINTS,
        }
        help_texts = {
            "target_unit": _("For example “% văn bản điện tử”."),
            "minimum_points": _("Below it the participant cannot reach the top tier."),
        }

    def __init__(self, *args, action: str | None = None, key: str = "new", **kwargs):
        kwargs.setdefault("auto_id", f"id_c{key}_%s")
        super().__init__(*args, **kwargs)
        self.helper = _helper(action, key=f"c{key}")
        self.helper.form_class = "td-criterion-form"
        self.helper.layout = Layout(
            Div(Div("code", css_class="col-sm-3"), Div("text", css_class="col-sm-9"), css_class="row"),
            Div(
                Div("max_points", css_class="col-sm-4"),
                Div("kind", css_class="col-sm-4"),
                Div("method", css_class="col-sm-4"),
                css_class="row",
            ),
            Div(
                Div("target_value", css_class="col-sm-4"),
                Div("target_unit", css_class="col-sm-8"),
                css_class="row td-method-target",
            ),
            Div(
                Div("count_minimum", css_class="col-sm-4"),
                Div("count_partial", css_class="col-sm-8"),
                css_class="row td-method-count",
            ),
            Div(
                Div("minimum_points", css_class="col-sm-4"),
                Div("evidence_required", css_class="col-sm-8"),
                css_class="row",
            ),
            "guidance",
        )


class TierForm(forms.Form):
    name = forms.CharField(label=_("Tier"), max_length=100, widget=forms.TextInput(attrs={"class": "form-control"}))
    lower_bound = forms.DecimalField(
        label=_("From (points)"), max_digits=7, decimal_places=2, min_value=0, widget=TIER_POINTS
    )


TierFormSet = forms.formset_factory(TierForm, extra=2, can_delete=True)


class TableImportForm(forms.Form):
    participant_kind = forms.ChoiceField(label=_("Table for"))
    file = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        help_text=_("An existing table of this kind is replaced. Nothing is written if any row is wrong."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, action: str | None = None, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant_kind"].choices = [(k, ParticipantKind(k).label) for k in kinds]
        self.helper = _helper(action, label=_("Import"), inline=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s); at most %(limit)s is accepted."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
            )
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("The file is not a valid Excel workbook (.xlsx)."))
        upload.seek(0)
        content = upload.read()
        upload.seek(0)
        if content.startswith(b"PK") or sniff_type(content):  # an archive: no macros, links or zip bomb
            check_upload(upload, allowed={XLSX}, max_bytes=settings.IMPORT_MAX_BYTES)
        return upload
