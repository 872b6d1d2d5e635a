"""Views of the scoring tables part: tables and the workbook, the htmx editor, the tiers."""

from campaigns.tables.views.editor import (
    criterion_create,
    criterion_delete,
    criterion_move,
    criterion_update,
    group_create,
    group_delete,
    group_move,
    group_update,
    rule_create,
    rule_delete,
    rule_move,
    rule_update,
    table_detail,
)
from campaigns.tables.views.tables import (
    table_create,
    table_delete,
    table_export_view,
    table_import_view,
    table_list,
    table_preview,
    table_template_view,
    table_update,
)
from campaigns.tables.views.tiers import tier_list

__all__ = [
    "criterion_create",
    "criterion_delete",
    "criterion_move",
    "criterion_update",
    "group_create",
    "group_delete",
    "group_move",
    "group_update",
    "rule_create",
    "rule_delete",
    "rule_move",
    "rule_update",
    "table_create",
    "table_delete",
    "table_detail",
    "table_export_view",
    "table_import_view",
    "table_list",
    "table_preview",
    "table_template_view",
    "table_update",
    "tier_list",
]
