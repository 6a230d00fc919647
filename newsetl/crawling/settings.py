"""Scrapy settings for newsetl: the one place where crawling behaviour is configured.

Polite by default. Values that depend on the deployment come from the environment:
``DATABASE_URL``, ``NEWSETL_SOURCES``, ``NEWSETL_SPOOL_DIR``, ``REDIS_URL``.
"""

import os

BOT_NAME = "newsetl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# `scrapy crawl` exits non-zero when the crawl left data outside the database
COMMANDS_MODULE = "newsetl.crawling.commands"

USER_AGENT = "newsetl/0.1 (+https://github.com/newsetl/newsetl; news research crawler)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_CRAWL_DELAY_MAX = 60.0  # robots.txt Crawl-delay is obeyed up to this many seconds
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # a page far larger than any article is refused
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_AFTER_MAX = 60.0  # a 429/503 Retry-After is honoured up to this many seconds
REDIRECT_MAX_TIMES = 5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
# First in, first out: requests are fetched in the order the spiders yield them (entry
# points, then articles newest first), with one priority for all: Scrapy's priority queue
# rescans every priority on each pop, so one priority per request is quadratic.
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.ScrapyPriorityQueue"
LOG_LEVEL = "INFO"
SITEMAP_INDEX_MAX_DEPTH = 4  # sitemap indexes nested deeper are not followed

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsetl.crawling.middlewares.StrictOffsiteMiddleware": 50,  # also filters retried requests
    # waits what Retry-After asks, then RetryMiddleware (550) retries
    "newsetl.crawling.middlewares.RetryAfterMiddleware": 560,
    # conditional GET of feeds, sitemaps and listings; their state in entry_points
    "newsetl.crawling.entry_points.EntryPointState": 575,
}
SPIDER_MIDDLEWARES = {
    # articles already stored are not fetched again (one query per batch of requests)
    "newsetl.crawling.middlewares.SkipStoredArticles": 950,
}
SKIP_STORED_BATCH = 1000
EXTENSIONS = {
    # records the crawl in crawl_runs; holds the writer the store pipeline writes through
    "newsetl.crawling.extensions.CrawlRuns": 100,
    # article extraction in worker processes (EXTRACTION_PROCESSES, below)
    "newsetl.crawling.extraction_pool.ExtractionPool": 200,
    "newsetl.crawling.extensions.RobotsCrawlDelay": 500,
    "newsetl.crawling.extensions.StatsFile": 900,  # final stats as JSON, when STATS_FILE is set
}
STATS_FILE = ""

ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 100,
    "pipelines.normalize.NormalizePipeline": 200,
    "pipelines.validate.ValidatePipeline": 300,
    "pipelines.dedup.DedupPipeline": 400,
    "pipelines.titles.SiteSuffixPipeline": 500,
    "pipelines.store.PostgresStorePipeline": 900,
}

# Storage: a SQLAlchemy URL (postgresql+psycopg://user:password@host:port/db). Unset: no store.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
STORE_BATCH_SIZE = 100
STORE_FLUSH_SECONDS = 10.0
SPOOL_DIR = os.environ.get("NEWSETL_SPOOL_DIR", ".newsetl/spool")
STORE_TIMEOUT = 15.0  # seconds one database operation may take before its batch is spooled
STORE_RETRY_SECONDS = 60.0  # after a database that hung, batches go straight to the spool
CRAWL_RUN_HEARTBEAT_SECONDS = 60.0  # a running crawl updates crawl_runs.heartbeat_at
CRAWL_RUN_STALE_SECONDS = 900.0  # a run silent this long is marked abandoned

# A crawl frontier shared by several processes (newsetl.crawling.frontier): on when REDIS_URL is set
# (redis://host:6379/0); off, each process has Scrapy's own scheduler. The processes of one
# crawl share FRONTIER_RUN (unset: a fresh run per process).
REDIS_URL = os.environ.get("REDIS_URL", "")
FRONTIER_RUN = ""
FRONTIER_MODE = "both"  # "seed": send the entry points and exit; "crawl": only drain
FRONTIER_IDLE_SECONDS = 30.0  # a process ends once the shared queue is empty this long
FRONTIER_TTL_SECONDS = 2 * 24 * 3600  # a run's queue and seen-set expire this long unused
# With REDIS_URL, a site's download delay and concurrency hold across all the processes
# sharing the Redis (frontier.SharedPoliteness), not per process.

# Article extraction runs in this many worker processes (newsetl.crawling.extraction_pool);
# 0: in the crawl's own process.
EXTRACTION_PROCESSES = os.cpu_count() or 1
