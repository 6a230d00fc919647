-- The latest headlines, newest first.
SELECT source, coalesce(published_at, first_seen_at) AS at, title, url
FROM headlines
WHERE title IS NOT NULL
ORDER BY coalesce(published_at, first_seen_at) DESC, id
LIMIT :limit
