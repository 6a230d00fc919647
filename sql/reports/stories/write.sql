-- Rewrite the stories of the UTC day :day. Delete its rows in story_members and
-- daily_stories, insert the members in :members (a JSON array of story_members rows without
-- the day), then one daily_stories row per story.
--
-- story_members columns: day, member_id ('article:<articles.id>' or 'headline:<headlines.id>'),
--   story_id, article_id, headline_id (one of the two is set), source, title, url (canonical
--   URL of an article, URL of a headline), first_seen_at (articles.first_fetched_at or
--   headlines.first_seen_at), body_hash (NULL for a headline).
-- daily_stories columns: day, story_id, title (of its earliest member), sources (sorted
--   text[]), source_count, member_count (every member, wire copies included),
--   distinct_reports (distinct bodies: a wire copy carried by several outlets counts once, each
--   headline without an article counts once), first_seen_at and last_seen_at of its members.
DELETE FROM story_members WHERE day = CAST(:day AS date);

DELETE FROM daily_stories WHERE day = CAST(:day AS date);

INSERT INTO story_members (day, member_id, story_id, article_id, headline_id, source, title,
                           url, first_seen_at, body_hash)
SELECT CAST(:day AS date), member_id, story_id, article_id, headline_id, source, title, url,
       first_seen_at, body_hash
FROM jsonb_to_recordset(CAST(:members AS jsonb)) AS x(
    member_id text, story_id text, article_id text, headline_id bigint, source text,
    title text, url text, first_seen_at timestamptz, body_hash text)
ORDER BY story_id, member_id;

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
WHERE day = CAST(:day AS date)
GROUP BY day, story_id
ORDER BY story_id;
