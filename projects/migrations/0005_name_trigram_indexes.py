"""pg_trgm GIN indexes for the name search (both languages), PostgreSQL only."""

from django.db import migrations

from config.search import AddTrigramIndexes


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_arrival_history_redate")]

    operations = [
        AddTrigramIndexes(
            [("projects_project", "name_zh_hans"), ("projects_project", "name_en")]
        )
    ]
