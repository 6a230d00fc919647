-- Check: no two articles have the same canonical URL up to trivial differences (canonical_url
-- is unique as stored, so this catches what canonicalisation missed): the scheme, the case of
-- the host, a leading "www.", a trailing slash, a #fragment, utm_* tracking parameters.
-- Parameter: :day, the UTC day (date or 'YYYY-MM-DD'): a group offends when one of its
-- articles was first fetched then.
-- Returns every article of each offending group (zero rows = pass):
--   normalized_url, id, source, canonical_url, first_fetched_at.
WITH bounds AS (
    SELECT CAST(:day AS date)::timestamp AT TIME ZONE 'UTC' AS lo,
           (CAST(:day AS date) + 1)::timestamp AT TIME ZONE 'UTC' AS hi
),
parts AS (
    SELECT a.id, a.source, a.canonical_url, a.first_fetched_at,
           lower(substring(a.canonical_url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[Ww]{3}\.)?([^/?#]*)'))
               AS host,
           regexp_replace(split_part(a.canonical_url, '#', 1),
                          '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*', '') AS rest
    FROM articles AS a
),
normalized AS (
    SELECT id, source, canonical_url, first_fetched_at,
           host || rtrim(regexp_replace(regexp_replace(rest, '([?&])utm_[^&]*', '\1', 'g'),
                                        '[?&]+$|([?&])&+', '\1', 'g'),
                         '/') AS normalized_url
    FROM parts
),
groups AS (
    SELECT n.normalized_url
    FROM normalized AS n, bounds AS b
    GROUP BY n.normalized_url, b.lo, b.hi
    HAVING count(*) > 1 AND bool_or(n.first_fetched_at >= b.lo AND n.first_fetched_at < b.hi)
)
SELECT n.normalized_url, n.id, n.source, n.canonical_url, n.first_fetched_at
FROM normalized AS n
JOIN groups USING (normalized_url)
ORDER BY n.normalized_url, n.first_fetched_at, n.id
