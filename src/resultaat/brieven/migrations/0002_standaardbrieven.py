"""The default letter texts; see resultaat.brieven.standaard."""

from django.db import migrations

from resultaat.brieven.standaard import laad_sjablonen


def laad(apps, schema_editor):
    laad_sjablonen(apps)


class Migration(migrations.Migration):
    dependencies = [("brieven", "0001_initial")]

    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
