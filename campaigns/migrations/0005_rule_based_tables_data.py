"""Existing tables become rule-based tables without changing any figure.

- A yes/no criterion becomes "yes/no parts" with one part (code ``yes``) worth its points; a count criterion becomes
  "count with a required minimum" (its minimum and partial flag stay in their columns). Manual and target criteria
  keep their method. ``campaigns.points.legacy_criterion`` is the same mapping, and a test checks that every demo
  total is unchanged.
- The campaign's tiers are copied to each of its tables (tiers now belong to a table, one list per participant
  kind).
"""

from django.db import migrations

LEGACY_PART = "yes"  # campaigns.points.LEGACY_PART (frozen here: migrations never import app code)


def forwards(apps, schema_editor):
    Criterion = apps.get_model("campaigns", "Criterion")
    Tier = apps.get_model("campaigns", "Tier")
    ScoringTable = apps.get_model("campaigns", "ScoringTable")
    for criterion in Criterion.objects.filter(method="boolean"):
        criterion.method = "yes_no_parts"
        criterion.params = {"parts": [{"code": LEGACY_PART, "points": str(criterion.max_points)}]}
        criterion.save(update_fields=["method", "params"])
    Criterion.objects.filter(method="count").update(method="count_minimum")
    for tier in list(Tier.objects.filter(table__isnull=True)):
        tables = list(ScoringTable.objects.filter(campaign_id=tier.campaign_id))
        for table in tables:
            Tier.objects.create(
                table=table, campaign=None, position=tier.position, name=tier.name, lower_bound=tier.lower_bound
            )
        tier.delete()


def backwards(apps, schema_editor):
    Criterion = apps.get_model("campaigns", "Criterion")
    Tier = apps.get_model("campaigns", "Tier")
    for criterion in Criterion.objects.filter(method="yes_no_parts"):
        parts = (criterion.params or {}).get("parts") or []
        if len(parts) == 1 and parts[0].get("code") == LEGACY_PART:
            criterion.method, criterion.params = "boolean", {}
            criterion.save(update_fields=["method", "params"])
    Criterion.objects.filter(method="count_minimum").update(method="count")
    seen = set()
    for tier in Tier.objects.select_related("table").order_by("table_id"):
        key = (tier.table.campaign_id, tier.name)
        if key in seen:
            tier.delete()
            continue
        seen.add(key)
        tier.campaign_id, tier.table = tier.table.campaign_id, None
        tier.save(update_fields=["campaign", "table"])


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0004_rule_based_tables")]

    operations = [migrations.RunPython(forwards, backwards)]
