"""On PostgreSQL, how many indexed items hold each word, kept by triggers on
``catalog_search``: a search for one word counts its matches in one row rather
than by visiting each (docs/adr/0021). SQLite needs none: FTS5 counts fast enough.

Each change to the index adds a row per word it touches (+n or -n items), then
folds the rows of those words into one, skipping rows another transaction is
folding at the same moment (``FOR UPDATE SKIP LOCKED``): writers never wait for
each other nor deadlock, and a word's count is the sum of its few rows. Triggers,
not the search backend's code, so that every way a row leaves the index (an item
deleted: ``ON DELETE CASCADE``) keeps the counts exact. A rebuild turns them off and
counts every word once at the end (``backends.postgresql``).

Written out here rather than imported, so that this migration stays as it was
whatever the backend becomes.
"""

from django.db import migrations

POSTGRESQL = [
    """CREATE TABLE catalog_search_word (
        id bigserial PRIMARY KEY,
        word text NOT NULL,
        items integer NOT NULL
    )""",
    "CREATE INDEX catalog_search_word_word ON catalog_search_word (word) "
    "INCLUDE (items)",
    """CREATE FUNCTION catalog_search_word_counted() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        removed text[] := '{}';
        put text[] := '{}';
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            WITH counted AS (
                INSERT INTO catalog_search_word (word, items)
                SELECT word, -count(*)
                FROM gone, unnest(tsvector_to_array(gone.document)) AS word
                GROUP BY word
                RETURNING word
            )
            SELECT coalesce(array_agg(word), '{}') INTO removed FROM counted;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            WITH counted AS (
                INSERT INTO catalog_search_word (word, items)
                SELECT word, count(*)
                FROM added, unnest(tsvector_to_array(added.document)) AS word
                GROUP BY word
                RETURNING word
            )
            SELECT coalesce(array_agg(word), '{}') INTO put FROM counted;
        END IF;
        WITH taken AS (
            DELETE FROM catalog_search_word
            WHERE id IN (
                SELECT id FROM catalog_search_word
                WHERE word = ANY(removed || put)
                FOR UPDATE SKIP LOCKED
            )
            RETURNING word, items
        )
        INSERT INTO catalog_search_word (word, items)
        SELECT word, sum(items) FROM taken GROUP BY word HAVING sum(items) <> 0;
        RETURN NULL;
    END
    $$""",
    "CREATE TRIGGER catalog_search_word_added AFTER INSERT ON catalog_search "
    "REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_word_counted()",
    "CREATE TRIGGER catalog_search_word_gone AFTER DELETE ON catalog_search "
    "REFERENCING OLD TABLE AS gone "
    "FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_word_counted()",
    "CREATE TRIGGER catalog_search_word_changed AFTER UPDATE ON catalog_search "
    "REFERENCING OLD TABLE AS gone NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_word_counted()",
    """CREATE FUNCTION catalog_search_word_cleared() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE catalog_search_word;
        RETURN NULL;
    END
    $$""",
    "CREATE TRIGGER catalog_search_word_cleared AFTER TRUNCATE ON catalog_search "
    "FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_word_cleared()",
    # How many indexed items hold the one word ``query`` is to the index (as
    # plainto_tsquery cuts it); NULL when it is not one word. A function, so that
    # its plan is made once per connection, not for every search.
    """CREATE FUNCTION catalog_search_word_items(query text) RETURNS bigint
    LANGUAGE plpgsql STABLE AS $$
    DECLARE
        words text[] := tsvector_to_array(to_tsvector('simple', query));
    BEGIN
        IF cardinality(words) <> 1 THEN
            RETURN NULL;
        END IF;
        RETURN (
            SELECT coalesce(sum(items), 0) FROM catalog_search_word
            WHERE word = words[1]
        );
    END
    $$""",
    # The index as it stands.
    "INSERT INTO catalog_search_word (word, items) "
    "SELECT word, count(*) FROM catalog_search, "
    "unnest(tsvector_to_array(document)) AS word GROUP BY word",
]
DROP = [
    "DROP TABLE IF EXISTS catalog_search_word",
    "DROP TRIGGER IF EXISTS catalog_search_word_added ON catalog_search",
    "DROP TRIGGER IF EXISTS catalog_search_word_gone ON catalog_search",
    "DROP TRIGGER IF EXISTS catalog_search_word_changed ON catalog_search",
    "DROP TRIGGER IF EXISTS catalog_search_word_cleared ON catalog_search",
    "DROP FUNCTION IF EXISTS catalog_search_word_counted()",
    "DROP FUNCTION IF EXISTS catalog_search_word_cleared()",
    "DROP FUNCTION IF EXISTS catalog_search_word_items(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_categories_and_interpretation_forms")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(DROP))]
