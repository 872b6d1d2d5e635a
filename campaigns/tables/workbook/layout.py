"""The layout of the scoring-table workbook: its sheets, its columns (Vietnamese headers through gettext) and the
words accepted for each choice (the active language's label, the English or Vietnamese label, or the code)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override, pgettext_lazy
from openpyxl.utils import get_column_letter

from campaigns import points as pt
from campaigns.enums import CriterionKind, CriterionMethod, RelativeScope, RuleKind, RulePer
from campaigns.tables.services import number_text

MAX_ROWS = 2000
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
ITEM_SEPARATOR = " | "

GROUP, CRITERION, RULE = "group", "criterion", "rule"
ROW_TYPES = (
    (GROUP, pgettext_lazy("workbook row", "group")),
    (CRITERION, pgettext_lazy("workbook row", "criterion")),
    (RULE, pgettext_lazy("workbook row", "rule line")),
)
YES_NO = ((True, gettext_lazy("Yes")), (False, gettext_lazy("No")))
YES_WORDS = {"x", "1", "yes", "true", "có", "co"}
NO_WORDS = {"0", "no", "false", "không", "khong"}


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise
    help: Promise
    width: int = 14
    choices: tuple = ()  # (value, label) pairs: the cell takes a list (data validation)


COLUMNS = (
    Column(
        "row_type",
        gettext_lazy("Row type"),
        gettext_lazy("“group”, “criterion” or “rule line”: what the row describes."),
        12,
        ROW_TYPES,
    ),
    Column("code", gettext_lazy("Code"), gettext_lazy("Unique among the rows of its type: I, A, A1, A1.1…"), 8),
    Column(
        "parent",
        gettext_lazy("Belongs to"),
        gettext_lazy(
            "A group: the code of the group it is inside (empty for a standard at the top). A criterion: the code "
            "of its group. A rule line: the code of its criterion."
        ),
        10,
    ),
    Column(
        "text",
        gettext_lazy("Content"),
        gettext_lazy("The group's title, the criterion's text, or the rule line as written in the document."),
        60,
    ),
    Column(
        "points",
        gettext_lazy("Points"),
        gettext_lazy(
            "A group: the maximum it declares (may be empty). A criterion: its standard points (điểm chuẩn). "
            "A rule line: the points per occurrence, once, or per step."
        ),
        8,
    ),
    Column(
        "role",
        gettext_lazy("Criterion kind"),
        gettext_lazy("Criterion: regular (the default), or a whole bonus or penalty item."),
        16,
        tuple(CriterionKind.choices),
    ),
    Column(
        "method",
        gettext_lazy("Base method"),
        gettext_lazy("Criterion: how its base points come about (empty: standard points, only deviations)."),
        30,
        tuple(CriterionMethod.choices),
    ),
    Column(
        "rule_kind",
        gettext_lazy("Rule kind"),
        gettext_lazy("Rule line: deduction, bonus, yes adds / no deducts, bonus per step, or not classified if yes."),
        24,
        tuple(RuleKind.choices),
    ),
    Column(
        "per",
        gettext_lazy("Counted"),
        gettext_lazy("Rule line of a deduction or a bonus: per occurrence (a count is entered) or once (yes/no)."),
        14,
        tuple(RulePer.choices),
    ),
    Column("target", gettext_lazy("Target"), gettext_lazy("Criterion with a target: the target value."), 8),
    Column(
        "minimum",
        gettext_lazy("Required minimum"),
        gettext_lazy("Criterion with a count: the count that earns the standard points (a whole number)."),
        10,
    ),
    Column(
        "partial",
        gettext_lazy("Proportional below the minimum"),
        gettext_lazy("Criterion with a count: yes (the default) gives points in proportion below the minimum."),
        12,
        YES_NO,
    ),
    Column(
        "scope",
        gettext_lazy("Compared with"),
        gettext_lazy("Criterion relative to the leader: the leader of the unit's bloc, or of the whole campaign."),
        24,
        tuple(RelativeScope.choices),
    ),
    Column(
        "parts",
        gettext_lazy("Yes/no parts"),
        gettext_lazy("Criterion with yes/no parts: one part per line (Alt+Enter), “code | text | points”."),
        30,
    ),
    Column(
        "bands",
        gettext_lazy("Bands"),
        gettext_lazy(
            "Criterion with bands: one band per line, “from | below | points | name”; an empty “below” is open upward."
        ),
        30,
    ),
    Column(
        "lookup_rows",
        gettext_lazy("Lookup rows (size)"),
        gettext_lazy("Two-way lookup: one row per line, “from | below | name”."),
        24,
    ),
    Column(
        "lookup_columns",
        gettext_lazy("Lookup columns (value)"),
        gettext_lazy("Two-way lookup: one column per line, “from | below | name”."),
        24,
    ),
    Column(
        "lookup_points",
        gettext_lazy("Lookup points"),
        gettext_lazy("Two-way lookup: one line per row, the points of its columns separated by “|”."),
        18,
    ),
    Column("bonus", gettext_lazy("Points added for yes"), gettext_lazy("Rule line “yes adds, no deducts”."), 10),
    Column("deduction", gettext_lazy("Points deducted for no"), gettext_lazy("Rule line “yes adds, no deducts”."), 10),
    Column("above", gettext_lazy("Counted above"), gettext_lazy("Step bonus: the value above which steps count."), 10),
    Column("step", gettext_lazy("Step"), gettext_lazy("Step bonus: the size of one full step."), 8),
    Column("cap", gettext_lazy("At most"), gettext_lazy("Rule line: its own cap (empty: none)."), 8),
    Column(
        "deduction_cap",
        gettext_lazy("Cap on all deductions"),
        gettext_lazy("Criterion: the cap shared by its deductions (“tổng điểm trừ không quá …”)."),
        10,
    ),
    Column(
        "bonus_cap",
        gettext_lazy("Cap on all bonuses"),
        gettext_lazy("Criterion: the cap shared by its bonuses."),
        10,
    ),
    Column(
        "only_without_deductions",
        gettext_lazy("Only without deductions"),
        gettext_lazy("Rule line of a bonus: yes if it counts only when the criterion has no deduction."),
        12,
        YES_NO,
    ),
    Column(
        "input_label",
        gettext_lazy("Label of the value entered"),
        gettext_lazy("What the unit types, in the officer's words (e.g. “Số lớp”)."),
        24,
    ),
    Column("size_label", gettext_lazy("Label of the size entered"), gettext_lazy("Two-way lookup: the size."), 20),
    Column(
        "target_label",
        gettext_lazy("Label of the unit's target"),
        gettext_lazy("Relative to the leader: the unit's own target."),
        20,
    ),
    Column(
        "minimum_points",
        gettext_lazy("Minimum points (điểm liệt)"),
        gettext_lazy("Regular criterion: below it the participant cannot reach the top tier."),
        10,
    ),
    Column(
        "evidence_required",
        gettext_lazy("Evidence required"),
        gettext_lazy("Criterion: yes if the unit must attach evidence."),
        10,
        YES_NO,
    ),
    Column("notes", gettext_lazy("Guidance"), gettext_lazy("Criterion: guidance shown to the units."), 30),
)
KEYS = [column.key for column in COLUMNS]
BY_KEY = {column.key: column for column in COLUMNS}
# The settings sheet: (label, TableSpec attribute), one per line under its header.
SETTINGS = (
    (gettext_lazy("Declared total"), "declared_total"),
    (gettext_lazy("Bonus cap"), "bonus_cap"),
    (gettext_lazy("Penalty cap"), "penalty_cap"),
)


def sheet_names() -> dict[str, str]:
    """The sheets in the active language (Excel allows 31 characters)."""
    names = {
        "table": _("Scoring table"),
        "settings": _("Settings"),
        "tiers": _("Tiers"),
        "guide": _("Instructions"),
        "lists": _("Lists"),
    }
    return {key: name[:31] for key, name in names.items()}


def column_headers() -> list[str]:
    """The header row in the active language."""
    return [str(column.header) for column in COLUMNS]


def column_name(key: str) -> str:
    """“E (Điểm)”: how an error names a column."""
    return f"{get_column_letter(KEYS.index(key) + 1)} ({BY_KEY[key].header})"


def normal(text: str) -> str:
    """Text compared without case, outer spaces or Unicode composition differences."""
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def choice_words(choices) -> dict[str, object]:
    """Every word accepted for a choice → its value: the code, and the label in the active language, English and
    Vietnamese."""
    words: dict[str, object] = {}
    for value, label in choices:
        if not isinstance(value, bool):
            words[normal(str(value))] = value
        for language in (None, "en", "vi"):
            if language is None:
                words.setdefault(normal(str(label)), value)
                continue
            with override(language):
                words.setdefault(normal(str(label)), value)
    return words


def label_of(column: str, value) -> str:
    """The label written in a choice cell for ``value``."""
    return str(dict(BY_KEY[column].choices)[value])


def amount_text(amount: Decimal | None) -> str:
    """An amount inside a text cell, as written in the active language ("6,5")."""
    return "" if amount is None else number_text(amount)


RANGE_KEYS = {"bands": "bands", "rows": "lookup_rows", "columns": "lookup_columns"}
# The column an engine problem about a criterion or a rule line points at (by template).
PROBLEM_COLUMNS = {
    pt.TARGET_MISSING: "target",
    pt.MINIMUM_MISSING: "minimum",
    pt.SCOPE_MISSING: "scope",
    pt.PARTS_SUM_MISMATCH: "parts",
    pt.EMPTY_PART_CODE: "parts",
    pt.DUPLICATE_PART_CODE: "parts",
    pt.LOOKUP_SHAPE: "lookup_points",
    pt.MINIMUM_POINTS_OUT_OF_RANGE: "minimum_points",
    pt.MINIMUM_POINTS_NOT_REGULAR: "minimum_points",
    pt.RULE_POINTS_MISSING: "points",
    pt.RULE_PER_MISSING: "per",
    pt.EITHER_INCOMPLETE: "bonus",
    pt.STEP_THRESHOLD_MISSING: "above",
    pt.STEP_NOT_POSITIVE: "step",
    pt.ONLY_WITHOUT_DEDUCTIONS_NOT_BONUS: "only_without_deductions",
    pt.EMPTY_RULE_CODE: "code",
    pt.GROUP_MAX_MISMATCH: "points",
}
AMOUNT_COLUMNS = {"standard_points": "points", "max_points": "points"}
