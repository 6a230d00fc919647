-- The stories of the day before the UTC day :day, each member's story and text (as in
-- documents.sql), for a story that goes on past midnight to keep its id.
SELECT m.story_id,
       concat_ws(' ', m.title, coalesce(a.description, h.summary),
                 array_to_string((regexp_split_to_array(a.body, '\s+'))[1:60], ' ')) AS text
FROM story_members AS m
LEFT JOIN articles AS a ON a.id = m.article_id
LEFT JOIN headlines AS h ON h.id = m.headline_id
WHERE m.day = CAST(:day AS date) - 1
ORDER BY m.story_id, m.member_id
