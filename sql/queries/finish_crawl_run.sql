UPDATE crawl_runs
SET finished_at = :finished_at, status = :status, finish_reason = :finish_reason,
    items_stored = :items_stored, items_dropped = :items_dropped,
    items_spooled = :items_spooled, stats = CAST(:stats AS jsonb)
WHERE id = :id
