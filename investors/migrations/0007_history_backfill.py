# Records that existed before their history table get one creation entry (release 0.3.0).

from django.db import migrations

from config import history_backfill


class Migration(migrations.Migration):
    dependencies = [("investors", "0006_inquiry_answers")]

    operations = [history_backfill.operation("investors", "Investor")]
