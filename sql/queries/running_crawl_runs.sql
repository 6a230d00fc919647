-- Runs still marked running, with their owning process and last heartbeat.
SELECT id, owner, heartbeat_at FROM crawl_runs WHERE status = 'running'
