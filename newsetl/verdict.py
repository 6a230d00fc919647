"""Whether a finished crawl left data outside the database, from its final stats.

``scrapy crawl`` (through ``newsetl.commands.crawl``) exits non-zero on any of these, and the
Airflow crawl task fails on them (``newsetl.airflow_common.crawl_problems``): a crawl that
leaves data behind never ends green.
"""

from __future__ import annotations

STORE_FAILED = "store_failed"  # the close reason when neither database nor spool takes items


def data_left_behind(stats: dict) -> list[str]:
    """Why the crawl's data is not all in the database (empty: it is)."""
    problems = []
    if stats.get("finish_reason") == STORE_FAILED:
        problems.append(
            "the crawl stopped early: neither the database nor the spool could take items"
        )
    if lost := stats.get("newsetl/store/lost", 0):
        problems.append(f"{lost} items lost (stored nowhere; their URLs are in the log)")
    if quarantined := stats.get("newsetl/spool/quarantined", 0):
        problems.append(
            f"{quarantined} batches refused by the database and quarantined "
            "(the spool's quarantine/ folder holds them with the error beside each)"
        )
    if waiting := stats.get("newsetl/spool/size", 0):
        problems.append(
            f"database unreachable: {waiting} items wait in the spool "
            "(the next crawl replays them once the database answers)"
        )
    return problems
