-- The last crawl of each source by each spider, started before the end of :day (a date):
-- its status, what it stored and spooled, and its failed fetches.
SELECT DISTINCT ON (coalesce(source, 'all'), spider)
       coalesce(source, 'all') AS source, spider, started_at, finished_at, status,
       items_stored, items_spooled,
       coalesce(CAST(stats->>'newsetl/fetch_failed' AS int), 0) AS failed_fetches
FROM crawl_runs
WHERE started_at < CAST(:day AS date) + 1
ORDER BY coalesce(source, 'all'), spider, started_at DESC
