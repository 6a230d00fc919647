"""The end-to-end benchmark keeps working: a 50-page run of tests/benchmarks/bench_e2e.py
stores every article once and produces every figure (no timing is asserted)."""

import json
import subprocess
import sys

import pytest
from helpers import ROOT

pytestmark = pytest.mark.slow
PAGES = 50


def test_a_small_end_to_end_run_stores_every_article_once_and_reports(tmp_path):
    out = tmp_path / "e2e.json"
    bench = ROOT / "tests" / "benchmarks" / "bench_e2e.py"
    run = subprocess.run(
        [sys.executable, str(bench), "--pages", str(PAGES), "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    r = json.loads(out.read_text())

    assert r["articles_stored"] == r["articles_distinct_urls"] == PAGES
    assert r["articles_fetched_twice"] == r["articles_not_fetched"] == 0
    # each spider finds its share of the site: feeds, listing pages, sitemaps
    assert [c["spider"] for c in r["crawls"]] == ["feeds", "listing", "sitemaps"]
    assert [c["articles"] for c in r["crawls"]] == [17, 17, 16]
    for crawl in r["crawls"]:
        assert crawl["peak_rss_mib"] > 0
        assert crawl["dupefilter_fingerprints"] >= crawl["articles"]
    e = r["end_to_end"]
    assert e["pages_s"] > 0 and e["articles_s"] > 0
    assert set(e["cpu_ms_per_article"]) == {
        "startup",
        "download+parse",
        "extraction",
        "pipelines",
        "database",
    }
    assert all(ms > 0 for ms in e["cpu_ms_per_article"].values())
    assert r["extraction_only"]["pages"] == PAGES
    assert r["extraction_only"]["trafilatura_pages_s"] > 0 and r["ratio_to_trafilatura"] > 0
    assert r["step_costs"]["JSON-LD pass"]["calls_per_page"] == 1
    assert r["step_costs"]["ftfy"]["calls_per_page"] > 0
    assert r["store_vs_copy"]["rows"] == PAGES and r["store_vs_copy"]["ratio"] > 0
    assert "end to end, 50 article pages" in run.stdout
