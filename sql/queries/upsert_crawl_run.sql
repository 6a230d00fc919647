-- Record a crawl run by the UUID its crawler made, and return its id. Called with every
-- batch (so a batch replayed from the spool, even into a restored database, records its
-- run), as a heartbeat, and at the end with the final status. A record without
-- finished_at never reopens a run that has ended.
-- :run is a JSON object: uuid, spider, source, started_at, owner, heartbeat_at and, at the
-- end, finished_at, status, finish_reason, items_stored, items_dropped, items_spooled, stats.
INSERT INTO crawl_runs AS r (uuid, spider, source, started_at, owner, heartbeat_at, status,
                             finished_at, finish_reason, items_stored, items_dropped,
                             items_spooled, stats)
SELECT uuid, spider, source, started_at, owner, heartbeat_at, coalesce(status, 'running'),
       finished_at, finish_reason, coalesce(items_stored, 0), coalesce(items_dropped, 0),
       coalesce(items_spooled, 0), stats
FROM jsonb_to_record(CAST(:run AS jsonb)) AS x(
    uuid uuid, spider text, source text, started_at timestamptz, owner text,
    heartbeat_at timestamptz, status text, finished_at timestamptz, finish_reason text,
    items_stored int, items_dropped int, items_spooled int, stats jsonb)
ON CONFLICT (uuid) DO UPDATE
SET heartbeat_at = greatest(r.heartbeat_at, excluded.heartbeat_at),
    finished_at = coalesce(excluded.finished_at, r.finished_at),
    status = CASE WHEN excluded.finished_at IS NULL THEN r.status ELSE excluded.status END,
    finish_reason = coalesce(excluded.finish_reason, r.finish_reason),
    items_stored = CASE WHEN excluded.finished_at IS NULL THEN r.items_stored
                        ELSE excluded.items_stored END,
    items_dropped = CASE WHEN excluded.finished_at IS NULL THEN r.items_dropped
                         ELSE excluded.items_dropped END,
    items_spooled = CASE WHEN excluded.finished_at IS NULL THEN r.items_spooled
                         ELSE excluded.items_spooled END,
    stats = coalesce(excluded.stats, r.stats)
RETURNING id
