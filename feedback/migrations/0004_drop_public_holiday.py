from django.db import migrations


def move_holidays(apps, schema_editor):
    """Hand-entered holidays become the working-day calendar's (reference), entered by an
    administrator: the library's load leaves them alone. A date the library already lists
    keeps the library's entry (the same day off)."""
    old = apps.get_model("feedback", "PublicHoliday")
    day_model = apps.get_model("reference", "WorkCalendarDay")
    have = set(day_model.objects.values_list("date", flat=True))
    day_model.objects.bulk_create(
        [
            day_model(
                date=h.date,
                kind="holiday",
                name=h.name,
                name_zh_hans=h.name,
                name_en=h.name,
                source="admin",
            )
            for h in old.objects.all()
            if h.date not in have
        ]
    )


def restore_holidays(apps, schema_editor):
    old = apps.get_model("feedback", "PublicHoliday")
    day_model = apps.get_model("reference", "WorkCalendarDay")
    old.objects.bulk_create(
        [
            old(date=d.date, name=(d.name_zh_hans or d.name)[:60])
            for d in day_model.objects.filter(kind="holiday", source="admin")
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0003_referrals_complaint_ip"),
        ("reference", "0003_work_calendar"),
    ]

    operations = [
        migrations.RunPython(move_holidays, restore_holidays),
        migrations.DeleteModel(name="PublicHoliday"),
    ]
