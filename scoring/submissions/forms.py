"""Forms for self-scoring and review: input shape only (the engine turns answers into points and checks them).

A criterion's form has one field per answer its base method and rule lines take (``value``, ``size``, ``count``,
``points``, ``target``, ``part_<code>``, ``rule_<code>``); numbers are kept as typed ("0,5" or "0.5") and read by
``campaigns/points/``. Several forms share a page, so each has a prefix made from its score's id.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns import points as pt
from campaigns.tables.services import number_text, translate
from scoring.models import Score

YES, NO = "yes", "no"
MAX_TEXT = 30
# The base method's answers: field name → (label, numeric keyboard hint).
BASE_FIELDS = {
    pt.BaseKind.BANDS: ("value",),
    pt.BaseKind.TARGET: ("value",),
    pt.BaseKind.COUNT_MINIMUM: ("count",),
    pt.BaseKind.LOOKUP: ("size", "value"),
    pt.BaseKind.MANUAL: ("points",),
    pt.BaseKind.RELATIVE_TO_LEADER: ("value", "target"),
}
DEFAULT_LABELS = {
    "value": _("Value achieved"),
    "size": _("Size"),
    "count": _("Number"),
    "points": _("Points"),
    "target": _("Target"),
}
WHOLE = {"count"}
# The engine's input problems as short messages shown next to the field they are about (the field's label is
# shown with them); any other problem is shown with the engine's own (translated) text.
FIELD_MESSAGES = {
    pt.FIELD_NOT_A_NUMBER: _("Enter a number, for example 12 or 0,5."),
    pt.RULE_NOT_A_NUMBER: _("Enter a number, for example 12 or 0,5."),
    pt.FIELD_NEGATIVE: _("Cannot be negative."),
    pt.RULE_NEGATIVE: _("Cannot be negative."),
    pt.FIELD_NOT_WHOLE: _("Enter a whole number."),
    pt.RULE_NOT_WHOLE: _("Enter a whole number."),
    pt.RULE_NOT_YES_NO: _("Answer yes or no."),
    pt.PART_NOT_YES_NO: _("Answer yes or no."),
    pt.INPUT_TARGET_NOT_POSITIVE: _("The target must be greater than 0."),
}


def score_prefix(score: Score) -> str:
    return f"s{score.pk}"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)


def _yes_no(label, *, required=False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=required,
        choices=[("", "—"), (YES, _("Yes")), (NO, _("No"))],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


def _number(label, *, whole=False) -> forms.CharField:
    mode = "numeric" if whole else "decimal"
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_TEXT,
        widget=forms.TextInput(
            attrs={"inputmode": mode, "class": "form-control form-control-sm", "autocomplete": "off"}
        ),
    )


def base_labels(criterion: pt.CriterionSpec) -> dict[str, str]:
    base = criterion.base
    return {
        "value": base.input_label or DEFAULT_LABELS["value"],
        "size": base.size_label or DEFAULT_LABELS["size"],
        "count": base.input_label or DEFAULT_LABELS["count"],
        "points": base.input_label or DEFAULT_LABELS["points"],
        "target": base.target_label or DEFAULT_LABELS["target"],
    }


def answer_fields(criterion: pt.CriterionSpec) -> dict[str, forms.Field]:
    """The form fields of a criterion's answers, in display order."""
    fields: dict[str, forms.Field] = {}
    labels = base_labels(criterion)
    for name in BASE_FIELDS.get(criterion.base.kind, ()):
        fields[name] = _number(labels[name], whole=name in WHOLE)
    for part in criterion.base.parts:
        fields[f"part_{part.code}"] = _yes_no(part.text or part.code)
    has_value = "value" in fields
    for rule in criterion.rules:
        label = rule.input_label or rule.text or rule.code
        if rule.kind in (pt.RuleKind.DEDUCTION, pt.RuleKind.BONUS) and rule.per is pt.Per.OCCURRENCE:
            fields[f"rule_{rule.code}"] = _number(label, whole=True)
        elif rule.kind is pt.RuleKind.STEP_BONUS:
            if not has_value:
                fields[f"rule_{rule.code}"] = _number(label)
        else:
            fields[f"rule_{rule.code}"] = _yes_no(label)
    return fields


def initial_answers(criterion: pt.CriterionSpec, inputs: dict | None) -> dict[str, str]:
    """The stored answers as the form shows them ("yes"/"no", numbers as typed)."""
    inputs = inputs or {}
    initial = {name: _text(inputs.get(name)) for name in ("value", "size", "count", "points", "target")}
    for code, answer in (inputs.get("parts") or {}).items():
        initial[f"part_{code}"] = _text(answer)
    for code, answer in (inputs.get("rules") or {}).items():
        initial[f"rule_{code}"] = _text(answer)
    return initial


def answers_from(criterion: pt.CriterionSpec, data: dict) -> dict:
    """The answers JSON from cleaned form data (empty fields left out; numbers as typed, read by the engine)."""
    answers: dict = {}
    for name in ("value", "size", "count", "points", "target"):
        text = (data.get(name) or "").strip().replace("\u00a0", "").replace(" ", "")
        if text:
            answers[name] = text
    parts = {p.code: data[f"part_{p.code}"] == YES for p in criterion.base.parts if data.get(f"part_{p.code}")}
    if parts:
        answers["parts"] = parts
    rules: dict = {}
    for rule in criterion.rules:
        raw = data.get(f"rule_{rule.code}")
        if raw in (None, ""):
            continue
        rules[rule.code] = (raw == YES) if raw in (YES, NO) else raw.strip().replace("\u00a0", "").replace(" ", "")
    if rules:
        answers["rules"] = rules
    return answers


def _problem_field(message: pt.Message) -> str | None:
    """The form field an engine input problem is about (None: the criterion as a whole)."""
    params = message.params
    if message.template == pt.POINTS_OUT_OF_RANGE:
        return "points"
    if message.template == pt.INPUT_TARGET_NOT_POSITIVE:
        return "target"
    if "rule" in params:
        return f"rule_{params['rule']}"
    if "part" in params:
        return f"part_{params['part']}"
    return str(params["field"]) if "field" in params else None


def _problem_text(message: pt.Message) -> str:
    if message.template == pt.POINTS_OUT_OF_RANGE:
        return _("Enter points between 0 and %(max)s.") % {"max": number_text(message.params["max_points"])}
    short = FIELD_MESSAGES.get(message.template)
    return str(short) if short is not None else translate(message)


def _answer_text(value) -> str:
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    number = pt.to_decimal(value)
    return number_text(number) if number is not None else str(value)


def answer_lines(criterion: pt.CriterionSpec, inputs: dict | None) -> list[tuple[str, str]]:
    """The answers as (label, text) in display order, unanswered left out ("Giá trị đạt được", "0,5")."""
    inputs = inputs or {}
    labels = base_labels(criterion)
    lines = [
        (labels[name], _answer_text(inputs[name]))
        for name in BASE_FIELDS.get(criterion.base.kind, ())
        if inputs.get(name) not in (None, "")
    ]
    if "value" not in BASE_FIELDS.get(criterion.base.kind, ()) and inputs.get("value") not in (None, ""):
        lines.append((labels["value"], _answer_text(inputs["value"])))
    parts = inputs.get("parts") or {}
    lines += [
        (part.text or part.code, _answer_text(parts[part.code])) for part in criterion.base.parts if part.code in parts
    ]
    answers = inputs.get("rules") or {}
    lines += [
        (rule.input_label or rule.text or rule.code, _answer_text(answers[rule.code]))
        for rule in criterion.rules
        if rule.code in answers
    ]
    return lines


def answers_text(criterion: pt.CriterionSpec, inputs: dict | None) -> str:
    """The answers on one line ("Số bài viết: 20; Mỗi trường hợp chậm: 2"), "—" when nothing is answered."""
    return "; ".join(f"{label}: {text}" for label, text in answer_lines(criterion, inputs)) or "—"


class AnswersForm(forms.Form):
    """One criterion's answers, an explanation and the version the page was showing (optimistic lock).

    ``clean`` reads the answers with the engine and puts every problem next to the field it is about, so a unit
    sees all that is wrong with a criterion at once and keeps what it typed.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    note_field = "note"

    def __init__(self, *args, score: Score, criterion: pt.CriterionSpec, inputs: dict | None, note: str, **kwargs):
        kwargs.setdefault("prefix", score_prefix(score))
        kwargs.setdefault(
            "initial", {**initial_answers(criterion, inputs), self.note_field: note, "version": score.version}
        )
        super().__init__(*args, **kwargs)
        self.score, self.criterion = score, criterion
        self.answer_names = list(answer_fields(criterion))
        for name, field in answer_fields(criterion).items():
            self.fields[name] = field
        self.fields[self.note_field] = forms.CharField(
            label=self.note_label,
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
        )

    note_label = _("Explanation")

    def clean(self):
        data = super().clean()
        try:
            pt.parse_inputs(self.criterion, answers_from(self.criterion, data))
        except pt.ScoringInputErrors as error:
            for message in error.messages:
                name = _problem_field(message)
                self.add_error(name if name in self.fields else None, _problem_text(message))
        return data

    def answers(self) -> dict:
        return answers_from(self.criterion, self.cleaned_data)

    def error_lines(self) -> list[str]:
        """Every problem of the criterion in the order of its fields, each with the label of its field."""
        lines = [str(error) for error in self.non_field_errors()]
        for name, field in self.fields.items():
            lines += [f"{field.label or name}: {error}" for error in self.errors.get(name, [])]
        return lines

    def answer_fields(self):
        return [self[name] for name in self.answer_names]


class ScoreForm(AnswersForm):
    """The unit's answers for one criterion."""

    def __init__(self, *args, score: Score, criterion: pt.CriterionSpec, **kwargs):
        super().__init__(
            *args, score=score, criterion=criterion, inputs=score.self_inputs, note=score.self_note, **kwargs
        )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"), allow_empty_file=True)

    def __init__(self, *args, score: Score, **kwargs):
        kwargs.setdefault("prefix", f"e{score.pk}")
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update(
            {"class": "form-control form-control-sm", "accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.doc,.xls"}
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


class ExtensionForm(forms.Form):
    """An officer's extension for one participant: which phase, until when, and why."""

    phase = forms.ModelChoiceField(queryset=None, label=_("Phase"), empty_label=None)
    until = forms.DateField(
        label=_("May hand in until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = phases
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Grant the extension")))
