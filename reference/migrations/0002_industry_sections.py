from django.db import migrations


def load_sections(apps, schema_editor):
    from reference.industries import SECTIONS
    from reference.models import three_industry_of

    IndustrySection = apps.get_model("reference", "IndustrySection")
    for code, zh, en in SECTIONS:
        IndustrySection.objects.update_or_create(
            code=code,
            defaults={
                "name": zh,
                "name_zh_hans": zh,
                "name_en": en,
                "three_industry": str(three_industry_of(code)),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load_sections, migrations.RunPython.noop)]
