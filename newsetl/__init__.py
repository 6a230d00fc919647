"""newsetl: news scraping and ETL (Scrapy spiders, item pipelines, PostgreSQL, Airflow)."""
