-- Which of :urls (a text array) are already stored, as the fetched or the canonical URL.
SELECT url FROM articles WHERE url = ANY(CAST(:urls AS text[]))
UNION
SELECT canonical_url FROM articles WHERE canonical_url = ANY(CAST(:urls AS text[]))
