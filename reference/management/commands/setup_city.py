"""manage.py setup_city 430700 | 常德市 — create the city and its districts, counties and
county-level cities from GB/T 2260 (see reference.services.city_setup)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from config.errors import DomainError
from reference.services import city_setup


class Command(BaseCommand):
    help = (
        "Create the city (a prefecture-level city or municipality, by GB/T 2260 code or Chinese "
        "name) and its districts, counties and county-level cities, in Chinese and English."
    )

    def add_arguments(self, parser):
        parser.add_argument("city", help="GB/T 2260 code (430700) or Chinese name (常德市)")

    def handle(self, *args, city, **options):
        with translation.override("en"):
            try:
                created, regions = city_setup(query=city)
            except DomainError as e:
                raise CommandError(str(e)) from e
        self.stdout.write(f"{created.code} {created.name_zh_hans} / {created.name_en}")
        for r in regions:
            self.stdout.write(f"  {r.code} {r.name_zh_hans} / {r.name_en} ({r.kind})")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(regions) + 1} regions created. Add the development zones at "
                "/staff/regions/ and see /staff/go-live/ for what is still missing."
            )
        )
