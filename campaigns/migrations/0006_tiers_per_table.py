import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0005_rule_based_tables_data")]

    operations = [
        migrations.RemoveConstraint(model_name="tier", name="campaigns_tier_unique_name"),
        migrations.RemoveField(model_name="tier", name="campaign"),
        migrations.AlterField(
            model_name="tier",
            name="table",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tiers",
                to="campaigns.scoringtable",
                verbose_name="scoring table",
            ),
        ),
        migrations.AddConstraint(
            model_name="tier",
            constraint=models.UniqueConstraint(fields=("table", "name"), name="campaigns_tier_unique_name_per_table"),
        ),
        migrations.AddConstraint(
            model_name="criterion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "method__in",
                        [
                            "standard",
                            "yes_no_parts",
                            "bands",
                            "target",
                            "count_minimum",
                            "lookup",
                            "manual",
                            "relative_to_leader",
                        ],
                    )
                ),
                name="campaigns_criterion_method_valid",
            ),
        ),
    ]
