-- Upsert a batch of articles by id (sha1 of the canonical URL). A changed content hash
-- bumps the revision and keeps the new content in article_revisions; an unchanged one only
-- moves last_fetched_at. Content fetched before what is stored (a batch replayed late from
-- the spool) never replaces it: it only moves first_fetched_at back. Rows are sorted by id
-- so concurrent crawls cannot deadlock.
WITH incoming AS (
    SELECT *
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(
        id text, canonical_url text, url text, source text, title text, description text,
        authors text[], published_at timestamptz, published_at_raw text,
        modified_at timestamptz, modified_at_raw text, language text, section text,
        tags text[], body text, image_url text, word_count int, content_hash text,
        fetched_at timestamptz, crawl_run_id bigint,
        title_variants jsonb, published_at_source text, extracted_by text)
),
late AS (
    SELECT i.id, i.fetched_at
    FROM incoming AS i
    JOIN articles AS a USING (id)
    WHERE i.fetched_at < a.last_fetched_at
),
backdated AS (
    UPDATE articles AS a
    SET first_fetched_at = least(a.first_fetched_at, late.fetched_at)
    FROM late
    WHERE a.id = late.id
),
upserted AS (
    INSERT INTO articles AS a (
        id, canonical_url, url, source, title, description, authors, published_at,
        published_at_raw, modified_at, modified_at_raw, language, section, tags, body,
        image_url, word_count, content_hash, revision, first_fetched_at, last_fetched_at,
        crawl_run_id, title_variants, published_at_source, extracted_by)
    SELECT id, canonical_url, url, source, title, description, coalesce(authors, '{}'),
           published_at, published_at_raw, modified_at, modified_at_raw, language, section,
           coalesce(tags, '{}'), body, image_url, word_count, content_hash, 1, fetched_at,
           fetched_at, crawl_run_id, coalesce(title_variants, '{}'), published_at_source,
           extracted_by
    FROM incoming
    WHERE id NOT IN (SELECT id FROM late)
    ORDER BY id
    ON CONFLICT (id) DO UPDATE
    SET url = excluded.url, title = excluded.title, description = excluded.description,
        authors = excluded.authors, published_at = excluded.published_at,
        published_at_raw = excluded.published_at_raw, modified_at = excluded.modified_at,
        modified_at_raw = excluded.modified_at_raw, language = excluded.language,
        section = excluded.section, tags = excluded.tags, body = excluded.body,
        image_url = excluded.image_url, word_count = excluded.word_count,
        content_hash = excluded.content_hash,
        revision = a.revision + (a.content_hash IS DISTINCT FROM excluded.content_hash)::int,
        first_fetched_at = least(a.first_fetched_at, excluded.first_fetched_at),
        last_fetched_at = greatest(a.last_fetched_at, excluded.last_fetched_at),
        crawl_run_id = excluded.crawl_run_id, title_variants = excluded.title_variants,
        published_at_source = excluded.published_at_source,
        extracted_by = excluded.extracted_by
    WHERE a.last_fetched_at <= excluded.last_fetched_at  -- a newer write won meanwhile
    RETURNING a.*
)
INSERT INTO article_revisions (article_id, revision, fetched_at, content_hash, title,
                               description, authors, modified_at, body, word_count)
SELECT id, revision, last_fetched_at, content_hash, title, description, authors,
       modified_at, body, word_count
FROM upserted
ON CONFLICT (article_id, revision) DO NOTHING
RETURNING revision  -- 1: a new article; more: its content changed
