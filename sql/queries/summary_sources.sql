-- Headlines and articles stored per source.
SELECT s.name AS source,
       (SELECT count(*) FROM headlines h WHERE h.source = s.name) AS headlines,
       (SELECT count(*) FROM articles a WHERE a.source = s.name) AS articles,
       (SELECT max(h.last_seen_at) FROM headlines h WHERE h.source = s.name) AS last_seen
FROM sources s
ORDER BY s.name
