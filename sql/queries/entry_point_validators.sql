-- The validators for conditional GET of every entry point that has one.
SELECT url, etag, last_modified
FROM entry_points
WHERE etag IS NOT NULL OR last_modified IS NOT NULL
