"""Issued decisions are immutable in the database itself: ORM saves, queryset updates and raw SQL are all refused.

A draft decision can be edited and issued (draft → issued); after that its row cannot be updated or deleted and
its recipient lines cannot be added, changed or removed. Both databases raise an integrity error.
"""

from django.db import migrations

MESSAGE = "An issued award decision cannot be changed or deleted; issue a correcting or revoking decision instead."

POSTGRES_FORWARD = f"""
CREATE FUNCTION awards_issued_decision_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.status = 'issued' THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = 'issued' THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER awards_awarddecision_immutable BEFORE UPDATE OR DELETE ON awards_awarddecision
    FOR EACH ROW EXECUTE FUNCTION awards_issued_decision_guard();

CREATE FUNCTION awards_issued_recipient_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
        SELECT 1 FROM awards_awarddecision d WHERE d.id = OLD.decision_id AND d.status = 'issued'
    ) THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
        SELECT 1 FROM awards_awarddecision d WHERE d.id = NEW.decision_id AND d.status = 'issued'
    ) THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER awards_decisionrecipient_immutable BEFORE INSERT OR UPDATE OR DELETE ON awards_decisionrecipient
    FOR EACH ROW EXECUTE FUNCTION awards_issued_recipient_guard();
"""  # noqa: S608 - constant text only

POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS awards_decisionrecipient_immutable ON awards_decisionrecipient;
DROP FUNCTION IF EXISTS awards_issued_recipient_guard();
DROP TRIGGER IF EXISTS awards_awarddecision_immutable ON awards_awarddecision;
DROP FUNCTION IF EXISTS awards_issued_decision_guard();
"""

ISSUED = "(SELECT status FROM awards_awarddecision WHERE id = {row}.decision_id) = 'issued'"
SQLITE_FORWARD = [
    f"""CREATE TRIGGER awards_awarddecision_no_update BEFORE UPDATE ON awards_awarddecision
        WHEN OLD.status = 'issued' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER awards_awarddecision_no_delete BEFORE DELETE ON awards_awarddecision
        WHEN OLD.status = 'issued' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER awards_decisionrecipient_no_insert BEFORE INSERT ON awards_decisionrecipient
        WHEN {ISSUED.format(row="NEW")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER awards_decisionrecipient_no_update BEFORE UPDATE ON awards_decisionrecipient
        WHEN {ISSUED.format(row="OLD")} OR {ISSUED.format(row="NEW")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER awards_decisionrecipient_no_delete BEFORE DELETE ON awards_decisionrecipient
        WHEN {ISSUED.format(row="OLD")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "awards_awarddecision_no_update",
        "awards_awarddecision_no_delete",
        "awards_decisionrecipient_no_insert",
        "awards_decisionrecipient_no_update",
        "awards_decisionrecipient_no_delete",
    )
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)
    else:  # pragma: no cover - the project supports these two databases
        raise NotImplementedError(f"No immutability triggers for {vendor}")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [POSTGRES_BACKWARD] if vendor == "postgresql" else SQLITE_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
