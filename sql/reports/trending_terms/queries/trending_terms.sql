-- The day's most outstanding terms, all kinds together. Parameters: %(day)s, %(limit)s.
SELECT kind, term, docs, source_count, prev_7_avg, score
FROM report_daily_trending_terms
WHERE day = CAST(%(day)s AS date)
ORDER BY score DESC, docs DESC, kind, term
LIMIT %(limit)s
