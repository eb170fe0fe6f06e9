"""Load the default normenkader (KPMG structure in minutes per week); see resultaat.catalogus.normenkader_seed."""

from django.db import migrations

from resultaat.catalogus.normenkader_seed import laad_normenkader


def laad(apps, schema_editor):
    laad_normenkader(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogus", "0003_normenkader")]

    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
