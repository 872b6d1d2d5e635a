"""Writes for scoring tables (bảng chấm điểm): nested groups, criteria with their rule lines, and tiers.

Invariant: tables and tiers change only while the campaign is a draft; every write locks the campaign row first so
two officers editing the same table serialise. The arithmetic and the checks are ``campaigns/points/``'s (rows
become its specs through ``campaigns/tables/spec.py``); launch readiness is ``campaign_table_problems``.
The part's modules: ``base`` (lock, messages), ``rows`` (groups, criteria, rule lines), ``tables`` (whole tables,
tiers, launch readiness).
"""

from campaigns.tables.services.base import (
    AMOUNT_TEMPLATES,
    FIELD_LABELS,
    SCOPE_KINDS,
    lock_editable,
    number_text,
    translate,
)
from campaigns.tables.services.rows import (
    CRITERION_FIELDS,
    METHOD_PARAMS,
    PROBLEM_FIELDS,
    RULE_FIELDS,
    RULE_PROBLEM_FIELDS,
    criterion_delete,
    criterion_move,
    criterion_problems,
    criterion_save,
    group_delete,
    group_move,
    group_save,
    rule_delete,
    rule_move,
    rule_save,
)
from campaigns.tables.services.tables import (
    TIER_TEMPLATES,
    campaign_table_problems,
    table_create,
    table_delete,
    table_replace,
    table_update,
    tiers_replace,
)

__all__ = [
    "AMOUNT_TEMPLATES",
    "CRITERION_FIELDS",
    "FIELD_LABELS",
    "METHOD_PARAMS",
    "PROBLEM_FIELDS",
    "RULE_FIELDS",
    "RULE_PROBLEM_FIELDS",
    "SCOPE_KINDS",
    "TIER_TEMPLATES",
    "campaign_table_problems",
    "criterion_delete",
    "criterion_move",
    "criterion_problems",
    "criterion_save",
    "group_delete",
    "group_move",
    "group_save",
    "lock_editable",
    "number_text",
    "rule_delete",
    "rule_move",
    "rule_save",
    "table_create",
    "table_delete",
    "table_replace",
    "table_update",
    "tiers_replace",
    "translate",
]
