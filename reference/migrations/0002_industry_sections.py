from django.db import migrations


def load_sections(apps, schema_editor):
    from reference.industries import sync_sections

    sync_sections(apps.get_model("reference", "IndustrySection"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load_sections, migrations.RunPython.noop)]
