# Records that existed before their history table get one creation entry (release 0.3.0).

from django.db import migrations

from config import history_backfill


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_target_contracted_fdi")]

    operations = [history_backfill.operation("projects", "CapitalArrival")]
