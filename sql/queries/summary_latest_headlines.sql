-- The latest headlines by publication time (announced, else the article's); headlines with
-- no known publication time come last, by when they were first seen.
SELECT h.source, coalesce(h.published_at, a.published_at, h.first_seen_at) AS at, h.title, h.url
FROM headlines AS h
LEFT JOIN articles AS a ON a.url = h.url
WHERE h.title IS NOT NULL
ORDER BY coalesce(h.published_at, a.published_at) DESC NULLS LAST, h.first_seen_at DESC, h.id
LIMIT :limit
