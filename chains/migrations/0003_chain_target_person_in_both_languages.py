"""The chain target's person responsible and title in both languages (issue 27, point 2): the
values written so far were Chinese, so they become the Chinese text; the English is left empty
(English pages mark the name as not translated until someone gives it)."""

from django.db import migrations, models
from django.db.models import F, Q


def copy_to_chinese(apps, schema_editor):
    ChainTarget = apps.get_model("chains", "ChainTarget")
    for field in ("person_name", "person_title"):
        empty = Q(**{f"{field}_zh_hans__isnull": True}) | Q(**{f"{field}_zh_hans": ""})
        ChainTarget.objects.filter(empty).update(**{f"{field}_zh_hans": F(field)})


class Migration(migrations.Migration):

    dependencies = [
        ('chains', '0002_industrial_targets'),
    ]

    operations = [
        migrations.AddField(
            model_name='chaintarget',
            name='person_name_en',
            field=models.CharField(max_length=60, null=True, verbose_name='person responsible'),
        ),
        migrations.AddField(
            model_name='chaintarget',
            name='person_name_zh_hans',
            field=models.CharField(max_length=60, null=True, verbose_name='person responsible'),
        ),
        migrations.AddField(
            model_name='chaintarget',
            name='person_title_en',
            field=models.CharField(blank=True, max_length=120, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='chaintarget',
            name='person_title_zh_hans',
            field=models.CharField(blank=True, max_length=120, null=True, verbose_name='title'),
        ),
        migrations.RunPython(copy_to_chinese, migrations.RunPython.noop),
    ]
