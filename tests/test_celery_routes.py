"""Each task goes to the queue meant for it (CELERY_TASK_ROUTES): mail and reminders on `mail`,
statistics, appraisals and exports on `reports`, the rest on the default `celery`. A new task
fails here until it is given its queue in this table (and, if it is not the default, a route)."""

from config.celery import app

QUEUE = {
    "accounts.tasks.purge_expired_sessions": "celery",
    "accounts.tasks.purge_stale_api_tokens": "celery",
    "accounts.tasks.send_invitation": "mail",
    "accounts.tasks.send_password_reset": "mail",
    "appraisal.tasks.run_appraisal": "reports",
    "feedback.tasks.flag_overdue_cases": "mail",
    "feedback.tasks.flag_visits_due": "mail",
    "feedback.tasks.remind_unrated_visits": "mail",
    "forecast.tasks.nightly_forecast": "reports",
    "imports.tasks.run_import": "reports",
    "investors.tasks.send_inquiry_acknowledgement": "mail",
    "investors.tasks.send_inquiry_answer": "mail",
    "investors.tasks.send_reminder_digests": "mail",
    "outbox.tasks.send_mail": "mail",
    "outbox.tasks.sweep": "celery",
    "staff.tasks.backup_nightly": "celery",
    "staff.tasks.purge_exports": "celery",
    "staff.tasks.run_export": "reports",
    "stats.tasks.compute_fdi_stats": "reports",
    "stats.tasks.compute_open_period": "reports",
    "stats.tasks.remind_monthly_reports": "mail",
}


def _queue(name: str) -> str:
    route = app.amqp.router.route({}, name)
    return route["queue"].name


def test_every_task_goes_to_its_queue():
    app.loader.import_default_modules()
    ours = sorted(name for name in app.tasks if not name.startswith("celery."))
    assert {name: _queue(name) for name in ours} == QUEUE


def test_a_sent_task_carries_its_queue(monkeypatch):
    """What `.delay()` sends: the routing reaches the message, not only the table."""
    sent = []
    monkeypatch.setattr(
        app.amqp,
        "send_task_message",
        lambda producer, name, message, **options: sent.append((name, options)),
    )
    app.send_task("stats.tasks.compute_fdi_stats", args=[1])
    app.send_task("investors.tasks.send_inquiry_answer", args=[1])
    app.send_task("staff.tasks.purge_exports")
    assert [(name, options["queue"].name) for name, options in sent] == [
        ("stats.tasks.compute_fdi_stats", "reports"),
        ("investors.tasks.send_inquiry_answer", "mail"),
        ("staff.tasks.purge_exports", "celery"),
    ]
