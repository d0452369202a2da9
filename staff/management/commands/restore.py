"""`manage.py restore FILE`: an archive of `manage.py backup` into an empty database and media
folder (staff.backups)."""

from django.core.management.base import BaseCommand, CommandError

from config.errors import DomainError
from staff.backups import backup_restore


class Command(BaseCommand):
    help = (
        "Verify a backup archive's checksums and restore it into the (empty) database of "
        "DATABASE_URL and the (empty) media folder DJANGO_MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .tar written by `manage.py backup`")
        parser.add_argument("--media-root", help="restore the files here (default: MEDIA_ROOT)")
        parser.add_argument("--database", default="default", help="database alias (default)")

    def handle(self, *args, **options):
        try:
            manifest = backup_restore(
                archive=options["file"],
                media_root=options["media_root"],
                alias=options["database"],
            )
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"Restored the database dumped {manifest['created']} and {files} media files. "
            "Next: `manage.py migrate` if the code is newer than the backup, then start the "
            "web, the workers and, last, beat."
        )
