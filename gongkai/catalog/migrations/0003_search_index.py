"""The full-text index of published items: an FTS5 table on SQLite, a table with a
tsvector and a GIN index on PostgreSQL (gongkai.catalog.search.backends).

Written out here rather than imported, so that this migration stays as it was
whatever the backends become.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE catalog_search USING fts5(
        title, summary, body, attachments, facets,
        document_number UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 0'
    )""",
    "INSERT INTO catalog_search(catalog_search, rank) "
    "VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 1.0, 0.0)')",
]
POSTGRESQL = [
    """CREATE TABLE catalog_search (
        item_id bigint PRIMARY KEY
            REFERENCES catalog_item (id) ON DELETE CASCADE,
        document tsvector NOT NULL,
        sort_key bigint NOT NULL,
        agency_id bigint NOT NULL,
        category varchar(32) NOT NULL,
        subject varchar(100) NOT NULL,
        year smallint,
        article20 smallint,
        document_number varchar(100) NOT NULL
    )""",
    "CREATE INDEX catalog_search_document ON catalog_search USING gin (document)",
    "CREATE INDEX catalog_search_sort_key ON catalog_search (sort_key)",
]
DROP = ["DROP TABLE IF EXISTS catalog_search"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_item_metadata_workflow_privacy")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": DROP, "postgresql": DROP}),
        )
    ]
