"""Forms of the table editor: tables, groups, criteria with their method settings, rule lines, tiers, import."""

from campaigns.tables.forms.criterion import CriterionForm
from campaigns.tables.forms.fields import AmountField
from campaigns.tables.forms.tables import GroupForm, RuleForm, TableForm, TableImportForm, TierForm, TierFormSet

__all__ = [
    "AmountField",
    "CriterionForm",
    "GroupForm",
    "RuleForm",
    "TableForm",
    "TableImportForm",
    "TierForm",
    "TierFormSet",
]
