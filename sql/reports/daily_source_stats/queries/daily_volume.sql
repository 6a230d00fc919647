-- Articles stored and headlines seen per source and day over the %(days)s days ending on
-- %(day)s (a date).
SELECT day, source, articles_stored, headlines_seen
FROM report_daily_source_stats
WHERE day > CAST(%(day)s AS date) - CAST(%(days)s AS int) AND day <= CAST(%(day)s AS date)
ORDER BY day, source
