-- The documents of the UTC day :day and of the :days days before it, for the trending
-- terms: articles by the day they were first fetched, headlines without an article (no article
-- of the same source with that URL as url or canonical_url) by the day they were first seen.
-- Columns: day, source, title, lede (an article's first 300 body characters; NULL for a
-- headline). Sorted, so that a sample of every n-th document is the same on every run.
WITH bounds AS (
    SELECT (CAST(:day AS date) - CAST(:days AS int))::timestamp AT TIME ZONE 'UTC' AS lo,
           (CAST(:day AS date) + 1)::timestamp AT TIME ZONE 'UTC' AS hi
)
SELECT (a.first_fetched_at AT TIME ZONE 'UTC')::date AS day, a.source, a.title,
       left(a.body, 300) AS lede
FROM articles AS a, bounds AS b
WHERE a.first_fetched_at >= b.lo AND a.first_fetched_at < b.hi
UNION ALL
SELECT (h.first_seen_at AT TIME ZONE 'UTC')::date, h.source, h.title, NULL
FROM headlines AS h, bounds AS b
WHERE h.first_seen_at >= b.lo AND h.first_seen_at < b.hi AND h.title IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM articles AS a
                  WHERE a.source = h.source AND h.url IN (a.url, a.canonical_url))
ORDER BY 1, 2, 3, 4
