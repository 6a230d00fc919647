-- eval-stories: every stored headline's id and title by (source, url).
SELECT source, url, id, title FROM headlines
