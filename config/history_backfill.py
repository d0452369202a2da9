"""History rows for records that existed before their history table (data migrations).

django-simple-history starts a record's history at its first save after the history table
exists; rows already there had none, so "who changed what since" began with a gap. These
functions give each such row one creation entry ("+"), dated its created_at where the model
has one (else the upgrade's moment), without a user, with REASON as its change reason, so
that the reverse removes exactly these rows. Idempotent: a row with any history is skipped.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

REASON = "existed before history was kept (backfilled on upgrade)"
BATCH = 2000


def backfill(apps, app_label: str, model_name: str) -> int:
    """Writes the missing creation entries of app_label.model_name; returns how many."""
    model = apps.get_model(app_label, model_name)
    historical = apps.get_model(app_label, f"Historical{model_name}")
    now = timezone.now()
    kept = {f.attname for f in historical._meta.concrete_fields}  # excluded fields are not
    fields = [f for f in model._meta.concrete_fields if f.attname in kept]
    missing = model.objects.filter(~Exists(historical.objects.filter(id=OuterRef("pk"))))
    batch, written = [], 0
    for obj in missing.order_by("pk").iterator(chunk_size=BATCH):
        values = {f.attname: getattr(obj, f.attname) for f in fields}
        batch.append(
            historical(
                **values,
                history_date=values.get("created_at") or now,
                history_type="+",
                history_change_reason=REASON,
            )
        )
        if len(batch) == BATCH:
            historical.objects.bulk_create(batch)
            written, batch = written + len(batch), []
    historical.objects.bulk_create(batch)
    return written + len(batch)


def remove(apps, app_label: str, model_name: str) -> None:
    """The reverse: only the entries backfill wrote."""
    historical = apps.get_model(app_label, f"Historical{model_name}")
    historical.objects.filter(history_change_reason=REASON).delete()


def operation(app_label: str, *model_names: str):
    """A RunPython operation backfilling the given models of app_label (with its reverse)."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        for name in model_names:
            backfill(apps, app_label, name)

    def backwards(apps, schema_editor):
        for name in model_names:
            remove(apps, app_label, name)

    return migrations.RunPython(forwards, backwards, elidable=False)
