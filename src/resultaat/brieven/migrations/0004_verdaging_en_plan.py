from django.db import migrations, models

from resultaat.brieven.standaard import laad_sjablonen


def laad(apps, schema_editor):
    # The verdaging letter (Awb 4:14) and the letter sending the plan after the beschikking; the grant
    # says the plan is attached only when it is.
    laad_sjablonen(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("brieven", "0003_intrekking_en_omvang_in_de_brief"),
    ]

    operations = [
        migrations.AlterField(
            model_name="briefsjabloon",
            name="soort",
            field=models.CharField(
                choices=[
                    ("toekenning", "beschikking: toekenning"),
                    ("afwijzing", "beschikking: afwijzing"),
                    ("intrekking", "beschikking: intrekking"),
                    ("informatie", "informatiebrief huidige cliënten: ondersteuning op resultaat"),
                    ("verdaging", "verdaging van de beslistermijn (Awb 4:14)"),
                    ("plan", "ondersteuningsplan bij de beschikking (nazending)"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(laad, migrations.RunPython.noop),
    ]
