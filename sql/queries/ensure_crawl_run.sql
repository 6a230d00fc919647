-- The id of the crawl run a batch belongs to, recorded first if the database does not know
-- it (a batch replayed from the spool, a database restored since the crawl began). A run
-- the database knows is read, not updated, so concurrent batches of one crawl never wait on
-- its row; the heartbeat and the end update it (upsert_crawl_run.sql).
-- :run is a JSON object: uuid, spider, source, started_at, owner, heartbeat_at.
WITH run AS (
    SELECT *
    FROM jsonb_to_record(CAST(:run AS jsonb)) AS x(
        uuid uuid, spider text, source text, started_at timestamptz, owner text,
        heartbeat_at timestamptz)
),
inserted AS (
    INSERT INTO crawl_runs (uuid, spider, source, started_at, owner, heartbeat_at, status)
    SELECT uuid, spider, source, started_at, owner, heartbeat_at, 'running' FROM run
    ON CONFLICT (uuid) DO NOTHING
    RETURNING id
)
SELECT id FROM inserted
UNION ALL
SELECT c.id FROM crawl_runs AS c JOIN run USING (uuid)
