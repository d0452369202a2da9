# Records that existed before their history table get one creation entry (release 0.3.0).

from django.db import migrations

from config import history_backfill


class Migration(migrations.Migration):
    dependencies = [("liaison", "0005_units_funds_cadence")]

    operations = [history_backfill.operation("liaison", "LiaisonAssignment")]
