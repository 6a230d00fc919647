-- The day's stories told by the most outlets. Parameters: :day (a date), :limit.
SELECT story_id, title, sources, source_count, member_count, distinct_reports, first_seen_at
FROM report_daily_stories
WHERE day = CAST(:day AS date)
ORDER BY source_count DESC, distinct_reports DESC, member_count DESC, first_seen_at, story_id
LIMIT :limit
