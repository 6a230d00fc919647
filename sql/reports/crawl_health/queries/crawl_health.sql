-- Crawl runs of the day that did not end well: abandoned (the process died), failed,
-- interrupted, partial (items spooled), or still running. Parameter: :day (a date).
SELECT spider, coalesce(source, 'all') AS source, started_at, status,
       coalesce(finish_reason, '') AS finish_reason, items_stored, items_spooled
FROM crawl_runs
WHERE started_at >= CAST(:day AS date)
  AND started_at < CAST(:day AS date) + 1
  AND status <> 'finished'
ORDER BY started_at, id
