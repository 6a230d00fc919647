"""Run the demo news site in the foreground: python -m demosite [--port 8765]."""

from __future__ import annotations

import argparse

from .server import make_server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m demosite", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port, quiet=args.quiet)
    stats = server.site.stats()
    print(
        f"newsetl demo site on {server.base_url}/ "
        f"({stats['articles']} articles, {stats['headlines']} headlines); Ctrl-C to stop",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
