-- Upsert configured sources, and create a minimal row for sources that are only names
-- (the urls spider attributes unknown URLs to their host name).
-- :sources is a JSON array of {name, title, homepage, language, country, config}.
INSERT INTO sources AS s (name, title, homepage, language, country, config, updated_at)
SELECT name, coalesce(title, name), coalesce(homepage, 'http://' || name || '/'),
       language, country, coalesce(config, '{}'::jsonb), now()
FROM jsonb_to_recordset(CAST(:sources AS jsonb))
     AS x(name text, title text, homepage text, language text, country text, config jsonb)
ORDER BY name
ON CONFLICT (name) DO UPDATE
SET title = excluded.title, homepage = excluded.homepage, language = excluded.language,
    country = excluded.country, config = excluded.config, updated_at = now()
WHERE excluded.config <> '{}'::jsonb
  AND (s.title, s.homepage, s.language, s.country, s.config)
      IS DISTINCT FROM (excluded.title, excluded.homepage, excluded.language, excluded.country,
                        excluded.config)
