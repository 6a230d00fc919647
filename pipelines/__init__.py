"""Item pipelines, in order: clean (100), normalise (200), validate (300), dedup (400),
store (900). Each does one thing and counts what it changes or drops in the crawl stats
under ``newsetl/<pipeline>/...``."""
