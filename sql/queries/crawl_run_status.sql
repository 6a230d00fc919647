-- How a crawl run was recorded: its status and the items it stored.
SELECT status, items_stored FROM crawl_runs WHERE id = :id
