"""Forms for scoring tables, groups, rule lines, tiers and the Excel import: input shape only.

The engine (through the services) checks the rules: sums, ranges, what each rule kind needs. Inline forms post with
htmx to ``action``; their fragment's wrapper is the swap target, so errors come back in place with what was typed.
"""

from crispy_forms.layout import Div, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from campaigns.enums import ParticipantKind, RuleKind, RulePer
from campaigns.models import CriterionGroup, CriterionRule, ScoringTable
from campaigns.tables.forms.fields import AmountField, capitalise_labels, helper
from common.uploads import XLSX, check_upload, sniff_type


class TableForm(forms.ModelForm):
    """The table's settings; ``participant_kind`` only when creating, limited to the kinds taking part."""

    declared_total = AmountField(label=_("declared total"), required=True)
    bonus_cap = AmountField(label=_("bonus cap"), help_text=_("Empty: no cap on the bonuses of the table."))
    penalty_cap = AmountField(label=_("penalty cap"))

    class Meta:
        model = ScoringTable
        fields = ["participant_kind", "declared_total", "bonus_cap", "penalty_cap"]

    def __init__(self, *args, action: str | None = None, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["participant_kind"]
        else:
            self.fields["participant_kind"].choices = [(k, ParticipantKind(k).label) for k in kinds or ()]
        capitalise_labels(self)
        self.helper = helper(action, inline=False)


class GroupForm(forms.ModelForm):
    """A group; ``parent`` chooses among the table's groups (passed in, so rendering runs no query)."""

    parent = forms.TypedChoiceField(label=_("inside group"), coerce=int, required=False, empty_value=None)
    max_points = AmountField(
        label=_("maximum points"), help_text=_("As declared in the document; the editor compares it with the sum.")
    )

    class Meta:
        model = CriterionGroup
        fields = ["code", "title", "max_points"]  # ``parent`` is a pk of this table's groups, resolved by the view
        widgets = {"code": forms.TextInput(attrs={"size": 6})}

    def __init__(self, *args, action: str | None = None, key: str = "new", groups=(), **kwargs):
        kwargs.setdefault("auto_id", f"id_g{key}_%s")  # several inline forms can share a page
        super().__init__(*args, **kwargs)
        own = self.instance.pk
        choices = [(pk, label) for pk, label in groups if pk != own]
        self.fields["parent"].choices = [("", _("— top level (a standard) —")), *choices]
        capitalise_labels(self)
        if own and not self.is_bound:
            self.initial["parent"] = self.instance.parent_id
        self.helper = helper(action, key=f"g{key}")
        self.helper.form_class = "td-inline-form"
        self.helper.layout = Layout(
            Div(
                Div("code", css_class="col-sm-2"),
                Div("title", css_class="col-sm-5"),
                Div("max_points", css_class="col-sm-2"),
                Div("parent", css_class="col-sm-3"),
                css_class="row",
            )
        )


RULE_KINDS_OF = {  # which rule kinds use a field (the others are hidden by CSS and cleared by the service)
    "per": ("deduction", "bonus"),
    "points": ("deduction", "bonus", "step_bonus"),
    "bonus": ("either",),
    "deduction": ("either",),
    "above": ("step_bonus",),
    "step": ("step_bonus",),
    "cap": ("deduction", "bonus", "either", "step_bonus"),
    "only_without_deductions": ("bonus", "either", "step_bonus"),
}


def _kind_classes(name: str) -> str:
    return " ".join(["td-kind", *(f"td-for-{kind}" for kind in RULE_KINDS_OF[name])])


class RuleForm(forms.ModelForm):
    """A rule line (deduction, bonus, yes/no either, step bonus, gate) of one criterion."""

    points = AmountField(label=_("points"))
    bonus = AmountField(label=_("points added for yes"))
    deduction = AmountField(label=_("points deducted for no"))
    above = AmountField(label=_("counted above"), places=4, digits=14)
    step = AmountField(label=_("step"), places=4, digits=14)
    cap = AmountField(label=_("at most"), help_text=_("Empty: no cap of its own."))

    class Meta:
        model = CriterionRule
        fields = [
            "code",
            "kind",
            "per",
            "text",
            "points",
            "bonus",
            "deduction",
            "above",
            "step",
            "cap",
            "only_without_deductions",
            "input_label",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "code": forms.TextInput(attrs={"size": 8})}
        help_texts = {"text": _("The line as written in the document, e.g. “Mỗi báo cáo trễ hạn: trừ 0,5 điểm”.")}

    def __init__(self, *args, action: str | None = None, key: str = "new", **kwargs):
        kwargs.setdefault("auto_id", f"id_r{key}_%s")
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RuleKind.choices
        self.fields["per"].choices = [("", "—"), *RulePer.choices]
        capitalise_labels(self)
        self.helper = helper(action, key=f"r{key}")
        self.helper.form_class = "td-rule-form"
        self.helper.layout = Layout(
            Div(
                Div("code", css_class="col-sm-2"),
                Div("kind", css_class="col-sm-4"),
                Div("per", css_class=f"col-sm-3 {_kind_classes('per')}"),
                css_class="row",
            ),
            "text",
            Div(
                *(Div(name, css_class=f"col-sm-2 {_kind_classes(name)}") for name in RULE_AMOUNTS),
                css_class="row",
            ),
            Div(
                Div("only_without_deductions", css_class=f"col-sm-6 {_kind_classes('only_without_deductions')}"),
                Div("input_label", css_class="col-sm-6"),
                css_class="row",
            ),
        )


RULE_AMOUNTS = ("points", "bonus", "deduction", "above", "step", "cap")


class TierForm(forms.Form):
    name = forms.CharField(label=_("Tier"), max_length=100, widget=forms.TextInput(attrs={"class": "form-control"}))
    lower_bound = AmountField(
        label=_("From (points)"), required=True, widget=forms.TextInput(attrs={"class": "form-control"})
    )


TierFormSet = forms.formset_factory(TierForm, extra=0, can_delete=True, max_num=30, absolute_max=60)


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
        self.helper = helper(action, label=_("Import"), inline=False)

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
