-- Mark runs whose process is gone (or silent for longer than :stale_seconds) as abandoned.
UPDATE crawl_runs
SET status = 'abandoned', finish_reason = coalesce(finish_reason, 'abandoned'),
    finished_at = coalesce(finished_at, heartbeat_at, started_at)
WHERE status = 'running'
  AND (id = ANY(CAST(:dead AS bigint[]))
       OR coalesce(heartbeat_at, started_at) < now() - make_interval(secs => :stale_seconds))
RETURNING id
