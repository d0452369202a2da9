from django.core.management.base import BaseCommand, CommandError

from config.errors import DomainError
from stats.calculations import parse_period
from stats.models import RunStatus
from stats.services import stats_run_create, stats_run_execute


class Command(BaseCommand):
    help = "Compute one period's FDI statistics with all breakdowns, synchronously."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="YYYY-MM")
        parser.add_argument(
            "--revision-reason",
            default="",
            help="recompute a published period as a new version, with this reason",
        )

    def handle(self, *args, period, revision_reason, **options):
        try:
            year, month = parse_period(period)
            # The same code as the task, run here rather than queued.
            run = stats_run_create(
                user=None, year=year, month=month, revision_reason=revision_reason
            )
            run = stats_run_execute(run_id=run.pk)
        except (ValueError, DomainError) as exc:
            raise CommandError(str(exc)) from exc
        if run.status != RunStatus.SUCCEEDED:
            raise CommandError(run.message or "failed")
        snapshot = run.snapshot
        self.stdout.write(
            self.style.SUCCESS(
                f"{snapshot.period} v{snapshot.version} ({snapshot.get_status_display()}): "
                f"{snapshot.figures.count()} scopes"
            )
        )
