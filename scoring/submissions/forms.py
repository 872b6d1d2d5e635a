"""Forms for self-scoring: input shape only (the services turn input into points and check the rules).

Several score forms share the scoring page, so each has a prefix made from its score's id.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns import scoring_rules as sr
from campaigns.tables.services import translate
from scoring.models import Score

YES, NO = "yes", "no"
MAX_INPUT = Decimal(10) ** 11  # far above any real value; keeps Score.value (14 digits) safe
WHOLE_NUMBER = re.compile(r"[+-]?\d+")


def score_prefix(score: Score) -> str:
    return f"s{score.pk}"


def parse_input(method: str, code: str, text: str):
    """The typed text as the method's type (Decimal, bool or int); None when empty. Accepts 4,5 and 4.5."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if method == sr.Method.BOOLEAN:
        if text not in (YES, NO):
            raise ValidationError(translate(sr.Message(sr.NOT_A_YES_NO, code=code)))
        return text == YES
    if method == sr.Method.COUNT:
        if not WHOLE_NUMBER.fullmatch(text):
            raise ValidationError(translate(sr.Message(sr.NOT_A_WHOLE_NUMBER, code=code)))
        return int(text)
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= MAX_INPUT:
        raise ValidationError(translate(sr.Message(sr.NOT_A_NUMBER, code=code)))
    return number


def display_input(score: Score) -> str:
    """The stored input as the unit typed it (4.5, 12, yes / no)."""
    if score.value is None:
        return ""
    if score.criterion.method == sr.Method.BOOLEAN:
        return YES if score.value else NO
    text = format(score.value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class ScoreForm(forms.Form):
    """One criterion's input, explanation and the version the page was showing (optimistic lock)."""

    value = forms.CharField(label=_("Your input"), required=False, max_length=30)
    note = forms.CharField(
        label=_("Explanation"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, score: Score, **kwargs):
        kwargs.setdefault("prefix", score_prefix(score))
        kwargs.setdefault("initial", {"value": display_input(score), "note": score.self_note, "version": score.version})
        super().__init__(*args, **kwargs)
        self.score = score
        criterion = score.criterion
        if criterion.method == sr.Method.BOOLEAN:
            self.fields["value"].widget = forms.Select(choices=[("", "—"), (YES, _("Yes")), (NO, _("No"))])
        elif criterion.method == sr.Method.COUNT:
            self.fields["value"].widget = forms.TextInput(attrs={"inputmode": "numeric"})
        else:
            self.fields["value"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        is_select = criterion.method == sr.Method.BOOLEAN
        self.fields["value"].widget.attrs["class"] = "form-select" if is_select else "form-control"
        self.fields["note"].widget.attrs["class"] = "form-control"

    def clean_value(self):
        criterion = self.score.criterion
        return parse_input(criterion.method, criterion.code, self.cleaned_data["value"])


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"), allow_empty_file=True)

    def __init__(self, *args, score: Score, **kwargs):
        kwargs.setdefault("prefix", f"e{score.pk}")
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update(
            {"class": "form-control form-control-sm", "accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}
        )


class ReopenForm(forms.Form):
    until = forms.DateField(
        label=_("Open for this unit until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("submit", _("Reopen for this unit"), css_class="btn-outline-primary"))
