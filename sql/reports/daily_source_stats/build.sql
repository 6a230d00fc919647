-- daily_source_stats: one row per source active on the UTC day :day (a date).
-- Parameter: :day, the UTC day to rewrite (date or 'YYYY-MM-DD').
-- Rewrites only that day: deletes its rows, inserts them again (idempotent).
-- A source is listed when it had a headline sighted or an article first fetched that day.
-- Columns:
--   day, source
--   headlines_seen        distinct headlines sighted that day (a sighting, or first/last seen)
--   articles_stored       articles first fetched that day (first_fetched_at)
--   words                 sum of word_count of those articles
--   median_delay_minutes  median of first_fetched_at - published_at, in minutes, over those
--   p90_delay_minutes     articles that have a published_at (NULL when none has)
--   missing_author_share     fraction 0..1 of those articles with no author,
--   missing_published_share  with no published_at,
--   missing_body_share       with an empty (blank) body (NULL when no article was stored)

DELETE FROM daily_source_stats WHERE day = CAST(:day AS date);

WITH bounds AS (
    SELECT CAST(:day AS date) AS day,
           CAST(:day AS date)::timestamp AT TIME ZONE 'UTC' AS lo,
           (CAST(:day AS date) + 1)::timestamp AT TIME ZONE 'UTC' AS hi
),
sighted AS (
    SELECT s.headline_id AS id
    FROM headline_sightings AS s, bounds AS b
    WHERE s.seen_at >= b.lo AND s.seen_at < b.hi
    UNION
    SELECT h.id
    FROM headlines AS h, bounds AS b
    WHERE (h.first_seen_at >= b.lo AND h.first_seen_at < b.hi)
       OR (h.last_seen_at >= b.lo AND h.last_seen_at < b.hi)
),
seen AS (
    SELECT h.source, count(*) AS headlines_seen
    FROM sighted
    JOIN headlines AS h USING (id)
    GROUP BY h.source
),
stored AS (
    SELECT a.source,
           count(*) AS articles_stored,
           sum(a.word_count) AS words,
           percentile_cont(0.5) WITHIN GROUP (
               ORDER BY extract(epoch FROM a.first_fetched_at - a.published_at) / 60
           ) AS median_delay_minutes,
           percentile_cont(0.9) WITHIN GROUP (
               ORDER BY extract(epoch FROM a.first_fetched_at - a.published_at) / 60
           ) AS p90_delay_minutes,
           avg((cardinality(a.authors) = 0)::int) AS missing_author_share,
           avg((a.published_at IS NULL)::int) AS missing_published_share,
           avg((a.body !~ '\S')::int) AS missing_body_share
    FROM articles AS a, bounds AS b
    WHERE a.first_fetched_at >= b.lo AND a.first_fetched_at < b.hi
    GROUP BY a.source
)
INSERT INTO daily_source_stats (day, source, headlines_seen, articles_stored, words,
                                median_delay_minutes, p90_delay_minutes, missing_author_share,
                                missing_published_share, missing_body_share)
SELECT b.day, source, coalesce(seen.headlines_seen, 0), coalesce(stored.articles_stored, 0),
       coalesce(stored.words, 0), stored.median_delay_minutes, stored.p90_delay_minutes,
       stored.missing_author_share, stored.missing_published_share, stored.missing_body_share
FROM seen
FULL JOIN stored USING (source)
CROSS JOIN bounds AS b
ORDER BY source;
