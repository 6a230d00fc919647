"""``make airflow-demo``: a crawl of a demo outlet through the running Airflow's API, then
the aggregation its Asset event starts."""

from __future__ import annotations

import sys
import time

from newsetl.airflow_local import api
from newsetl.airflow_local.environment import HOST
from newsetl.crawls import DEMO_SETTINGS


def demo(port: int, dag_id: str = "crawl_meridian_wire") -> int:
    """Unpause the aggregation and a demo crawl, trigger the crawl (without politeness delay:
    the demo site is local), wait for it, then for the aggregation run its Asset event starts.

    Unpausing a DAG also starts its latest scheduled run (catchup=False): those run too."""
    base = f"http://{HOST}:{port}"
    if not api.health(base):
        sys.exit(f"Airflow is not running on {base}: make airflow")
    started = time.monotonic()
    before = set(api.runs(base, "aggregate_reports"))
    for dag in ("aggregate_reports", dag_id):
        api.unpause(base, dag)
    run = api.trigger(base, dag_id, {"scrapy_settings": DEMO_SETTINGS})
    print(f"triggered {dag_id}: run {run['dag_run_id']}")
    run = api.wait_run(base, dag_id, run["dag_run_id"])
    print(f"  {run['state']} after {time.monotonic() - started:.0f} s")
    if run["state"] != "success":
        print(f"  see {base}/dags/{dag_id}/runs/{run['dag_run_id']}")
        return 1
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        new = {k: r for k, r in api.runs(base, "aggregate_reports").items() if k not in before}
        triggered = [r for r in new.values() if r["run_type"] == "asset_triggered"]
        if triggered and all(r["state"] in ("success", "failed") for r in new.values()):
            break
        time.sleep(2)
    else:
        print("  the aggregation did not finish in 300 s: see the UI")
        return 1
    for r in sorted(new.values(), key=lambda r: r["run_after"]):
        print(f"aggregate_reports {r['run_type']} run {r['dag_run_id']}: {r['state']}")
    print(f"done in {time.monotonic() - started:.0f} s; see {base}/dags/aggregate_reports")
    return 0 if all(r["state"] == "success" for r in new.values()) else 1
