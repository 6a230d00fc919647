-- Rewrite the trending terms of the UTC day :day. Delete its rows in daily_trending_terms,
-- insert :terms (a JSON array of its rows without the day).
-- Columns: day, kind ('word', 'name': a multi-word name, 'bigram': another two-word phrase),
--   term (case-folded), rank (1 = most outstanding, within the kind), docs (documents of the
--   day using it), source_count (sources among them), prev_7_avg (documents per day using it
--   over the 7 days before), score (log-likelihood ratio G2 of its use on the day against the
--   background: the trailing window and wordfreq's English frequencies).
DELETE FROM daily_trending_terms WHERE day = CAST(:day AS date);

INSERT INTO daily_trending_terms (day, kind, term, rank, docs, source_count, prev_7_avg, score)
SELECT CAST(:day AS date), kind, term, rank, docs, source_count, prev_7_avg, score
FROM jsonb_to_recordset(CAST(:terms AS jsonb)) AS x(
    kind text, term text, rank int, docs int, source_count int, prev_7_avg float8,
    score float8)
ORDER BY kind, rank;
