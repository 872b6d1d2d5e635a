"""A certificate's identity and the number registers' history are protected by the database itself.

- A certificate's verification code, serial, golden-book number and decision line never change; its SHA-256 changes
  only when a render finishes (rendering → done), and a rendered certificate (one with a hash) cannot be deleted.
- A number register never goes back (``last_number`` only grows), never moves to another organisation, kind or year,
  keeps its symbol once a number was taken from it, and cannot be deleted once a number was taken.

ORM saves, queryset updates and raw SQL are all refused with an integrity error, on PostgreSQL and SQLite alike.
"""

from django.db import migrations

CERTIFICATE = "The verification code, serial, recipient and hash of a certificate cannot be changed."
REGISTER = "The history of a number register cannot be changed or deleted."

CERTIFICATE_IDENTITY = (
    "NEW.verify_code <> OLD.verify_code OR NEW.serial <> OLD.serial"
    " OR NEW.golden_book_number <> OLD.golden_book_number OR NEW.recipient_id <> OLD.recipient_id"
    " OR (NEW.sha256 <> OLD.sha256 AND NOT (OLD.status = 'rendering' AND NEW.status = 'done'))"
)
REGISTER_HISTORY = (
    "NEW.last_number < OLD.last_number OR NEW.organization_id <> OLD.organization_id OR NEW.kind <> OLD.kind"
    " OR NEW.year <> OLD.year OR (OLD.last_number > 0 AND NEW.symbol <> OLD.symbol)"
)

POSTGRES_FORWARD = f"""
CREATE FUNCTION awards_certificate_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.sha256 <> '' THEN
            RAISE EXCEPTION '{CERTIFICATE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF {CERTIFICATE_IDENTITY} THEN
        RAISE EXCEPTION '{CERTIFICATE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER awards_certificate_identity BEFORE UPDATE OR DELETE ON awards_certificate
    FOR EACH ROW EXECUTE FUNCTION awards_certificate_guard();

CREATE FUNCTION awards_register_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.last_number > 0 THEN
            RAISE EXCEPTION '{REGISTER}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF {REGISTER_HISTORY} THEN
        RAISE EXCEPTION '{REGISTER}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER awards_register_history BEFORE UPDATE OR DELETE ON awards_register
    FOR EACH ROW EXECUTE FUNCTION awards_register_guard();
"""

POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS awards_register_history ON awards_register;
DROP FUNCTION IF EXISTS awards_register_guard();
DROP TRIGGER IF EXISTS awards_certificate_identity ON awards_certificate;
DROP FUNCTION IF EXISTS awards_certificate_guard();
"""

SQLITE_FORWARD = [
    f"""CREATE TRIGGER awards_certificate_no_update BEFORE UPDATE ON awards_certificate
        WHEN {CERTIFICATE_IDENTITY} BEGIN SELECT RAISE(ABORT, '{CERTIFICATE}'); END""",
    f"""CREATE TRIGGER awards_certificate_no_delete BEFORE DELETE ON awards_certificate
        WHEN OLD.sha256 <> '' BEGIN SELECT RAISE(ABORT, '{CERTIFICATE}'); END""",
    f"""CREATE TRIGGER awards_register_no_update BEFORE UPDATE ON awards_register
        WHEN {REGISTER_HISTORY} BEGIN SELECT RAISE(ABORT, '{REGISTER}'); END""",
    f"""CREATE TRIGGER awards_register_no_delete BEFORE DELETE ON awards_register
        WHEN OLD.last_number > 0 BEGIN SELECT RAISE(ABORT, '{REGISTER}'); END""",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "awards_certificate_no_update",
        "awards_certificate_no_delete",
        "awards_register_no_update",
        "awards_register_no_delete",
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
    dependencies = [("awards", "0005_documents_as_the_rules_write_them")]
    operations = [migrations.RunPython(forward, backward)]
