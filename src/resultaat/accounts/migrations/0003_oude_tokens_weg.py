"""API tokens moved to django-rest-knox (hashed, expiring): the old plain-text tokens of DRF's authtoken
app are removed with their table, so that no readable token is left in the database."""

from django.db import migrations


def oude_tokens_weg(apps, schema_editor):
    if schema_editor is None:  # the tests replay data steps without a schema editor
        return
    connection = schema_editor.connection
    if "authtoken_token" in connection.introspection.table_names():
        schema_editor.execute("DROP TABLE authtoken_token")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_uniek_bsn_per_gemeente")]

    operations = [migrations.RunPython(oude_tokens_weg, migrations.RunPython.noop)]
