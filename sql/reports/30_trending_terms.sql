-- daily_trending_terms: the terms whose use on the UTC day %(day)s stands out against the
-- 7 days before it; the top 20 per kind.
-- Parameter: %(day)s, the UTC day to rewrite (date or 'YYYY-MM-DD').
-- Rewrites only that day: deletes its rows, inserts them again (idempotent). It reads the
-- raw articles and headlines of the day and of the 7 days before, so it does not depend on
-- earlier days having been refreshed.
--
-- Documents: as in 20_stories.sql, articles by the day they were first fetched and headlines
-- without an article by the day they were first seen. Their text: the title and the first
-- 1000 characters of the body (the lede, which names what the story is about; this bounds the
-- cost per document). Text is split into sentences at . ! ? ; : and line breaks, and
-- sentences into words (runs of letters). A document counts once per term, however often
-- it uses it.
-- Kinds of term:
--   word    a lower-cased word of 3 letters or more from a title or a body, not a stop word:
--           an English one (Postgres's english_stem dictionary decides: ts_lexize gives {})
--           or one of more_stop_words below (reporting verbs, days, months, and common
--           words Postgres keeps: could, would, one, new, first...)
--   bigram  two such lower-cased words next to each other in a sentence (2 letters or more)
--   name    a capitalised word, as written, that does not start its sentence, from bodies
--           only (titles are often in Title Case): names of places, people, organisations,
--           with no gazetteer; a simple proxy for named places
-- Columns: day, kind, term, rank (1 = most outstanding, within the kind), docs (documents
--   of the day using the term; at least 3), source_count (sources among them), prev_7_avg
--   (documents per day using it over the 7 days before, days without any counted as 0),
--   score = (docs + 1) / (prev_7_avg + 1). Ties: more docs first, then term.

-- Enough memory to count a week of words in hash tables rather than sorts spilled to disk,
-- and no JIT compilation; SET LOCAL ends with the transaction.
SET LOCAL work_mem = '256MB';

SET LOCAL jit = off;

DELETE FROM daily_trending_terms WHERE day = CAST(%(day)s AS date);

WITH bounds AS (
    SELECT CAST(%(day)s AS date) AS day,
           (CAST(%(day)s AS date) - 7)::timestamp AT TIME ZONE 'UTC' AS lo,
           (CAST(%(day)s AS date) + 1)::timestamp AT TIME ZONE 'UTC' AS hi,
           ARRAY['said', 'says', 'told', 'according', 'today', 'yesterday', 'tomorrow',
                 'week', 'month', 'year', 'monday', 'tuesday', 'wednesday', 'thursday',
                 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
                 'may', 'june', 'july', 'august', 'september', 'october', 'november',
                 'december', 'could', 'would', 'should', 'might', 'also', 'one', 'two',
                 'three', 'new', 'first', 'last', 'next', 'years', 'around', 'many', 'much',
                 'since', 'still', 'just', 'like', 'well', 'even', 'per', 'cent'] AS more_stop_words
),
docs AS (
    SELECT 'article:' || a.id AS doc_id, a.source,
           (a.first_fetched_at AT TIME ZONE 'UTC')::date AS day, a.title,
           left(a.body, 1000) AS lede
    FROM articles AS a, bounds AS b
    WHERE a.first_fetched_at >= b.lo AND a.first_fetched_at < b.hi
    UNION ALL
    SELECT 'headline:' || h.id, h.source, (h.first_seen_at AT TIME ZONE 'UTC')::date,
           h.title, NULL
    FROM headlines AS h, bounds AS b
    WHERE h.first_seen_at >= b.lo AND h.first_seen_at < b.hi AND h.title IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM articles AS a
                      WHERE a.source = h.source AND h.url IN (a.url, a.canonical_url))
),
sentences AS (
    SELECT d.doc_id, d.source, d.day, p.part, s.n,
           regexp_replace(s.text, '^[^[:alpha:]]+', '') AS text
    FROM docs AS d
    CROSS JOIN LATERAL (VALUES ('title', d.title), ('body', d.lede)) AS p(part, text)
    CROSS JOIN LATERAL regexp_split_to_table(p.text, '[.!?;:]+(\s+|$)|\n+')
         WITH ORDINALITY AS s(text, n)
    WHERE p.text IS NOT NULL
),
tokens AS (
    SELECT s.doc_id, s.source, s.day, s.part, t.pos, t.word, lower(t.word) AS lower_word,
           lower(t.next_word) AS next_word
    FROM sentences AS s
    CROSS JOIN LATERAL regexp_split_to_array(s.text, '[^[:alpha:]]+') AS w
    CROSS JOIN LATERAL unnest(w, w[2:]) WITH ORDINALITY AS t(word, next_word, pos)
    WHERE t.word <> ''
),
stop_words AS (
    SELECT v.lower_word
    FROM (SELECT DISTINCT lower_word FROM tokens) AS v, bounds AS b
    WHERE ts_lexize('english_stem', v.lower_word) = '{}'
       OR v.lower_word = ANY (b.more_stop_words)
),
terms AS NOT MATERIALIZED (
    SELECT doc_id, source, day, 'word' AS kind, lower_word AS term
    FROM tokens
    WHERE length(word) >= 3 AND lower_word NOT IN (SELECT lower_word FROM stop_words)
    UNION ALL
    SELECT doc_id, source, day, 'name', word
    FROM tokens
    WHERE part = 'body' AND pos > 1 AND word ~ '^[[:upper:]]' AND length(word) >= 2
      AND lower_word NOT IN (SELECT lower_word FROM stop_words)
    UNION ALL
    SELECT doc_id, source, day, 'bigram', lower_word || ' ' || next_word
    FROM tokens
    WHERE length(lower_word) >= 2 AND length(next_word) >= 2
      AND lower_word NOT IN (SELECT lower_word FROM stop_words)
      AND next_word NOT IN (SELECT lower_word FROM stop_words)
),
today AS (
    SELECT t.kind, t.term, count(DISTINCT t.doc_id) AS docs,
           count(DISTINCT t.source) AS source_count
    FROM terms AS t, bounds AS b
    WHERE t.day = b.day
    GROUP BY t.kind, t.term
    HAVING count(DISTINCT t.doc_id) >= 3
),
before AS (
    SELECT t.kind, t.term, count(DISTINCT t.doc_id) AS docs
    FROM terms AS t
    JOIN today USING (kind, term)
    CROSS JOIN bounds AS b
    WHERE t.day < b.day
    GROUP BY t.kind, t.term
),
scored AS (
    SELECT t.kind, t.term, t.docs, t.source_count, coalesce(p.docs, 0) / 7.0 AS prev_7_avg
    FROM today AS t
    LEFT JOIN before AS p USING (kind, term)
),
ranked AS (
    SELECT *, (docs + 1) / (prev_7_avg + 1) AS score,
           row_number() OVER (PARTITION BY kind
                              ORDER BY (docs + 1) / (prev_7_avg + 1) DESC, docs DESC, term)
               AS rank
    FROM scored
)
INSERT INTO daily_trending_terms (day, kind, term, rank, docs, source_count, prev_7_avg, score)
SELECT b.day, r.kind, r.term, r.rank, r.docs, r.source_count, r.prev_7_avg, r.score
FROM ranked AS r
CROSS JOIN bounds AS b
WHERE r.rank <= 20
ORDER BY r.kind, r.rank;
