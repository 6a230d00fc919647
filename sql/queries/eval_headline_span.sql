-- eval-stories: the first and last time a headline was seen, to know the days to report.
SELECT min(first_seen_at), max(first_seen_at) FROM headlines
