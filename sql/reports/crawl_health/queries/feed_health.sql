-- Entry points (feeds, sitemaps, listing pages) fetched in the seven days up to the end of
-- :day that are in poor health now: the last fetch failed (an HTTP error or no response),
-- or nothing new came for more than :gaps times the entry point's usual gap between new
-- entries (the average gap between the first sightings of its headlines in the 28 days up to
-- the end of the day; three such sightings at least). A green crawl with zero new items is
-- no sign of health. Parameters: :day (a date), :gaps (a number).
WITH bounds AS (
    SELECT CAST(CAST(:day AS date) + 1 AS timestamptz) AS day_end
),
firsts AS (
    SELECT s.entry_point, min(s.seen_at) AS first_seen
    FROM headline_sightings AS s
    CROSS JOIN bounds AS b
    WHERE s.seen_at >= b.day_end - interval '28 days' AND s.seen_at < b.day_end
    GROUP BY s.entry_point, s.headline_id
),
gaps AS (
    SELECT entry_point, (max(first_seen) - min(first_seen)) / (count(*) - 1) AS usual_gap
    FROM firsts
    GROUP BY entry_point
    HAVING count(*) >= 3
)
SELECT e.source, e.kind, e.url, e.last_status, e.consecutive_failures, e.last_fetched_at,
       e.last_new_entry_at, g.usual_gap,
       CASE WHEN o.ok THEN 'nothing new'
            ELSE coalesce('HTTP ' || e.last_status, 'no response') END AS problem
FROM entry_points AS e
CROSS JOIN bounds AS b
CROSS JOIN LATERAL (
    SELECT coalesce(e.last_status BETWEEN 200 AND 299 OR e.last_status = 304, false) AS ok
) AS o
LEFT JOIN gaps AS g ON g.entry_point = e.url
WHERE e.last_fetched_at < b.day_end
  AND e.last_fetched_at >= b.day_end - interval '7 days'
  AND (NOT o.ok
       OR b.day_end - coalesce(e.last_new_entry_at, e.first_fetched_at)
          > CAST(:gaps AS double precision) * g.usual_gap)
ORDER BY e.source, e.url
