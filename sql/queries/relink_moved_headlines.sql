-- An entry that kept its id (RSS <guid>, Atom <id>, JSON Feed id) but changed its URL is the
-- same headline: the stored row takes the new URL and keeps its first-seen time and its
-- sightings. Run before upsert_headlines, in the same transaction. A row moves only when it
-- is the source's one headline with that id and no headline of the source has the new URL.
-- :rows is the JSON array of headline rows given to upsert_headlines.
WITH incoming AS (
    SELECT DISTINCT ON (source, external_id) source, external_id, url
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(
        source text, url text, external_id text, seen_at timestamptz)
    WHERE external_id IS NOT NULL
    ORDER BY source, external_id, seen_at DESC
),
targets AS (  -- two ids announced with one URL: only one may move there
    SELECT DISTINCT ON (source, url) * FROM incoming ORDER BY source, url, external_id
)
UPDATE headlines AS h
SET url = i.url
FROM targets AS i
WHERE h.source = i.source
  AND h.external_id = i.external_id
  AND h.url <> i.url
  AND NOT EXISTS (SELECT FROM headlines AS o WHERE o.source = i.source AND o.url = i.url)
  AND NOT EXISTS (SELECT FROM headlines AS o
                  WHERE o.source = h.source AND o.external_id = h.external_id AND o.id <> h.id)
