-- Check: every article fetched on the UTC day has a title and a body.
-- Parameter: :day, the UTC day (date or 'YYYY-MM-DD'): articles first or last fetched then.
-- Returns the offending articles (zero rows = pass):
--   id, source, canonical_url, title, word_count, last_fetched_at, problem
--   (problem: 'no title', 'no body' or 'no title, no body').
WITH bounds AS (
    SELECT CAST(:day AS date)::timestamp AT TIME ZONE 'UTC' AS lo,
           (CAST(:day AS date) + 1)::timestamp AT TIME ZONE 'UTC' AS hi
)
SELECT a.id, a.source, a.canonical_url, a.title, a.word_count, a.last_fetched_at,
       concat_ws(', ', CASE WHEN a.title !~ '\S' THEN 'no title' END,
                 CASE WHEN a.body !~ '\S' THEN 'no body' END) AS problem
FROM articles AS a, bounds AS b
WHERE ((a.first_fetched_at >= b.lo AND a.first_fetched_at < b.hi)
       OR (a.last_fetched_at >= b.lo AND a.last_fetched_at < b.hi))
  AND (a.title !~ '\S' OR a.body !~ '\S')
ORDER BY a.source, a.canonical_url
