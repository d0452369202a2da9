"""Upgrades on populated databases (docs/operations.md, Upgrades). The full upgrade from the
previous release is scripts/upgrade_check.sh (CI); these are its fast parts."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.executor import MigrationExecutor

from config import history_backfill
from investors.models import HistoricalInvestor, Investor
from reference.management.commands.migrate import data_lost_backwards
from tests.factories import InvestorFactory, UserFactory

pytestmark = pytest.mark.django_db


def _migration(app_label, name):
    return MigrationExecutor(connection).loader.get_migration(app_label, name)


def test_no_migration_runs_outside_the_upgrade_transaction():
    loader = MigrationExecutor(connection).loader
    ours = {c.label for c in django_apps.get_app_configs() if "site-packages" not in c.path}
    outside = [k for k, m in loader.disk_migrations.items() if k[0] in ours and not m.atomic]
    assert outside == []


def test_normalise_investors_reads_the_raw_codes_of_a_country_field():
    """investors.0002 ran after the field became a CountryField: it stopped on .strip()."""
    uk, greek, fine = InvestorFactory.create_batch(3, name_en="Acme Trading GmbH")
    Investor.objects.filter(pk=uk.pk).update(country="uk")
    Investor.objects.filter(pk=greek.pk).update(country="el", name_key_en="")
    module = importlib.import_module("investors.migrations.0002_investor_database")

    module.normalise_investors(django_apps, None)

    got = dict(Investor.objects.values_list("pk", "country"))
    assert (got[uk.pk], got[greek.pk], got[fine.pk]) == ("GB", "GR", fine.country.code)
    assert Investor.objects.get(pk=greek.pk).name_key_en == "acmetrading"


def test_backwards_names_the_tables_and_columns_it_would_drop_with_data():
    executor = MigrationExecutor(connection)
    InvestorFactory()
    target = [("investors", "0001_initial")]
    plan = executor.migration_plan(target)
    state = executor.loader.project_state()  # every migration is applied in the tests

    lost = data_lost_backwards(plan, state.apps, connection)

    assert any(x.startswith("investors_historicalinvestor (") for x in lost)
    assert any(x.startswith("investors_investor.name_key_en (") for x in lost)
    nothing_there = executor.migration_plan([("stats", "0003_monthly_report")])
    assert data_lost_backwards(nothing_there, state.apps, connection) == []


def test_migrate_backwards_refuses_before_changing_anything():
    InvestorFactory()
    with pytest.raises(CommandError, match=r"investors_investor\.name_key_en"):
        call_command("migrate", "investors", "0001_initial", verbosity=0)
    assert ("investors", "0007_history_backfill") in MigrationExecutor(
        connection
    ).loader.applied_migrations


def test_dropping_the_plain_text_tokens_cannot_be_reversed():
    migration = _migration("accounts", "0002_api_tokens")
    state = MigrationExecutor(connection).loader.project_state(("accounts", "0002_api_tokens"))
    with pytest.raises(IrreversibleError, match="drop_plain_text_tokens"):
        migration.unapply(state, schema_editor=None)  # refuses before touching the database


def test_history_backfill_gives_each_record_without_history_one_entry_and_reverses():
    with_history, without = InvestorFactory.create_batch(2)
    HistoricalInvestor.objects.filter(id=without.pk).delete()
    before = HistoricalInvestor.objects.filter(id=with_history.pk).count()

    assert history_backfill.backfill(django_apps, "investors", "Investor") == 1
    assert history_backfill.backfill(django_apps, "investors", "Investor") == 0
    entry = HistoricalInvestor.objects.get(id=without.pk)
    assert (entry.history_type, entry.name_en, entry.history_user_id) == (
        "+",
        without.name_en,
        None,
    )
    assert entry.history_date == without.created_at
    assert HistoricalInvestor.objects.filter(id=with_history.pk).count() == before

    history_backfill.remove(django_apps, "investors", "Investor")
    assert not HistoricalInvestor.objects.filter(id=without.pk).exists()
    assert HistoricalInvestor.objects.filter(id=with_history.pk).count() == before


def test_seed_demo_leaves_an_installations_own_admin_alone():
    admin = UserFactory(username="admin", email="it@bureau.gov.cn", first_name="赵")
    with pytest.raises(CommandError, match="admin"):
        call_command("seed_demo")
    admin.refresh_from_db()
    assert (admin.email, admin.first_name) == ("it@bureau.gov.cn", "赵")
