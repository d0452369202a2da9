from celery import shared_task


@shared_task(name="feedback.tasks.flag_overdue_cases")
def flag_overdue_cases() -> str:
    """Daily: flag cases past their due date and notify the unit and the office (idempotent:
    a case is flagged once)."""
    from .services import cases_flag_overdue

    return f"{cases_flag_overdue()} case(s) newly overdue"


@shared_task(name="feedback.tasks.remind_unrated_visits")
def remind_unrated_visits() -> str:
    """Daily: remind the visiting staff of visits not rated after a few days (once each)."""
    from .services import visits_remind_unrated

    return f"{visits_remind_unrated()} reminder(s)"
