-- eval-stories: the story each headline was put in (member_id: 'headline:<id>').
SELECT member_id, story_id FROM story_members
