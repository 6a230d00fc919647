"""``python -m newsetl.airflow_local start|stop|status|demo`` (the Makefile's airflow
targets)."""

from __future__ import annotations

import argparse
import os
import sys

import newsetl.airflow_local
from newsetl.airflow_local.demo import demo
from newsetl.airflow_local.stack import start, status, stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsetl.airflow_local",
        description=newsetl.airflow_local.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "action", nargs="?", default="start", choices=["start", "stop", "status", "demo"]
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("AIRFLOW_PORT", 8080)))
    parser.add_argument(
        "--dag", default="crawl_meridian_wire", help="demo: the crawl DAG to trigger"
    )
    parser.add_argument(
        "--no-demo-site",
        dest="demo_site",
        action="store_false",
        help="do not serve the demo news site on 127.0.0.1:8765",
    )
    args = parser.parse_args(argv)
    if args.action == "start":
        return start(args.port, args.demo_site)
    if args.action == "stop":
        return stop()
    if args.action == "status":
        return status(args.port)
    return demo(args.port, args.dag)


if __name__ == "__main__":
    sys.exit(main())
