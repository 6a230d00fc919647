-- daily_stories and story_members: the day's news stories told by several outlets.
-- Parameter: %(day)s, the UTC day to rewrite (date or 'YYYY-MM-DD').
-- Rewrites only that day: deletes its rows in both tables, inserts them again (idempotent).
--
-- Documents of the day: articles first fetched that day, and headlines first seen that day
-- that have no article (no article of the same source with that URL as url or canonical_url).
-- Two documents of DIFFERENT sources are linked when
--   * their titles are similar: pg_trgm similarity(title, title) >= 0.6, or
--   * their bodies are near-duplicates: Jaccard overlap of the sets of 3-word shingles of the
--     first 300 body words >= 0.3, or
--   * their bodies are identical (same body_hash: md5 of the lower-cased, space-normalised body),
--   * they tell the same event in other words: Jaccard overlap >= 0.15 of the sets of English
--     lexemes (to_tsvector('english'): stemmed, stop words out) of title, standfirst and first
--     60 body words (a headline: title and summary). Candidates share a lexeme that at most 20
--     documents of the day have (names, places, figures), so common words make no pairs.
-- Candidate pairs come from prefix filtering (exact for Jaccard: pairs above the threshold share
-- one of the rarest tokens of each side), so no day compares every pair of documents.
-- A story is a connected component of those links (a recursive CTE). Since every link joins
-- two sources, every story has at least 2 sources; a document nobody else covered is no story.
--
-- story_members columns: day, member_id ('article:<articles.id>' or 'headline:<headlines.id>'),
--   story_id, article_id, headline_id (one of the two is set), source, title, url (canonical
--   URL of an article, URL of a headline), first_seen_at (articles.first_fetched_at or
--   headlines.first_seen_at), body_hash (NULL for a headline).
-- daily_stories columns: day, story_id (the member_id of its earliest member: stable as long as
--   the day's data is), title (of that earliest member), sources (sorted text[]),
--   source_count, member_count (every member, wire copies included),
--   distinct_reports (distinct bodies: a wire copy carried by several outlets counts once, each
--   headline without an article counts once), first_seen_at and last_seen_at of its members.

-- The recursive CTE's estimates are huge, which would make Postgres JIT-compile the query for
-- seconds; it runs in milliseconds without. SET LOCAL ends with the transaction.
SET LOCAL jit = off;

DELETE FROM story_members WHERE day = CAST(%(day)s AS date);

DELETE FROM daily_stories WHERE day = CAST(%(day)s AS date);

WITH RECURSIVE bounds AS (
    SELECT CAST(%(day)s AS date) AS day,
           CAST(%(day)s AS date)::timestamp AT TIME ZONE 'UTC' AS lo,
           (CAST(%(day)s AS date) + 1)::timestamp AT TIME ZONE 'UTC' AS hi
),
docs AS (
    SELECT 'article:' || a.id AS member_id, a.id AS article_id, NULL::bigint AS headline_id,
           a.source, a.title, a.canonical_url AS url, a.first_fetched_at AS first_seen_at,
           CASE WHEN a.body ~ '\S'
                THEN md5(btrim(regexp_replace(lower(a.body), '\s+', ' ', 'g'))) END AS body_hash,
           a.body,
           concat_ws(' ', a.title, a.description,
                     array_to_string((regexp_split_to_array(a.body, '\s+'))[1:60], ' ')) AS lead
    FROM articles AS a, bounds AS b
    WHERE a.first_fetched_at >= b.lo AND a.first_fetched_at < b.hi AND a.title ~ '\S'
    UNION ALL
    SELECT 'headline:' || h.id, NULL, h.id, h.source, h.title, h.url, h.first_seen_at, NULL, NULL,
           concat_ws(' ', h.title, h.summary)
    FROM headlines AS h, bounds AS b
    WHERE h.first_seen_at >= b.lo AND h.first_seen_at < b.hi AND h.title ~ '\S'
      AND NOT EXISTS (SELECT 1 FROM articles AS a
                      WHERE a.source = h.source AND h.url IN (a.url, a.canonical_url))
),
words AS (
    SELECT d.member_id, t.word, t.pos
    FROM docs AS d
    CROSS JOIN LATERAL regexp_split_to_table(lower(left(d.body, 2000)), '[^[:alnum:]]+')
         WITH ORDINALITY AS t(word, pos)
    WHERE d.body_hash IS NOT NULL AND t.word <> ''
),
numbered AS (
    SELECT member_id, word, row_number() OVER (PARTITION BY member_id ORDER BY pos) AS i,
           lead(word, 1) OVER (PARTITION BY member_id ORDER BY pos) AS word2,
           lead(word, 2) OVER (PARTITION BY member_id ORDER BY pos) AS word3
    FROM words
),
shingles AS (
    SELECT DISTINCT member_id,
           hashtextextended(word || ' ' || word2 || ' ' || word3, 0) AS shingle
    FROM numbered
    WHERE i <= 148 AND word3 IS NOT NULL
),
tokens AS (
    SELECT member_id, 'title' AS kind, hashtextextended(trigram, 0) AS token
    FROM docs, unnest(show_trgm(title)) AS trigram
    UNION ALL
    SELECT member_id, 'body', shingle FROM shingles
),
token_docs AS (
    SELECT kind, token, count(*) AS df FROM tokens GROUP BY kind, token
),
ordered AS (
    SELECT t.member_id, t.kind, t.token,
           row_number() OVER (PARTITION BY t.member_id, t.kind ORDER BY f.df, t.token) AS i,
           count(*) OVER (PARTITION BY t.member_id, t.kind) AS n
    FROM tokens AS t
    JOIN token_docs AS f USING (kind, token)
),
prefixes AS (
    SELECT member_id, kind, token
    FROM ordered
    WHERE i <= n - ceil(CASE kind WHEN 'title' THEN 0.6 ELSE 0.3 END * n) + 1
),
candidates AS (
    SELECT DISTINCT x.kind, x.member_id AS a, y.member_id AS b
    FROM prefixes AS x
    JOIN prefixes AS y ON y.kind = x.kind AND y.token = x.token AND y.member_id > x.member_id
    JOIN docs AS dx ON dx.member_id = x.member_id
    JOIN docs AS dy ON dy.member_id = y.member_id
    WHERE dx.source <> dy.source
),
lexemes AS (
    SELECT DISTINCT d.member_id, t.lexeme
    FROM docs AS d
    CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector('english', d.lead))) AS t(lexeme)
),
lexeme_counts AS (
    SELECT member_id, count(*) AS n FROM lexemes GROUP BY member_id
),
rare_lexemes AS (
    SELECT lexeme FROM lexemes GROUP BY lexeme HAVING count(*) <= 20
),
topic_candidates AS (
    SELECT DISTINCT x.member_id AS a, y.member_id AS b
    FROM lexemes AS x
    JOIN rare_lexemes AS r USING (lexeme)
    JOIN lexemes AS y ON y.lexeme = x.lexeme AND y.member_id > x.member_id
    JOIN docs AS dx ON dx.member_id = x.member_id
    JOIN docs AS dy ON dy.member_id = y.member_id
    WHERE dx.source <> dy.source
),
topic_shared AS (
    SELECT c.a, c.b, count(*) AS n
    FROM topic_candidates AS c
    JOIN lexemes AS x ON x.member_id = c.a
    JOIN lexemes AS y ON y.member_id = c.b AND y.lexeme = x.lexeme
    GROUP BY c.a, c.b
),
shingle_counts AS (
    SELECT member_id, count(*) AS n FROM shingles GROUP BY member_id
),
shared AS (
    SELECT c.a, c.b, count(*) AS n
    FROM candidates AS c
    JOIN shingles AS x ON x.member_id = c.a
    JOIN shingles AS y ON y.member_id = c.b AND y.shingle = x.shingle
    WHERE c.kind = 'body'
    GROUP BY c.a, c.b
),
edges AS (
    SELECT c.a, c.b
    FROM candidates AS c
    JOIN docs AS x ON x.member_id = c.a
    JOIN docs AS y ON y.member_id = c.b
    WHERE c.kind = 'title' AND similarity(x.title, y.title) >= 0.6
    UNION
    SELECT s.a, s.b
    FROM shared AS s
    JOIN shingle_counts AS ca ON ca.member_id = s.a
    JOIN shingle_counts AS cb ON cb.member_id = s.b
    WHERE s.n::float / (ca.n + cb.n - s.n) >= 0.3
    UNION
    SELECT x.member_id, y.member_id
    FROM docs AS x
    JOIN docs AS y
      ON y.body_hash = x.body_hash AND y.member_id > x.member_id AND y.source <> x.source
    UNION
    SELECT s.a, s.b
    FROM topic_shared AS s
    JOIN lexeme_counts AS ca ON ca.member_id = s.a
    JOIN lexeme_counts AS cb ON cb.member_id = s.b
    WHERE s.n::float / (ca.n + cb.n - s.n) >= 0.15
),
links AS (
    SELECT a, b FROM edges
    UNION
    SELECT b, a FROM edges
),
reach (member_id, other) AS (
    SELECT a, b FROM links
    UNION
    SELECT r.member_id, l.b FROM reach AS r JOIN links AS l ON l.a = r.other
),
components AS (
    SELECT r.member_id,
           (array_agg(d.member_id ORDER BY d.first_seen_at, d.member_id))[1] AS story_id
    FROM reach AS r
    JOIN docs AS d ON d.member_id = r.other
    GROUP BY r.member_id
)
INSERT INTO story_members (day, member_id, story_id, article_id, headline_id, source, title,
                           url, first_seen_at, body_hash)
SELECT b.day, d.member_id, c.story_id, d.article_id, d.headline_id, d.source, d.title, d.url,
       d.first_seen_at, d.body_hash
FROM components AS c
JOIN docs AS d USING (member_id)
CROSS JOIN bounds AS b
ORDER BY c.story_id, d.member_id;

INSERT INTO daily_stories (day, story_id, title, sources, source_count, member_count,
                           distinct_reports, first_seen_at, last_seen_at)
SELECT day, story_id,
       (array_agg(title ORDER BY first_seen_at, member_id))[1],
       array_agg(DISTINCT source ORDER BY source),
       count(DISTINCT source),
       count(*),
       count(DISTINCT coalesce(body_hash, member_id)),
       min(first_seen_at),
       max(first_seen_at)
FROM story_members
WHERE day = CAST(%(day)s AS date)
GROUP BY day, story_id
ORDER BY story_id;
