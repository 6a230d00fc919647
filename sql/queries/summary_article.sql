-- One full article: the most recently published one.
SELECT source, title, authors, published_at, language, section, canonical_url, body, word_count
FROM articles
ORDER BY published_at DESC NULLS LAST, id
LIMIT 1
