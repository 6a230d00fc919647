"""The ``newsetl`` command: local database, demo, reports and extraction evaluation.

newsetl crawl SOURCE [--spider feeds|sitemaps|listing|all] [--refetch] [-a NAME=VALUE]
              [-s NAME=VALUE] [-L LEVEL] [--log-dir DIR] [-v]
newsetl db up|down|wipe|url|migrate|downgrade
newsetl demo [--port 8765]
newsetl report [--day YYYY-MM-DD] [--html FILE]
newsetl eval-extraction CORPUS [CORPUS ...] [--compare trafilatura] [--per-page FILE] [--limit N]
newsetl eval-stories FILE [--database URL]

Ordinary mistakes (a bad sources.yaml, an unknown source, a database that does not answer)
print what is wrong and exit 2; --debug shows the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from newsetl import db
from newsetl.config import SourceConfigError, load_sources
from newsetl.localdb import PostgresNotInstalled

# What an operator can fix: one line on what and where, no traceback.
MISTAKES = (SourceConfigError, db.DatabaseURLError, PostgresNotInstalled, OperationalError)


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


def cmd_crawl(args) -> int:
    from newsetl.crawls import CrawlFailed, run_crawl, verdict

    sources = load_sources()
    if args.source not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise SourceConfigError(f"unknown source {args.source!r} (configured: {known})")
    source = sources[args.source]
    has = [kind for kind, points in source.entry_points.items() if points]
    kinds = has if args.spider == "all" else [args.spider]
    if not set(kinds) <= set(has):
        raise SourceConfigError(
            f"source {source.name!r} has no {args.spider} entry points "
            f"(it has: {', '.join(has) or 'none'}); see sources.yaml"
        )
    url = require_url()
    options = [flag for name in args.spider_args for flag in ("-a", name)]
    options += [flag for setting in args.settings for flag in ("-s", setting)]
    options += ["-L", args.loglevel] if args.loglevel else []
    log_dir = Path(args.log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    failed = False
    for kind in kinds:
        log_file = log_dir / f"{datetime.now():%Y%m%dT%H%M%S}-{kind}-{source.name}.log"
        with log_file.open("w", encoding="utf-8") as log:

            def echo(line: str, log=log) -> None:
                print(line, file=log)
                if args.verbose:
                    print(line, file=sys.stderr)

            try:
                stats, problems = run_crawl(kind, source.name, url, echo=echo, options=options), []
            except CrawlFailed as exc:
                stats, problems = exc.stats, exc.problems
        failed |= bool(problems)
        print(verdict(kind, source.name, stats, problems))
        print(f"  log: {log_file}")
    return 1 if failed else 0


def cmd_report(args) -> int:
    from newsetl.reporting.show import main as report_main

    return report_main(require_url(), args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["eval-extraction"]:
        from newsetl.evaluate import main as evaluate

        return evaluate(argv[1:])
    if argv[:1] == ["eval-stories"]:
        from newsetl.eval_stories import main as eval_stories

        return eval_stories(argv[1:])
    parser = argparse.ArgumentParser(
        prog="newsetl", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser(
        "crawl",
        help="crawl one source now, print a verdict per spider; exit 1 if it needs a look",
    )
    p.add_argument("source", help="a source name from sources.yaml")
    p.add_argument("--spider", choices=["feeds", "sitemaps", "listing", "all"], default="all")
    p.add_argument("--refetch", action="store_true", help="fetch stored articles again")
    p.add_argument("-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("-L", dest="loglevel", metavar="LEVEL", help="Scrapy's log level")
    p.add_argument("--log-dir", default=".newsetl/logs", help="where each crawl's log goes")
    p.add_argument("-v", "--verbose", action="store_true", help="print the Scrapy log too")
    p.set_defaults(func=cmd_crawl)
    p = commands.add_parser("db", help="the local PostgreSQL cluster and the schema")
    p.add_argument("action", choices=["up", "down", "wipe", "url", "migrate", "downgrade"])
    p.add_argument("revision", nargs="?", help="for migrate/downgrade (default head/base)")
    p.set_defaults(func=cmd_db)
    p = commands.add_parser("demo", help="crawl the bundled demo site and print the report")
    p.add_argument("--port", type=int, default=int(os.environ.get("NEWSETL_DEMO_PORT", 8765)))
    p.set_defaults(func=cmd_demo)
    p = commands.add_parser("report", help="print the reports (or write them as HTML)")
    p.add_argument("--day", type=iso_day, help="UTC day, YYYY-MM-DD (default: today)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML page")
    p.add_argument("--refresh", action="store_true", help="recompute the day's reports first")
    p.set_defaults(func=cmd_report)
    commands.add_parser("eval-extraction", help="score extraction on a corpus (see --help)")
    commands.add_parser("eval-stories", help="score the stories on a labelled CSV (see --help)")
    args = parser.parse_args(argv)
    if args.command == "crawl" and args.refetch:
        args.spider_args.append("refetch=true")
    if args.command == "db" and args.revision is None:
        args.revision = "base" if args.action == "downgrade" else "head"
    try:
        return args.func(args)
    except MISTAKES as exc:
        if args.debug or getattr(args, "loglevel", None) == "DEBUG":
            raise
        print(f"newsetl {args.command}: {describe(exc)}", file=sys.stderr)
        return 2


def iso_day(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a day: write it as YYYY-MM-DD, e.g. 2026-11-27"
        ) from None


def describe(exc: BaseException) -> str:
    """One line for an operator: what went wrong, where, what to do."""
    if isinstance(exc, OperationalError):
        url = make_url(local_url() or "postgresql://localhost")
        cause = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        reason = cause.rsplit(": ", 1)[-1].strip().lower() or "no answer"
        return (
            f"cannot reach the database at {url.host}:{url.port or 5432} ({reason}). "
            "Is it running? `make db-up` starts the local one; else check DATABASE_URL."
        )
    return str(exc)


if __name__ == "__main__":
    sys.exit(main())
