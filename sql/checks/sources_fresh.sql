-- Check: every active source has a fresh headline. A source is active unless its
-- config->>'active' is false; it is fresh when its newest headline was last seen at most
-- config->>'freshness_hours' (default 48) hours before :now.
-- Parameter: :now, the reference time (timestamptz; the DAG passes its data interval end).
-- Returns the stale sources (zero rows = pass):
--   source, freshness_hours, last_seen_at (NULL: never seen), age (now - last_seen_at).
SELECT s.name AS source, f.hours AS freshness_hours, h.last_seen_at,
       CAST(:now AS timestamptz) - h.last_seen_at AS age
FROM sources AS s
CROSS JOIN LATERAL (
    SELECT coalesce(CAST(s.config->>'freshness_hours' AS double precision), 48) AS hours
) AS f
LEFT JOIN LATERAL (
    SELECT max(last_seen_at) AS last_seen_at FROM headlines WHERE source = s.name
) AS h ON true
WHERE s.config->>'active' IS DISTINCT FROM 'false'
  AND (h.last_seen_at IS NULL
       OR h.last_seen_at < CAST(:now AS timestamptz) - f.hours * interval '1 hour')
ORDER BY s.name
