"""Django's migrate, made safe for an installation that holds data (docs/operations.md, Upgrades).

- On PostgreSQL the whole run is one transaction: an upgrade that fails in any migration
  leaves the database exactly as it was (every migration before it rolled back too), instead
  of half-upgraded with some apps' migrations committed. PostgreSQL's DDL is transactional;
  no migration of the portal is `atomic = False` (tests/test_migrations.py keeps it so).
- Going backwards refuses to drop a table or a column that holds data: the command names
  them and stops before anything runs. `--discard-data` says the operator means it (after a
  backup); a reverse that cannot be rebuilt at all raises IrreversibleError in any case.
"""

from django.core.management import CommandError
from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections, migrations, transaction
from django.db.models.signals import pre_migrate


def data_lost_backwards(plan, apps, connection) -> list[str]:
    """What the backward steps of `plan` would drop that holds data, as 'table' or
    'table.column' with the number of rows; [] when nothing would be lost."""
    lost = []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for migration, backwards in plan:
            if not backwards:
                continue
            for op in migration.operations:
                if isinstance(op, migrations.CreateModel):
                    model, column = _model(apps, migration.app_label, op.name), None
                elif isinstance(op, migrations.AddField):
                    model = _model(apps, migration.app_label, op.model_name)
                    field = model and model._meta.get_field(op.name)
                    if field is None or field.many_to_many:
                        continue
                    column = field.column
                else:
                    continue
                if model is None or model._meta.db_table not in tables:
                    continue
                table = connection.ops.quote_name(model._meta.db_table)
                where = f" WHERE {connection.ops.quote_name(column)} IS NOT NULL" if column else ""
                cursor.execute(f"SELECT COUNT(*) FROM {table}{where}")  # noqa: S608 (names quoted)
                rows = cursor.fetchone()[0]
                if rows:
                    name = model._meta.db_table + (f".{column}" if column else "")
                    lost.append(f"{name} ({rows} rows)")
    return lost


def _model(apps, app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


class Command(MigrateCommand):
    help = MigrateCommand.help + (
        " On PostgreSQL all in one transaction; backwards, refuses to drop data unless "
        "--discard-data."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--discard-data",
            action="store_true",
            help="Going backwards, drop tables and columns even though they hold data.",
        )

    def handle(self, *args, **options):
        database = options["database"]
        connection = connections[database]
        checked = []

        def refuse_data_loss(sender, plan=None, apps=None, using=None, **kwargs):
            if checked or not plan or using != database:
                return
            checked.append(True)
            lost = [] if options["discard_data"] else data_lost_backwards(plan, apps, connection)
            if lost:
                raise CommandError(
                    "Going back would drop data: "
                    + ", ".join(lost)
                    + ". Nothing was changed. Restore a backup taken before the upgrade "
                    "instead, or add --discard-data if these rows may go."
                )

        pre_migrate.connect(refuse_data_loss, dispatch_uid="portal-refuse-data-loss")
        try:
            if connection.vendor == "postgresql" and not options["plan"]:
                with transaction.atomic(using=database):
                    return super().handle(*args, **options)
            return super().handle(*args, **options)
        finally:
            pre_migrate.disconnect(dispatch_uid="portal-refuse-data-loss")
