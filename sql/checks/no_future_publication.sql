-- Check: nothing was published after we saw it. A published_at later than the fetch (article)
-- or the last sighting (headline) that delivered it, by more than 10 minutes of clock skew,
-- is a wrong date or a wrong time zone.
-- Parameter: :day, the UTC day (date or 'YYYY-MM-DD'): articles last fetched and headlines
-- last seen then.
-- Returns the offending rows (zero rows = pass):
--   kind ('article' or 'headline'), id, source, url, published_at, published_at_raw,
--   seen_at (last_fetched_at or last_seen_at), ahead (published_at - seen_at).
WITH bounds AS (
    SELECT CAST(:day AS date)::timestamp AT TIME ZONE 'UTC' AS lo,
           (CAST(:day AS date) + 1)::timestamp AT TIME ZONE 'UTC' AS hi
)
SELECT 'article' AS kind, a.id, a.source, a.canonical_url AS url, a.published_at,
       a.published_at_raw, a.last_fetched_at AS seen_at, a.published_at - a.last_fetched_at AS ahead
FROM articles AS a, bounds AS b
WHERE a.last_fetched_at >= b.lo AND a.last_fetched_at < b.hi
  AND a.published_at > a.last_fetched_at + interval '10 minutes'
UNION ALL
SELECT 'headline', h.id::text, h.source, h.url, h.published_at, h.published_at_raw,
       h.last_seen_at, h.published_at - h.last_seen_at
FROM headlines AS h, bounds AS b
WHERE h.last_seen_at >= b.lo AND h.last_seen_at < b.hi
  AND h.published_at > h.last_seen_at + interval '10 minutes'
ORDER BY kind, source, url
