"""The abonnementstarief 2019-2026 as data; see resultaat.eigen_bijdrage.tarieven."""

from django.db import migrations

from resultaat.eigen_bijdrage.tarieven import laad_tarieven


def laad(apps, schema_editor):
    laad_tarieven(apps)


class Migration(migrations.Migration):
    dependencies = [("eigen_bijdrage", "0001_initial")]

    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
