-- Check: no active source's volume collapsed. A source's weekly volume is the number of
-- headlines first seen in a week; its usual weekly volume is the average of the four weeks
-- before the last seven days. A source whose volume in the seven days before :now is under
-- a quarter of its usual weekly volume is flagged: a feed that broke, moved or went quiet
-- while the crawls stay green. A source with no headline in those four weeks is not judged
-- (sources_fresh catches one that never delivers).
-- Parameter: :now, the reference time (timestamptz; the DAG passes its data interval end).
-- Returns the flagged sources (zero rows = pass): source, this_week, usual_week.
WITH bounds AS (
    SELECT CAST(:now AS timestamptz) AS now
),
volume AS (
    SELECT s.name AS source,
           count(h.id) FILTER (WHERE h.first_seen_at >= b.now - interval '7 days') AS this_week,
           count(h.id) FILTER (WHERE h.first_seen_at < b.now - interval '7 days') / 4.0
               AS usual_week
    FROM sources AS s
    CROSS JOIN bounds AS b
    LEFT JOIN headlines AS h
      ON h.source = s.name
     AND h.first_seen_at >= b.now - interval '35 days'
     AND h.first_seen_at < b.now
    WHERE s.config->>'active' IS DISTINCT FROM 'false'
    GROUP BY s.name
)
SELECT source, this_week, round(usual_week, 1) AS usual_week
FROM volume
WHERE usual_week > 0 AND this_week < usual_week / 4
ORDER BY source
