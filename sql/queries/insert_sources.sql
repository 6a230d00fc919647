-- The sources a batch refers to, created when missing (a database restored since the crawl
-- began, a host the urls spider met). Existing rows are left alone and not locked: their
-- configuration is updated once per crawl (upsert_sources.sql), not by every batch.
-- :sources is a JSON array of {name, title, homepage, language, country, config}.
INSERT INTO sources (name, title, homepage, language, country, config, updated_at)
SELECT name, coalesce(title, name), coalesce(homepage, 'http://' || name || '/'),
       language, country, coalesce(config, '{}'::jsonb), now()
FROM jsonb_to_recordset(CAST(:sources AS jsonb))
     AS x(name text, title text, homepage text, language text, country text, config jsonb)
ORDER BY name
ON CONFLICT (name) DO NOTHING
