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


@shared_task(name="feedback.tasks.flag_visits_due")
def flag_visits_due() -> str:
    """Daily: flag enterprises not visited within their assignment's cadence and tell the unit
    and the bureau once; clear the flags of those visited since."""
    from .services import visits_flag_due

    return f"{visits_flag_due()} enterprise(s) newly flagged"
