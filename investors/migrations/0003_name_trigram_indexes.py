"""pg_trgm GIN indexes for the investor search (names in both languages, notes, contact
names and e-mail addresses),
PostgreSQL only."""

from django.db import migrations

from config.search import AddTrigramIndexes


class Migration(migrations.Migration):
    dependencies = [("investors", "0002_investor_database")]

    operations = [
        AddTrigramIndexes(
            [
                ("investors_investor", "name_zh_hans"),
                ("investors_investor", "name_en"),
                ("investors_investor", "notes"),
                ("investors_contact", "name"),
                ("investors_contact", "email"),
            ]
        )
    ]
