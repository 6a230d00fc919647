-- The day's most outstanding terms, all kinds together. Parameters: :day, :limit.
SELECT kind, term, docs, source_count, prev_7_avg, score
FROM report_daily_trending_terms
WHERE day = CAST(:day AS date)
ORDER BY score DESC, docs DESC, kind, term
LIMIT :limit
