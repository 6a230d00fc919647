INSERT INTO crawl_runs (spider, source, started_at, status)
VALUES (:spider, :source, :started_at, 'running')
RETURNING id
