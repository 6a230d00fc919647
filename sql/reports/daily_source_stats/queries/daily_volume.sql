-- Articles stored and headlines seen per source and day over the :days days ending on
-- :day (a date).
SELECT day, source, articles_stored, headlines_seen
FROM report_daily_source_stats
WHERE day > CAST(:day AS date) - CAST(:days AS int) AND day <= CAST(:day AS date)
ORDER BY day, source
