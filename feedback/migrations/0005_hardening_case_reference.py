"""Complaint cases get a random public reference (CMP-…) instead of showing their sequential
id (issue 22 item 10). Existing cases get one each, then the column becomes unique."""

from django.db import migrations, models

import feedback.models


def fill_references(apps, schema_editor):
    case_model = apps.get_model("feedback", "Case")
    seen = set()
    for case in case_model.objects.filter(reference__isnull=True).only("pk"):
        ref = feedback.models.new_case_reference()
        while ref in seen:
            ref = feedback.models.new_case_reference()
        seen.add(ref)
        case_model.objects.filter(pk=case.pk).update(reference=ref)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0004_drop_public_holiday"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="reference",
            field=models.CharField(
                editable=False, max_length=16, null=True, verbose_name="reference"
            ),
        ),
        migrations.RunPython(fill_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="case",
            name="reference",
            field=models.CharField(
                default=feedback.models.new_case_reference,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="reference",
            ),
        ),
    ]
