-- The members of some of the day's stories, with the link to each and its publication time
-- (the article's, else the headline's). Parameters: :day (a date), :story_ids.
SELECT m.story_id, m.member_id, m.source, m.title, m.url, m.first_seen_at,
       coalesce(a.published_at, h.published_at) AS published_at,
       m.article_id IS NULL AS headline_only
FROM report_story_members AS m
LEFT JOIN articles AS a ON a.id = m.article_id
LEFT JOIN headlines AS h ON h.id = m.headline_id
WHERE m.day = CAST(:day AS date) AND m.story_id = ANY (:story_ids)
ORDER BY m.story_id, m.first_seen_at, m.member_id
