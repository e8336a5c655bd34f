"""The words of the title, and of the title and summary, apart on PostgreSQL, for
relevance by tier (docs/adr/0011). Generated from ``document`` by weight, so the
index needs no rebuild; SQLite reads its tiers from the FTS5 columns it has. The
year column goes: a year is a range of sort keys, as on SQLite. A document's words
stay in its row (compressed) rather than in the TOAST table: a count reads them in
every row it passes, and a lookup in another table for each made counts about 1.5×
slower (rows move as they are written again: ``gongkai catalog reindex``)."""

from django.db import migrations

TIERS = {"title_words": "{a}", "head_words": "{a,b}"}
POSTGRESQL = [
    f"ALTER TABLE catalog_search ADD COLUMN IF NOT EXISTS {column} tsvector "
    f"GENERATED ALWAYS AS (ts_filter(document, '{weights}')) STORED"
    for column, weights in TIERS.items()
] + [
    f"CREATE INDEX IF NOT EXISTS catalog_search_{column} ON catalog_search "
    f"USING gin ({column})"
    for column in TIERS
] + [
    "ALTER TABLE catalog_search DROP COLUMN IF EXISTS year",
    "ALTER TABLE catalog_search ALTER COLUMN document SET STORAGE MAIN",
]
DROP = [f"ALTER TABLE catalog_search DROP COLUMN IF EXISTS {c}" for c in TIERS] + [
    "ALTER TABLE catalog_search ADD COLUMN IF NOT EXISTS year smallint",
    "ALTER TABLE catalog_search ALTER COLUMN document SET STORAGE EXTENDED",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_search_index")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(DROP))]
