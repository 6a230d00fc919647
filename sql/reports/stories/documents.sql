-- The documents of the UTC day :day that the stories report groups: articles first
-- fetched that day, and headlines first seen that day that have no article (no article of the
-- same source with that URL as url or canonical_url). text: the title, the standfirst (an
-- article's description, a headline's summary) and an article's lede (its first 60 body
-- words); body: an article's body (NULL for a headline), compared for near-duplicates;
-- body_hash: md5 of the lower-cased, space-normalised body.
WITH bounds AS (
    SELECT CAST(:day AS date)::timestamp AT TIME ZONE 'UTC' AS lo,
           (CAST(:day AS date) + 1)::timestamp AT TIME ZONE 'UTC' AS hi
)
SELECT 'article:' || a.id AS member_id, a.id AS article_id, NULL::bigint AS headline_id,
       a.source, a.title, a.canonical_url AS url, a.first_fetched_at AS first_seen_at,
       CASE WHEN a.body ~ '\S'
            THEN md5(btrim(regexp_replace(lower(a.body), '\s+', ' ', 'g'))) END AS body_hash,
       concat_ws(' ', a.title, a.description,
                 array_to_string((regexp_split_to_array(a.body, '\s+'))[1:60], ' ')) AS text,
       left(a.body, 2000) AS body
FROM articles AS a, bounds AS b
WHERE a.first_fetched_at >= b.lo AND a.first_fetched_at < b.hi AND a.title ~ '\S'
UNION ALL
SELECT 'headline:' || h.id, NULL, h.id, h.source, h.title, h.url, h.first_seen_at, NULL,
       concat_ws(' ', h.title, h.summary), NULL
FROM headlines AS h, bounds AS b
WHERE h.first_seen_at >= b.lo AND h.first_seen_at < b.hi AND h.title ~ '\S'
  AND NOT EXISTS (SELECT 1 FROM articles AS a
                  WHERE a.source = h.source AND h.url IN (a.url, a.canonical_url))
