"""Load the seed catalogue (seeds 000-003) with the historical models; see resultaat.catalogus.seed."""

from django.db import migrations

from resultaat.catalogus.seed_laden import laad_catalogus


def laad(apps, schema_editor):
    laad_catalogus(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogus", "0001_initial"),
    ]

    operations = [
        # Reverse is a no-op: once toewijzingen, contracts or beschikkingen point at the catalogue (all
        # PROTECT), its rows must not disappear with a migration; loading again is idempotent.
        migrations.RunPython(laad, migrations.RunPython.noop),
    ]
