-- Record the fetches of a crawl's entry points (one row per URL).
-- :rows is a JSON array of {url, source, kind, status (NULL: no response), etag,
-- last_modified, fetched_at, entries_seen, entries_new}. A fetch succeeds with a 2xx or a
-- 304; a 304 keeps the stored validators, a failure keeps validators and entry counts.
WITH incoming AS (
    SELECT x.*, (x.status BETWEEN 200 AND 299 OR x.status = 304) AS ok
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(
        url text, source text, kind text, status int, etag text, last_modified text,
        fetched_at timestamptz, entries_seen int, entries_new int)
)
INSERT INTO entry_points AS e (
    url, source, kind, last_status, etag, last_modified, first_fetched_at, last_fetched_at,
    last_success_at, last_new_entry_at, consecutive_failures, entries_seen, entries_new)
SELECT url, source, kind, status,
       CASE WHEN ok THEN etag END, CASE WHEN ok THEN last_modified END,
       fetched_at, fetched_at,
       CASE WHEN ok THEN fetched_at END,
       CASE WHEN entries_new > 0 THEN fetched_at END,
       CASE WHEN ok THEN 0 ELSE 1 END,
       entries_seen, entries_new
FROM incoming
ORDER BY url
ON CONFLICT (url) DO UPDATE
SET source = excluded.source,
    kind = excluded.kind,
    last_status = excluded.last_status,
    etag = CASE WHEN excluded.last_status BETWEEN 200 AND 299 THEN excluded.etag ELSE e.etag END,
    last_modified = CASE WHEN excluded.last_status BETWEEN 200 AND 299
                         THEN excluded.last_modified ELSE e.last_modified END,
    last_fetched_at = greatest(e.last_fetched_at, excluded.last_fetched_at),
    last_success_at = coalesce(excluded.last_success_at, e.last_success_at),
    last_new_entry_at = coalesce(excluded.last_new_entry_at, e.last_new_entry_at),
    consecutive_failures = CASE WHEN excluded.consecutive_failures = 0 THEN 0
                                ELSE e.consecutive_failures + 1 END,
    entries_seen = coalesce(excluded.entries_seen, e.entries_seen),
    entries_new = coalesce(excluded.entries_new, e.entries_new)
