-- Upsert a batch of headlines (one row per source and URL, first and last seen times)
-- and record each sighting (entry point, position, crawl run).
-- :rows is a JSON array of headline rows; rows are sorted so that concurrent crawls lock
-- in the same order and cannot deadlock.
WITH incoming AS (
    SELECT *
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(
        source text, url text, url_raw text, external_id text, title text, summary text, published_at timestamptz,
        published_at_raw text, entry_point text, kind text, position int,
        seen_at timestamptz, crawl_run_id bigint)
),
latest AS (
    SELECT DISTINCT ON (source, url) *
    FROM incoming
    ORDER BY source, url, seen_at DESC
),
upserted AS (
    INSERT INTO headlines AS h (source, url, url_raw, external_id, title, summary, published_at,
                                published_at_raw, first_seen_at, last_seen_at)
    SELECT source, url, url_raw, external_id, title, summary, published_at, published_at_raw,
           seen_at, seen_at
    FROM latest
    ORDER BY source, url
    ON CONFLICT (source, url) DO UPDATE
    -- the latest sighting wins; one replayed late from the spool only fills in what is missing
    SET url_raw = CASE WHEN excluded.last_seen_at >= h.last_seen_at
                       THEN coalesce(excluded.url_raw, h.url_raw)
                       ELSE coalesce(h.url_raw, excluded.url_raw) END,
        external_id = CASE WHEN excluded.last_seen_at >= h.last_seen_at
                           THEN coalesce(excluded.external_id, h.external_id)
                           ELSE coalesce(h.external_id, excluded.external_id) END,
        title = CASE WHEN excluded.last_seen_at >= h.last_seen_at
                     THEN coalesce(excluded.title, h.title) ELSE coalesce(h.title, excluded.title) END,
        summary = CASE WHEN excluded.last_seen_at >= h.last_seen_at
                       THEN coalesce(excluded.summary, h.summary)
                       ELSE coalesce(h.summary, excluded.summary) END,
        published_at = CASE WHEN excluded.last_seen_at >= h.last_seen_at
                            THEN coalesce(excluded.published_at, h.published_at)
                            ELSE coalesce(h.published_at, excluded.published_at) END,
        published_at_raw = CASE WHEN excluded.last_seen_at >= h.last_seen_at
                                THEN coalesce(excluded.published_at_raw, h.published_at_raw)
                                ELSE coalesce(h.published_at_raw, excluded.published_at_raw) END,
        first_seen_at = least(h.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(h.last_seen_at, excluded.last_seen_at)
    RETURNING h.id, h.source, h.url
)
INSERT INTO headline_sightings (headline_id, crawl_run_id, entry_point, kind, position, seen_at)
SELECT u.id, i.crawl_run_id, i.entry_point, i.kind, i.position, i.seen_at
FROM incoming AS i
JOIN upserted AS u USING (source, url)
ON CONFLICT (headline_id, crawl_run_id, entry_point) DO NOTHING
