-- eval-stories: every stored headline's id by (source, url).
SELECT source, url, id FROM headlines
