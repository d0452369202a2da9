"""The demo city, seeded from the top: each app seeds its own part, this command calls them in
order. It lives in `staff/`, the top of the import order, so no app below imports an app above
it to seed its demo (see docs/architecture.md and tests/test_layers.py)."""

from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, seed_demo_users
from appraisal.demo import seed_appraisal
from chains.demo import seed_chains
from config.errors import DomainError
from feedback.demo import seed_feedback
from forecast.demo import seed_forecast
from investors.demo import seed_investor_crm
from liaison.demo import assign_demo_project, seed_assignments, seed_funds, seed_liaison_units
from projects.demo import seed_projects
from reference.demo import seed_regions, seed_work_calendar
from reference.industries import sync_sections
from stats.demo import seed_stats
from website.demo import seed_website


class Command(BaseCommand):
    help = "Create the demo city, reference data and demo accounts. Idempotent."

    def handle(self, *args, **options):
        if not settings.DEMO_ENABLED:
            raise CommandError("Demo data is disabled in these settings (production).")
        try:
            with transaction.atomic():
                sync_sections()
                seed_work_calendar()
                regions = seed_regions()
                units = seed_liaison_units()
                users = seed_demo_users(regions=regions, units=units)
                for seed in app_seeders():
                    seed(regions=regions, units=units, users=users)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                # The industry office's officer is made with its chain (chains.demo).
                f"Demo data ready. Accounts: {', '.join([*users, 'chain_office'])} "
                f"(password {DEMO_PASSWORD})"
            )
        )


def app_seeders():
    """Per-app demo data, bottom to top. Each is idempotent. Order matters: the pipeline first
    (liaison assigns a project before it breaks ground, through the hook, since projects/ does
    not import liaison/), then the assignments of the other contracted projects, then
    statistics and the feedback that needs the assignments, then the public site, then the
    year-end appraisal of it all, and the year-end forecast."""

    def pipeline(*, regions, units, users):
        hook = partial(assign_demo_project, units=units, users=users)
        seed_projects(regions=regions, units=units, users=users, before_groundbreaking=hook)

    return [
        pipeline,
        seed_assignments,
        seed_funds,
        seed_investor_crm,
        seed_chains,
        seed_stats,
        seed_feedback,
        seed_website,
        seed_appraisal,
        seed_forecast,
    ]
