"""`manage.py backup`: one archive of the database and the media in BACKUP_DIR (staff.backups)."""

from django.core.management.base import BaseCommand, CommandError

from config.errors import DomainError
from staff.backups import backup_create


class Command(BaseCommand):
    help = (
        "Write a PostgreSQL dump and the media files into one dated, checksummed archive in "
        "BACKUP_DIR, keep the newest BACKUP_KEEP, and print the archive's path."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="where to write it (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, help="archives to keep (default: BACKUP_KEEP)")

    def handle(self, *args, **options):
        try:
            archive = backup_create(directory=options["dir"], keep=options["keep"])
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(str(archive))
