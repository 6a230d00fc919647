-- The texts (as in documents.sql) of the documents of the :days days before the UTC day
-- :day, chosen as in documents.sql: the trailing window the term weights count over.
-- Sorted, so that a sample of every n-th text is the same on every run.
WITH bounds AS (
    SELECT (CAST(:day AS date) - CAST(:days AS int))::timestamp AT TIME ZONE 'UTC' AS lo,
           CAST(:day AS date)::timestamp AT TIME ZONE 'UTC' AS hi
)
SELECT concat_ws(' ', a.title, a.description,
                 array_to_string((regexp_split_to_array(a.body, '\s+'))[1:60], ' ')) AS text
FROM articles AS a, bounds AS b
WHERE a.first_fetched_at >= b.lo AND a.first_fetched_at < b.hi AND a.title ~ '\S'
UNION ALL
SELECT concat_ws(' ', h.title, h.summary)
FROM headlines AS h, bounds AS b
WHERE h.first_seen_at >= b.lo AND h.first_seen_at < b.hi AND h.title ~ '\S'
  AND NOT EXISTS (SELECT 1 FROM articles AS a
                  WHERE a.source = h.source AND h.url IN (a.url, a.canonical_url))
ORDER BY 1
