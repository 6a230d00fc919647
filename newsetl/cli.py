"""The ``newsetl`` command: local database, demo, reports and extraction evaluation.

newsetl db up|down|wipe|url|migrate|downgrade
newsetl demo [--port 8765]
newsetl report [--day YYYY-MM-DD] [--html FILE]
newsetl eval-extraction CORPUS [CORPUS ...] [--compare trafilatura] [--per-page FILE] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import sys

from newsetl import db


def local_url() -> str | None:
    """``DATABASE_URL``, else the project-local cluster's URL when it is running."""
    if url := db.database_url():
        return url
    from newsetl.localdb import LocalCluster, default_datadir

    cluster = LocalCluster(default_datadir())
    return cluster.url if cluster.running() else None


def require_url() -> str:
    url = local_url()
    if not url:
        sys.exit("No database: set DATABASE_URL, or run `make db-up` for a local one.")
    return url


def cmd_db(args) -> int:
    from newsetl.localdb import LocalCluster, PostgresNotInstalled, default_datadir

    if args.action in ("migrate", "downgrade"):
        url = require_url()
        (db.migrate if args.action == "migrate" else db.downgrade)(url, args.revision)
        print(f"{args.action}d {db.masked(url)} to {args.revision}")
        return 0
    cluster = LocalCluster(default_datadir())
    try:
        if args.action == "up":
            cluster.start()
            db.migrate(cluster.url)
            print(f"PostgreSQL is running in {cluster.datadir}; schema migrated.")
            print(f"export DATABASE_URL={cluster.url}")
        elif args.action == "down":
            cluster.stop()
            print(f"PostgreSQL stopped; data kept in {cluster.datadir} (make db-wipe removes it)")
        elif args.action == "wipe":
            cluster.wipe()
            print(f"Removed {cluster.datadir}")
        elif args.action == "url":
            if not cluster.running():
                sys.exit("The local database is not running: make db-up")
            print(cluster.url)
    except PostgresNotInstalled as exc:
        sys.exit(str(exc))
    return 0


def cmd_demo(args) -> int:
    from newsetl.demo import run_demo

    return run_demo(require_url(), port=args.port)


def cmd_report(args) -> int:
    from newsetl.report import main as report_main

    return report_main(require_url(), args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["eval-extraction"]:
        from newsetl.evaluate import main as evaluate

        return evaluate(argv[1:])
    parser = argparse.ArgumentParser(
        prog="newsetl", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("db", help="the local PostgreSQL cluster and the schema")
    p.add_argument("action", choices=["up", "down", "wipe", "url", "migrate", "downgrade"])
    p.add_argument("revision", nargs="?", help="for migrate/downgrade (default head/base)")
    p.set_defaults(func=cmd_db)
    p = commands.add_parser("demo", help="crawl the bundled demo site and print the report")
    p.add_argument("--port", type=int, default=int(os.environ.get("NEWSETL_DEMO_PORT", 8765)))
    p.set_defaults(func=cmd_demo)
    p = commands.add_parser("report", help="print the reports (or write them as HTML)")
    p.add_argument("--day", help="UTC day, YYYY-MM-DD (default: today)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML page")
    p.add_argument("--refresh", action="store_true", help="recompute the day's reports first")
    p.set_defaults(func=cmd_report)
    commands.add_parser("eval-extraction", help="score extraction on a corpus (see --help)")
    args = parser.parse_args(argv)
    if args.command == "db" and args.revision is None:
        args.revision = "base" if args.action == "downgrade" else "head"
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
