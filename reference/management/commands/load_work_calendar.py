from django.core.management.base import BaseCommand, CommandError

from reference.services import work_calendar_load_library
from reference.workdays import library_years


class Command(BaseCommand):
    help = (
        "Load the State Council's holiday arrangements (holidays and make-up workdays) that the "
        "installed chinese-calendar library carries into the working-day calendar. Days an "
        "administrator entered or corrected are kept. Run it after upgrading the library."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", help="only this year (repeatable); default all"
        )

    def handle(self, *args, year=None, **options):
        carried = library_years()
        missing = sorted(set(year or ()) - set(carried))
        if missing:
            raise CommandError(
                f"chinese-calendar carries {carried[0]}–{carried[-1]}, not "
                + ", ".join(map(str, missing))
                + ": enter that year's arrangement on the Working-day calendar page."
            )
        counts = work_calendar_load_library(years=year)
        self.stdout.write(
            self.style.SUCCESS(
                f"{carried[0]}–{carried[-1]}: " if not year else f"{', '.join(map(str, year))}: "
            )
            + ", ".join(f"{v} {k}" for k, v in counts.items())
        )
