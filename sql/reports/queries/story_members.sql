-- The members of some of the day's stories. Parameters: %(day)s (a date), %(story_ids)s.
SELECT story_id, member_id, source, title, first_seen_at, article_id IS NULL AS headline_only
FROM report_story_members
WHERE day = CAST(%(day)s AS date) AND story_id = ANY (%(story_ids)s)
ORDER BY story_id, first_seen_at, member_id
