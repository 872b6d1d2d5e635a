"""The criterion form: its standard points, role, caps and its base method with every setting as proper inputs.

The settings of the base methods are rows of fields: the yes/no parts (code, text, points), the bands (from, below,
points, name), the lookup's rows and columns (from, below, name) and its points matrix. Each list shows its filled
rows plus one empty row; the "add a row" buttons post the form back with one more (nothing is saved). ``clean``
turns the rows of the chosen method into ``Criterion.params`` in the engine's JSON shape (``spec.params_of``).
CSS shows only the chosen method's settings (no script: CSP).
"""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns import points as pt
from campaigns.enums import CriterionMethod, RelativeScope
from campaigns.models import Criterion
from campaigns.tables import spec as tspec
from campaigns.tables.forms.fields import AmountField, capitalise_labels, helper

MAX_LIST_ROWS = 40
# name → (the method using it, the columns of a row); a row's field is "<name>_<i>_<column>".
LISTS = {
    "part": ("yes_no_parts", ("code", "text", "points")),
    "band": ("bands", ("from", "below", "points", "name")),
    "row": ("lookup", ("from", "below", "name")),
    "col": ("lookup", ("from", "below", "name")),
}
PARAM_LISTS = {"part": "parts", "band": "bands", "row": "rows", "col": "columns"}
# Which methods show a setting (CSS classes td-for-<method>); the rest of the form is common to all.
METHODS_OF = {
    "target_value": ("target",),
    "target_unit": ("target", "relative_to_leader"),
    "count_minimum": ("count_minimum",),
    "count_partial": ("count_minimum",),
    "scope": ("relative_to_leader",),
    "input_label": ("bands", "target", "count_minimum", "lookup", "relative_to_leader"),
    "size_label": ("lookup",),
    "target_label": ("relative_to_leader",),
}
SERVICE_FIELDS = (
    "code",
    "text",
    "max_points",
    "method",
    "kind",
    "target_value",
    "target_unit",
    "count_minimum",
    "count_partial",
    "deduction_cap",
    "bonus_cap",
    "minimum_points",
    "evidence_required",
    "guidance",
)


def _methods(*methods: str) -> str:
    return " ".join(["td-method", *(f"td-for-{method}" for method in methods)])


def _small(field: forms.Field, number) -> forms.Field:
    """A field of a row, drawn by hand in a grid: Bootstrap's small input, named for screen readers."""
    field.widget.attrs.update({"class": "form-control form-control-sm", "aria-label": f"{field.label} {number}"})
    return field


def _decimal(raw) -> Decimal | None:
    return pt.to_decimal(raw) if raw not in (None, "") else None


class CriterionForm(forms.ModelForm):
    max_points = AmountField(label=_("standard points"), required=True)
    target_value = AmountField(label=_("target value"), digits=12)
    deduction_cap = AmountField(
        label=_("cap on all deductions"), help_text=_("Shared by the criterion's deductions; empty: no cap.")
    )
    bonus_cap = AmountField(label=_("cap on all bonuses"), help_text=_("Shared by the criterion's bonuses."))
    minimum_points = AmountField(
        label=_("minimum points (điểm liệt)"), help_text=_("Below it the participant cannot reach the top tier.")
    )
    count_minimum = forms.IntegerField(label=_("required minimum"), min_value=1, required=False)
    scope = forms.ChoiceField(label=_("compared with"), choices=[("", "—"), *RelativeScope.choices], required=False)
    input_label = forms.CharField(
        label=_("label of the value entered"), max_length=200, required=False, help_text=_("For example “Số lớp”.")
    )
    size_label = forms.CharField(label=_("label of the size entered"), max_length=200, required=False)
    target_label = forms.CharField(label=_("label of the unit's target"), max_length=200, required=False)

    class Meta:
        model = Criterion
        fields = [*SERVICE_FIELDS]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "guidance": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"target_unit": _("For example “% văn bản điện tử”.")}

    def __init__(self, *args, action: str | None = None, key: str = "new", add: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"id_c{key}_%s")
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("method", CriterionMethod.STANDARD)
        params = self.instance.params or {}
        for name in ("input_label", "size_label", "target_label", "scope"):
            key_ = {"input_label": "input", "size_label": "size_input", "target_label": "target_input"}.get(name, name)
            self.initial.setdefault(name, params.get(key_, ""))
        self.counts = {name: self._count(name, params, add) for name in LISTS}
        for name, (_method, columns) in LISTS.items():
            for index in range(self.counts[name]):
                for column in columns:
                    self.fields[f"{name}_{index}_{column}"] = _small(self._row_field(name, column), index + 1)
            self.fields[f"{name}_count"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
            self.initial[f"{name}_count"] = self.counts[name]
        for row in range(self.counts["row"]):
            for column in range(self.counts["col"]):
                self.fields[f"cell_{row}_{column}"] = _small(AmountField(label=_("points")), f"{row + 1}×{column + 1}")
        if not self.is_bound and not add:  # given back after "add a row": the typed rows are in ``initial``
            self._initial_rows(params)
        capitalise_labels(self)
        self.helper = helper(action, key=f"c{key}")
        self.helper.form_class = "td-criterion-form"
        self.helper.layout = self._layout()

    # --- rows ---------------------------------------------------------------------------------------------

    def _count(self, name: str, params: dict, add: str) -> int:
        """Rows shown: what was posted (bound) or given back, else the stored ones plus an empty one."""
        source = self.data if self.is_bound else self.initial
        try:
            count = int(source.get(f"{name}_count", ""))
        except (TypeError, ValueError):
            count = len(params.get(PARAM_LISTS[name], [])) + 1
        return max(1, min(MAX_LIST_ROWS, count + (1 if add == name else 0)))

    @staticmethod
    def _row_field(name: str, column: str) -> forms.Field:
        if column == "code":
            return forms.CharField(label=_("code"), max_length=20, required=False)
        if column in ("text", "name"):
            return forms.CharField(label=_("text") if column == "text" else _("name"), max_length=200, required=False)
        if column == "points":
            return AmountField(label=_("points"))
        label = pgettext_lazy("range", "from") if column == "from" else pgettext_lazy("range", "below")
        places = {"label": label, "places": 4, "digits": 14}
        return AmountField(**places)

    def _initial_rows(self, params: dict) -> None:
        for name, (_method, columns) in LISTS.items():
            for index, item in enumerate(params.get(PARAM_LISTS[name], [])[: self.counts[name]]):
                for column in columns:
                    raw = item.get(column)
                    amount = _decimal(raw) if column in ("from", "below", "points") else None
                    self.initial[f"{name}_{index}_{column}"] = amount if amount is not None else (raw or "")
        for row, cells in enumerate(params.get("points", [])[: self.counts["row"]]):
            for column, cell in enumerate(cells[: self.counts["col"]]):
                self.initial[f"cell_{row}_{column}"] = _decimal(cell)

    def rows_of(self, name: str) -> list[list[forms.BoundField]]:
        columns = LISTS[name][1]
        return [[self[f"{name}_{i}_{column}"] for column in columns] for i in range(self.counts[name])]

    @property
    def part_rows(self):
        return self.rows_of("part")

    @property
    def band_rows(self):
        return self.rows_of("band")

    @property
    def lookup_columns(self):
        return self.rows_of("col")

    @property
    def lookup_rows(self):
        """(row fields, its cells) for the lookup grid."""
        return [
            (fields, [self[f"cell_{i}_{j}"] for j in range(self.counts["col"])])
            for i, fields in enumerate(self.rows_of("row"))
        ]

    def count_fields(self):
        return [self[f"{name}_count"] for name in LISTS]

    # --- cleaning -----------------------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("method")
        if not method or self.errors:
            return cleaned  # the rows are read once every field is well formed
        base = self._base(method, cleaned)
        if base is not None:
            self.params = tspec.params_of(base)
        return cleaned

    def _filled(self, name: str) -> list[tuple[int, dict]]:
        """The rows of list ``name`` with anything typed, as (index, {column: value}); a missing value is an error."""
        rows = []
        for index in range(self.counts[name]):
            values = {column: self.cleaned_data.get(f"{name}_{index}_{column}") for column in LISTS[name][1]}
            if all(value in (None, "") for value in values.values()):
                continue
            for column in ("code", "from", "points"):
                if column in values and values[column] in (None, ""):
                    self.add_error(f"{name}_{index}_{column}", _("This value is required on a filled row."))
            rows.append((index, values))
        return rows

    def _base(self, method: str, cleaned: dict) -> pt.BaseSpec | None:
        """The base method from the rows of the lists it uses (the other lists are ignored); None on errors."""
        kind = pt.BaseKind(method)
        settings: dict = {"kind": kind, "input_label": cleaned.get("input_label", "")}
        if kind is pt.BaseKind.YES_NO_PARTS:
            settings["parts"] = tuple(pt.Part(v["code"], v["points"], v["text"]) for _i, v in self._filled("part"))
        elif kind is pt.BaseKind.BANDS:
            bands = self._filled("band")
            settings["bands"] = tuple(pt.Band(v["from"], v["points"], v["below"], v["name"]) for _i, v in bands)
        elif kind is pt.BaseKind.LOOKUP:
            settings |= self._lookup(cleaned)
        elif kind is pt.BaseKind.RELATIVE_TO_LEADER:
            settings["scope"] = pt.Scope(cleaned["scope"]) if cleaned.get("scope") else None
            settings["target_label"] = cleaned.get("target_label", "")
        return None if self.errors else pt.BaseSpec(**settings)

    def _lookup(self, cleaned: dict) -> dict:
        rows, columns = self._filled("row"), self._filled("col")
        matrix = []
        for i, _row in rows:
            line = []
            for j, _column in columns:
                if cleaned.get(f"cell_{i}_{j}") is None and f"cell_{i}_{j}" not in self.errors:
                    self.add_error(f"cell_{i}_{j}", _("Enter the points of this cell."))
                line.append(cleaned.get(f"cell_{i}_{j}"))
            matrix.append(tuple(line))
        return {
            "rows": tuple(pt.Span(v["from"], v["below"], v["name"]) for _i, v in rows),
            "columns": tuple(pt.Span(v["from"], v["below"], v["name"]) for _i, v in columns),
            "matrix": tuple(matrix),
            "size_label": cleaned.get("size_label", ""),
        }

    def service_fields(self) -> dict:
        """The keyword arguments of ``services.criterion_save``."""
        fields = {name: self.cleaned_data.get(name) for name in SERVICE_FIELDS}
        fields["count_partial"] = bool(fields["count_partial"])
        fields["params"] = getattr(self, "params", {})
        return fields

    # --- layout -------------------------------------------------------------------------------------------

    def _layout(self) -> Layout:
        def setting(name: str, width: str = "col-sm-4") -> Div:
            return Div(name, css_class=f"{width} {_methods(*METHODS_OF[name])}")

        return Layout(
            Div(Div("code", css_class="col-sm-2"), Div("text", css_class="col-sm-10"), css_class="row"),
            Div(
                Div("max_points", css_class="col-sm-3"),
                Div("kind", css_class="col-sm-3"),
                Div("method", css_class="col-sm-6"),
                css_class="row",
            ),
            Fieldset(
                _("Settings of the method"),
                Div(
                    setting("target_value", "col-sm-3"),
                    setting("target_unit"),
                    setting("count_minimum", "col-sm-3"),
                    setting("count_partial"),
                    setting("scope"),
                    css_class="row",
                ),
                Div(setting("size_label"), setting("input_label"), setting("target_label"), css_class="row"),
                HTML('{% include "campaigns/_criterion_settings.html" %}'),
                css_class="td-settings",
            ),
            Div(
                Div("deduction_cap", css_class="col-sm-4"),
                Div("bonus_cap", css_class="col-sm-4"),
                Div("minimum_points", css_class="col-sm-4"),
                css_class="row",
            ),
            Div(Div("evidence_required", css_class="col-sm-4"), Div("guidance", css_class="col-sm-8"), css_class="row"),
        )
