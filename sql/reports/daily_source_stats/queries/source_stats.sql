-- The day's per-source numbers. Parameter: :day (a date).
SELECT source, headlines_seen, articles_stored, words, median_delay_minutes,
       p90_delay_minutes, missing_author_share, missing_published_share, missing_body_share
FROM report_daily_source_stats
WHERE day = CAST(:day AS date)
ORDER BY articles_stored DESC, headlines_seen DESC, source
