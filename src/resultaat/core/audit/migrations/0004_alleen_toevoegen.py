"""The access log becomes append-only at the database: triggers refuse UPDATE and DELETE."""

from django.db import migrations

from resultaat.core.audit.onveranderlijk import maak_triggers, verwijder_triggers


def maak(apps, schema_editor):
    maak_triggers(schema_editor.connection)


def verwijder(apps, schema_editor):
    verwijder_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_nen7513")]

    operations = [migrations.RunPython(maak, verwijder)]
